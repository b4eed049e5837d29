"""Scorecards through the service: permissions, drafts with history, watching, submit,
reopen, recusal, the deadline, and many judges saving at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from scoring.enums import ConflictKind, Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.judging import Assignment, Conflict
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.storage import campaigns as campaign_store
from scoring.storage.assignments import add_assignment, add_conflict
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.entries import get_entry, update_entry
from scoring.storage.scorecards import list_scorecard_changes, scorecard_for
from scoring.storage.users import list_users, update_user
from tests.conftest import COORD, SHELL, FakeClock
from tests.marks import DEMO_MARKS as ALL
from tests.watching import video_sent


def judge(ctx: Context, name: str) -> Actor:
    user = next(u for u in ctx.db.read(list_users) if u.username == name)
    return Actor.of(user)


def watch_all(ctx: Context, actor: Actor, entry_id: int) -> float:
    video_sent(ctx, actor, entry_id, opened_ago_s=3600)
    return scorecards.record_watching(ctx, actor=actor, entry_id=entry_id, ranges=[[0, 60]])


def test_judge_cannot_open_or_score_an_unassigned_or_conflicted_entry(demo_ctx: Context) -> None:
    judge5 = judge(demo_ctx, "judge5")  # same unit as the recommender of entries 6 and 7
    for call in (
        lambda: scorecards.open_for_scoring(demo_ctx, actor=judge5, entry_id=6),
        lambda: scorecards.save_draft(demo_ctx, actor=judge5, entry_id=6, marks={"lively": 5}),
        lambda: scorecards.submit_scorecard(demo_ctx, actor=judge5, entry_id=7, marks=ALL),
        lambda: scorecards.record_watching(demo_ctx, actor=judge5, entry_id=7, ranges=[[0, 1]]),
    ):
        with pytest.raises(NotAllowed) as caught:
            call()
        assert caught.value.key == "error.entry_not_yours"
    assert demo_ctx.db.read(lambda c: scorecard_for(c, judge5.user_id or 0, 6)) is None


def test_a_draft_shows_the_share_and_gaps_of_its_stored_ranges(demo_ctx: Context) -> None:
    # Reported on the demo: 40 % watched while 0:00–0:10 was listed as unwatched, and
    # watching 0:04–0:07 then lowered the share to 32 %.
    judge5 = judge(demo_ctx, "judge5")  # demo draft on GS-2023-004 (10 s), first 4 s seen
    view = scorecards.open_for_scoring(demo_ctx, actor=judge5, entry_id=4)
    assert (view.watch_share, view.unwatched) == (0.4, [(4.0, 10.0)])
    video_sent(demo_ctx, judge5, 4, opened_ago_s=3600)
    share = scorecards.record_watching(demo_ctx, actor=judge5, entry_id=4, ranges=[[4, 7]])
    view = scorecards.open_for_scoring(demo_ctx, actor=judge5, entry_id=4)
    assert (share, view.watch_share, view.unwatched) == (0.7, 0.7, [(7.0, 10.0)])
    card = demo_ctx.db.read(lambda c: scorecard_for(c, judge5.user_id or 0, 4))
    assert card is not None and (card.watch_share, card.watch_ranges) == (0.7, [[0.0, 7.0]])


def test_coordinator_is_not_a_judge(demo_ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        scorecards.save_draft(demo_ctx, actor=COORD, entry_id=1, marks={"lively": 5})


def test_judge_sees_only_their_own_card(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    view = scorecards.open_for_scoring(demo_ctx, actor=judge4, entry_id=2)
    assert view.card is None  # judge1–3 have submitted entry 2; judge4 has not started
    other = scorecards.open_for_scoring(demo_ctx, actor=judge(demo_ctx, "judge1"), entry_id=2)
    assert other.card is not None and other.card.judge_id != judge4.user_id


def test_blind_mode_hides_who_made_and_sent_the_entry(demo_ctx: Context) -> None:
    view = scorecards.open_for_scoring(demo_ctx, actor=judge(demo_ctx, "judge4"), entry_id=11)
    entry = view.entry
    assert (entry.producer, entry.submitter, entry.recommender, entry.contact, entry.phone) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert entry.intro == "戈壁滩上，一块块光伏板在质量管理的守护下源源不断输出清洁能源。"


def test_drafts_keep_every_change_with_old_and_new(demo_ctx: Context, clock: FakeClock) -> None:
    judge4 = judge(demo_ctx, "judge4")
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    clock.advance(minutes=1)
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 7.5}, comment="好")
    clock.advance(minutes=1)
    card = scorecards.save_draft(
        demo_ctx, actor=judge4, entry_id=2, marks={"lively": 7.5, "theme": 9.0}
    )
    history = demo_ctx.db.read(lambda c: list_scorecard_changes(c, card.id))
    assert [(h.field, h.old_value, h.new_value, h.changed_by) for h in history] == [
        ("lively", None, "6.0", "judge4"),
        ("lively", "6.0", "7.5", "judge4"),
        ("comment", "", "好", "judge4"),
        ("theme", None, "9.0", "judge4"),
    ]
    assert card.marks == {"lively": 7.5, "theme": 9.0}
    assert card.status is ScorecardStatus.DRAFT


def test_bad_mark_refused_and_nothing_stored(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    with pytest.raises(InvalidInput) as caught:
        scorecards.save_draft(
            demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0, "theme": 7.3}
        )
    assert caught.value.key == "error.mark_step"
    assert demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2)) is None


def test_submit_names_the_missing_criteria(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    watch_all(demo_ctx, judge4, 2)
    with pytest.raises(InvalidInput) as caught:
        scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 7.0})
    assert caught.value.message("en") == (
        "Not yet: these criteria have no mark: 启发性、感染力（Inspiring and moving）、"
        "不像广告推介、工作总结、呆板说教（Does not read like an advert, a work report or a "
        "lecture）、主题鲜明、导向正确，讲好质量故事（Clear theme, right message, tells a quality "
        "story）、画面清晰、制作精良（Clear picture, well made）、"
        "原创首发（Original, first release）."
    )


def test_submit_refused_before_watching_enough(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")  # entry 2 lasts 15 s
    video_sent(demo_ctx, judge4, 2, opened_ago_s=3600)
    scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 6], [12, 15]])
    with pytest.raises(InvalidInput) as caught:
        scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=2, marks=ALL)
    assert caught.value.params == {"share": 60, "required": 90}
    card = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    assert card is not None and card.status is ScorecardStatus.DRAFT
    assert card.watch_ranges == [[0.0, 6.0], [12.0, 15.0]]


def test_submit_after_watching_locks_the_card(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    video_sent(demo_ctx, judge4, 2, opened_ago_s=3600)
    scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 8]])
    assert watch_all(demo_ctx, judge4, 2) == 1.0
    card = scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=2, marks=ALL, comment="佳")
    assert (card.status, card.marks, card.comment, card.watch_share) == (
        ScorecardStatus.SUBMITTED,
        ALL,
        "佳",
        1.0,
    )
    with pytest.raises(NotAllowed) as caught:
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 1.0})
    assert caught.value.key == "error.scorecard_locked"
    kept = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    assert kept is not None and kept.marks["lively"] == 8.0


def test_coordinator_reopens_with_a_reason_the_judge_sees(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    watch_all(demo_ctx, judge4, 2)
    scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=2, marks=ALL)
    with pytest.raises(InvalidInput):
        scorecards.reopen_scorecard(
            demo_ctx, actor=COORD, judge_id=judge4.user_id or 0, entry_id=2, reason="  "
        )
    with pytest.raises(NotAllowed):
        scorecards.reopen_scorecard(
            demo_ctx, actor=judge4, judge_id=judge4.user_id or 0, entry_id=2, reason="x"
        )
    scorecards.reopen_scorecard(
        demo_ctx, actor=COORD, judge_id=judge4.user_id or 0, entry_id=2, reason="创新性一项请再核"
    )
    view = scorecards.open_for_scoring(demo_ctx, actor=judge4, entry_id=2)
    assert view.card is not None
    assert (view.card.status, view.card.reopen_reason) == (
        ScorecardStatus.DRAFT,
        "创新性一项请再核",
    )
    card = scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"original": 7.0})
    assert card.marks["original"] == 7.0
    events = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="score.reopen")))
    assert events[0].details == {"judge_id": judge4.user_id, "reason": "创新性一项请再核"}


def test_nothing_changes_after_the_deadline(demo_ctx: Context, clock: FakeClock) -> None:
    judge4 = judge(demo_ctx, "judge4")
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    campaign = demo_ctx.db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.scoring_deadline is not None
    clock.current = campaign.scoring_deadline + timedelta(seconds=1)
    with pytest.raises(InvalidInput) as caught:
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 9.0})
    assert caught.value.key == "error.scoring_closed"
    assert scorecards.open_for_scoring(demo_ctx, actor=judge4, entry_id=2).closed is True
    clock.current = campaign.scoring_deadline - timedelta(seconds=1)
    assert scorecards.open_for_scoring(demo_ctx, actor=judge4, entry_id=2).closed is False


def test_recusal_removes_the_entry_and_is_audited(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    with pytest.raises(InvalidInput):
        scorecards.recuse(demo_ctx, actor=judge4, entry_id=4, reason="")
    scorecards.recuse(demo_ctx, actor=judge4, entry_id=4, reason="本人参与了拍摄")
    with pytest.raises(NotAllowed):
        scorecards.open_for_scoring(demo_ctx, actor=judge4, entry_id=4)
    events = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="judge.recuse")))
    assert (events[0].actor, events[0].target) == ("judge4", "GS-2023-004")


def test_recusal_refused_after_submitting(demo_ctx: Context) -> None:
    judge1 = judge(demo_ctx, "judge1")
    with pytest.raises(InvalidInput) as caught:
        scorecards.recuse(demo_ctx, actor=judge1, entry_id=1, reason="x")
    assert caught.value.key == "error.recuse_after_submit"


def test_history_is_the_judges_own_or_staffs(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    card = scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    assert len(scorecards.scorecard_history(demo_ctx, actor=COORD, scorecard_id=card.id)) == 1
    with pytest.raises(NotAllowed):
        scorecards.scorecard_history(
            demo_ctx, actor=judge(demo_ctx, "judge1"), scorecard_id=card.id
        )


def test_thirty_judges_saving_at_once_each_stored_exactly_once(demo_ctx: Context) -> None:
    campaign = demo_ctx.db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None
    judges = []
    for n in range(30):
        user = users.add_user(
            demo_ctx, actor=SHELL, username=f"load{n}", role=Role.JUDGE, password="a-long-password"
        )
        judges.append(Actor.of(user))
    demo_ctx.db.write(
        lambda c: [
            add_assignment(
                c,
                Assignment(
                    campaign_id=1, judge_id=a.user_id or 0, entry_id=3, assigned_at=demo_ctx.now()
                ),
            )
            for a in judges
        ]
    )
    errors: list[BaseException] = []
    barrier = threading.Barrier(30)

    def save(actor: Actor, value: float) -> None:
        try:
            barrier.wait()
            scorecards.save_draft(demo_ctx, actor=actor, entry_id=3, marks={"lively": value})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(a, (n % 20) / 2)) for n, a in enumerate(judges)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    rows = demo_ctx.db.read(
        lambda c: c.execute(
            "SELECT s.judge_id, m.value FROM scorecards s JOIN marks m ON m.scorecard_id = s.id"
            " WHERE s.entry_id = 3 AND s.judge_id >= ? ORDER BY s.judge_id",
            [judges[0].user_id],
        ).fetchall()
    )
    assert rows == [(a.user_id, (n % 20) / 2) for n, a in enumerate(judges)]


def test_a_save_after_the_entry_names_the_judges_unit_is_refused(demo_ctx: Context) -> None:
    # The first save keeps the card and its facts for the next save; an edit of the entry
    # in between must still close it to the judge at once.
    judge4 = judge(demo_ctx, "judge4")
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    entry = demo_ctx.db.read(lambda c: get_entry(c, 2))
    assert entry is not None
    demo_ctx.db.write(lambda c: update_entry(c, replace(entry, producer=judge4.unit)))
    with pytest.raises(NotAllowed) as caught:
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 7.0})
    assert caught.value.key == "error.entry_not_yours"
    card = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    assert card is not None and card.marks == {"lively": 6.0}


def test_a_save_after_the_judge_is_disabled_or_barred_is_refused(demo_ctx: Context) -> None:
    # The lane decides access with assignment.judge_may_open at every save: a conflict
    # recorded or the judge disabled between two saves refuses the next one.
    judge4 = judge(demo_ctx, "judge4")
    judge_id = judge4.user_id or 0
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    scorecards.save_draft(demo_ctx, actor=judge4, entry_id=4, marks={"lively": 6.0})
    barred = Conflict(
        judge_id=judge_id,
        entry_id=2,
        kind=ConflictKind.RECUSAL,
        reason="亲属",
        declared_by="coord",
        declared_at=demo_ctx.now(),
    )
    demo_ctx.db.write(lambda c: add_conflict(c, barred))
    with pytest.raises(NotAllowed):
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 7.0})
    demo_ctx.db.write(lambda c: update_user(c, judge_id, now=demo_ctx.now(), disabled=True))
    with pytest.raises(NotAllowed):
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=4, marks={"lively": 7.0})
    with pytest.raises(NotAllowed):
        scorecards.record_watching(demo_ctx, actor=judge4, entry_id=4, ranges=[[0, 5]])
    marks = [demo_ctx.db.read(lambda c, e=e: scorecard_for(c, judge_id, e)) for e in (2, 4)]
    assert [m.marks if m else None for m in marks] == [{"lively": 6.0}, {"lively": 6.0}]


def test_a_save_after_a_reopen_sees_the_reopened_card(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    watch_all(demo_ctx, judge4, 2)
    scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=2, marks=ALL)
    with pytest.raises(NotAllowed):
        scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 1.0})
    scorecards.reopen_scorecard(
        demo_ctx, actor=COORD, judge_id=judge4.user_id or 0, entry_id=2, reason="再核"
    )
    card = scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 1.0})
    assert (card.status, card.marks["lively"]) == (ScorecardStatus.DRAFT, 1.0)
    history = demo_ctx.db.read(lambda c: list_scorecard_changes(c, card.id or 0))
    assert [(h.field, h.old_value, h.new_value) for h in history][-2:] == [
        ("status", "submitted", "draft"),
        ("lively", "8.0", "1.0"),
    ]


def test_the_returned_card_is_the_stored_one(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    first = scorecards.save_draft(demo_ctx, actor=judge4, entry_id=2, marks={"lively": 6.0})
    second = scorecards.save_draft(
        demo_ctx, actor=judge4, entry_id=2, marks={"lively": None, "theme": 7.0}, comment="好"
    )
    stored = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    assert first.id == second.id
    assert second == stored
    assert (second.marks, second.comment) == ({"theme": 7.0}, "好")


def test_judges_submitting_at_once_with_one_refused_lose_nothing(demo_ctx: Context) -> None:
    judge4 = judge(demo_ctx, "judge4")
    watch_all(demo_ctx, judge4, 2)  # but not entry 6
    barrier = threading.Barrier(3)
    outcomes: dict[str, object] = {}

    def run(name: str, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            outcomes[name] = call()
        except InvalidInput as refused:  # compared below
            outcomes[name] = refused.key

    calls = {
        "submit": lambda: scorecards.submit_scorecard(
            demo_ctx, actor=judge4, entry_id=2, marks=ALL
        ),
        "refused": lambda: scorecards.submit_scorecard(
            demo_ctx, actor=judge4, entry_id=6, marks=ALL
        ),
        "draft": lambda: scorecards.save_draft(demo_ctx, actor=judge4, entry_id=4, marks=ALL),
    }
    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert outcomes["refused"] == "error.submit_not_watched"
    submitted = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    draft = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 4))
    untouched = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 6))
    assert submitted is not None and submitted.status is ScorecardStatus.SUBMITTED
    assert outcomes["submit"] == submitted and outcomes["draft"] == draft
    assert draft is not None and (draft.status, draft.marks) == (ScorecardStatus.DRAFT, ALL)
    assert untouched is None  # the refused submit wrote nothing, not even a new card
