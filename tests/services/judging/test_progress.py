"""Judging progress counted from one query: judges, entries and scorecards of a campaign."""

from __future__ import annotations

from scoring.enums import Category, ConflictKind, Role
from scoring.records.entries import NewEntry
from scoring.records.judging import Conflict
from scoring.records.progress import EntryProgress, JudgeProgress
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.judging.progress import judging_progress
from scoring.storage import assignments as assignment_store
from scoring.storage import entries as entry_store
from tests.conftest import T0, admin_actor

COORD = Actor("coord", Role.COORDINATOR, None)


def test_demo_progress_per_judge_entry_and_card(demo_ctx: Context) -> None:
    progress = judging_progress(demo_ctx, actor=COORD, campaign_id=1)
    assert [(j.username, j.assigned, j.submitted, j.drafts) for j in progress.judges] == [
        ("judge1", 15, 15, 0),
        ("judge2", 15, 14, 1),
        ("judge3", 15, 12, 1),
        ("judge4", 15, 8, 0),
        ("judge5", 13, 3, 2),  # two entries of judge5's own association are barred
    ]
    assert (progress.submitted, progress.expected) == (52, 73)
    assert [j.username for j in progress.behind] == ["judge5", "judge4", "judge3", "judge2"]
    assert [e.code for e in progress.short_of_judges] == ["GS-2023-014", "GS-2023-015"]
    assert len(progress.cards) == 56
    first = progress.cards[0]
    assert (first.code, first.username, first.display_name, first.marks_given) == (
        "GS-2023-001",
        "judge1",
        "马教授",
        6,
    )


def test_a_recusal_an_idle_judge_and_an_entry_without_judges(demo_ctx: Context) -> None:
    idle = users.add_user(
        demo_ctx,
        actor=admin_actor(),
        username="judge9",
        role=Role.JUDGE,
        password="a-long-passphrase-9",
        display_name="新评委",
    )
    recusal = Conflict(
        judge_id=3, entry_id=1, kind=ConflictKind.RECUSAL, declared_by="judge1", declared_at=T0
    )
    lonely = NewEntry(
        campaign_id=1,
        code="GS-2023-099",
        title="迟到的作品",
        category=Category.MICRO_VIDEO,
        created_at=T0,
        updated_at=T0,
    )

    def work(cur):  # type: ignore[no-untyped-def]
        assignment_store.add_conflict(cur, recusal)
        return entry_store.add_entry(cur, lonely)

    added = demo_ctx.db.write(work)

    progress = judging_progress(demo_ctx, actor=COORD, campaign_id=1)

    by_name = {j.username: j for j in progress.judges}
    assert by_name["judge1"] == JudgeProgress(
        judge_id=3,
        username="judge1",
        display_name="马教授",
        assigned=14,
        submitted=14,
        drafts=0,
        recused=1,
        paper=0,
        mean_watch_share=1.0,
    )
    assert by_name["judge9"] == JudgeProgress(
        judge_id=idle.id,
        username="judge9",
        display_name="新评委",
        assigned=0,
        submitted=0,
        drafts=0,
        recused=0,
    )
    by_code = {e.code: e for e in progress.entries}
    # the recused judge's card still counts for the entry (the ranking reads it)
    assert (by_code["GS-2023-001"].assigned, by_code["GS-2023-001"].submitted) == (4, 5)
    assert by_code["GS-2023-099"] == EntryProgress(
        entry_id=added.id, code="GS-2023-099", title="迟到的作品", assigned=0, submitted=0,
        drafts=0,
    )  # fmt: skip
    assert len(progress.entries) == 16
    assert (progress.submitted, progress.expected) == (51, 72)
