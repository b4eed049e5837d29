"""Paper score sheets entered through the form: drafts and submitted cards, bad marks,
conflicts and recusals, the deadline, and who may do it (the table import is
test_paper_import.py; the helpers here serve both)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from scoring.enums import Role, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed
from scoring.i18n import translate
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.paper import enter_paper_scorecard, paper_choices
from scoring.services.judging.paper_import import import_scores
from scoring.storage import campaigns as campaign_store
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.scorecards import scorecard_for
from tests.conftest import COORD, FakeClock

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scores"
JUDGE4, JUDGE5 = 6, 7  # demo user ids
ALL_SEVEN = dict.fromkeys(
    ("lively", "inspiring", "not_advert", "theme", "clarity", "original"), 7.0
)
TABLES = (
    "scorecards",
    "marks",
    "scorecard_changes",
    "imports",
    "audit_log",
    "assignments",
    "conflicts",
    "rubric_criteria",
)


def checksums(ctx: Context) -> dict[str, tuple[int, str]]:
    """Row count and an order-free digest of every table a paper card could touch."""

    def work(cur):  # type: ignore[no-untyped-def]
        found = {}
        for table in TABLES:  # constants above, never input
            sql = (
                f"SELECT count(*), md5(coalesce(string_agg(t::VARCHAR, '|'"  # noqa: S608
                f" ORDER BY t::VARCHAR), '')) FROM {table} t"
            )
            found[table] = tuple(cur.execute(sql).fetchone())
        return found

    return ctx.db.read(work)


def card(ctx: Context, judge_id: int, entry_id: int):  # type: ignore[no-untyped-def]
    return ctx.db.read(lambda c: scorecard_for(c, judge_id, entry_id))


def events(ctx: Context, action: str) -> list:  # type: ignore[type-arg]
    return ctx.db.read(lambda c: list_events(c, AuditFilter(action=action)))


def load(ctx: Context, name: str, **flags: bool):  # type: ignore[no-untyped-def]
    data = (FIXTURES / name).read_bytes()
    return import_scores(ctx, actor=COORD, data=data, file_name=name, **flags)


def zh(problem) -> str:  # type: ignore[no-untyped-def]
    return translate(problem.key, "zh", **problem.params)


def test_form_enters_a_draft_then_submits_it(demo_ctx: Context, clock: FakeClock) -> None:
    draft = enter_paper_scorecard(
        demo_ctx,
        actor=COORD,
        judge_id=JUDGE4,
        entry_id=2,
        marks={"lively": 6.0},
        comment="先录草稿",
        submitted=False,
    )
    assert (draft.status, draft.source, draft.marks) == (
        ScorecardStatus.DRAFT,
        ScorecardSource.PAPER,
        {"lively": 6.0},
    )
    clock.advance(minutes=5)
    done = enter_paper_scorecard(
        demo_ctx,
        actor=COORD,
        judge_id=JUDGE4,
        entry_id=2,
        marks=ALL_SEVEN,
        comment="先录草稿",
        submitted=True,
    )
    assert (done.status, done.marks, done.submitted_at) == (
        ScorecardStatus.SUBMITTED,
        ALL_SEVEN,
        clock.current,
    )
    [first, second] = sorted(events(demo_ctx, "score.paper"), key=lambda e: e.logged_at)
    assert first.details["fields"] == ["source", "lively", "comment"]
    assert second.details["fields"] == [*ALL_SEVEN, "status"]  # lively 6 → 7 too
    assert second.details["via"] == "form"


def test_form_refuses_to_submit_with_missing_marks(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    with pytest.raises(InvalidInput) as caught:
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=JUDGE4, entry_id=2, marks={"lively": 6}, submitted=True
        )
    assert caught.value.message("zh") == (
        "还不能提交：以下评分项尚未打分：启发性、感染力（Inspiring and moving）、"
        "不像广告推介、工作总结、呆板说教"
        "（Does not read like an advert, a work report or a lecture）、"
        "主题鲜明、导向正确，讲好质量故事（Clear theme, right message, tells a quality story）、"
        "画面清晰、制作精良（Clear picture, well made）、原创首发（Original, first release）。"
    )
    assert checksums(demo_ctx) == before


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ({"lively": 11.0}, "“lively”的分数 11.0 超出范围，分数应在 0–10 之间。"),
        ({"lively": 6.2}, "“lively”的分数 6.2 不是 0.5 的整数倍，请输入如 7、7.5、8 这样的分数。"),
        ({"looks": 6.0}, "评分表中没有这些评分项：looks。请按本次征集的评分标准评分。"),
    ],
)
def test_form_refuses_bad_marks(demo_ctx: Context, marks: dict, message: str) -> None:  # type: ignore[type-arg]
    before = checksums(demo_ctx)
    with pytest.raises(InvalidInput) as caught:
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=JUDGE4, entry_id=2, marks=marks, submitted=False
        )
    assert caught.value.message("zh") == message
    assert checksums(demo_ctx) == before


def test_form_may_not_cross_a_conflict_or_a_submitted_card(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    with pytest.raises(NotAllowed) as conflicted:
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=JUDGE5, entry_id=6, marks=ALL_SEVEN, submitted=True
        )
    assert conflicted.value.key == "paper.conflicted_unit"
    with pytest.raises(NotAllowed) as locked:
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=3, entry_id=1, marks=ALL_SEVEN, submitted=True
        )
    assert locked.value.message("zh").startswith(
        "评委 judge1 对作品 GS-2023-001 的评分已提交并锁定"
    )
    assert checksums(demo_ctx) == before


def test_form_may_not_cross_a_recusal(demo_ctx: Context) -> None:
    judge4 = Actor("judge4", Role.JUDGE, JUDGE4)
    scorecards.recuse(demo_ctx, actor=judge4, entry_id=2, reason="作品出自我的学生")
    with pytest.raises(NotAllowed) as caught:
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=JUDGE4, entry_id=2, marks=ALL_SEVEN, submitted=False
        )
    assert caught.value.message("zh") == (
        "评委 judge4 已声明对作品 GS-2023-002 回避；纸质评分同样不能录入。"
        "请核对评委和作品编号，这张评分表不应计入。"
    )


def test_a_reopened_card_can_be_entered_from_paper(demo_ctx: Context) -> None:
    scorecards.reopen_scorecard(
        demo_ctx, actor=COORD, judge_id=3, entry_id=1, reason="按纸质稿更正"
    )
    done = enter_paper_scorecard(
        demo_ctx, actor=COORD, judge_id=3, entry_id=1, marks=ALL_SEVEN, submitted=True
    )
    assert (done.status, done.source, done.marks) == (
        ScorecardStatus.SUBMITTED,
        ScorecardSource.PAPER,
        ALL_SEVEN,
    )


def test_nothing_is_entered_after_the_deadline(demo_ctx: Context, clock: FakeClock) -> None:
    campaign = demo_ctx.db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and campaign.scoring_deadline is not None
    clock.current = campaign.scoring_deadline + timedelta(seconds=1)
    before = checksums(demo_ctx)
    with pytest.raises(InvalidInput) as caught:
        load(demo_ctx, "good.csv")
    assert caught.value.key == "error.scoring_closed"
    with pytest.raises(InvalidInput):
        enter_paper_scorecard(
            demo_ctx, actor=COORD, judge_id=JUDGE4, entry_id=2, marks={}, submitted=False
        )
    assert checksums(demo_ctx) == before


def test_choices_offer_only_entries_the_judge_may_score(demo_ctx: Context) -> None:
    choices = paper_choices(demo_ctx, actor=COORD, campaign_id=1)
    codes = [e.code for e in choices.entries_for(JUDGE5)]
    assert "GS-2023-006" not in codes and "GS-2023-007" not in codes
    assert len(codes) == 13
    assert choices.card(JUDGE5, 4) is not None and choices.card(JUDGE4, 2) is None
    # The form opens on the first entry still without a submitted card: judge4 submitted
    # the odd entries (002 is 2nd), judge5 001–003 (004 is 4th), judge1 every one.
    assert [choices.first_open(j) for j in (JUDGE4, JUDGE5, 3)] == [1, 3, 0]


@pytest.mark.parametrize(("name", "user_id"), [("judge1", 3), ("judge4", JUDGE4)])
def test_judges_may_use_none_of_it(demo_ctx: Context, name: str, user_id: int) -> None:
    judge = Actor(name, Role.JUDGE, user_id)
    data = (FIXTURES / "good.csv").read_bytes()
    calls = [
        lambda: paper_choices(demo_ctx, actor=judge, campaign_id=1),
        lambda: enter_paper_scorecard(
            demo_ctx, actor=judge, judge_id=3, entry_id=2, marks=ALL_SEVEN, submitted=False
        ),
        lambda: import_scores(demo_ctx, actor=judge, data=data, file_name="good.csv"),
        lambda: import_scores(demo_ctx, actor=judge, data=data, file_name="x", dry_run=True),
    ]
    before = checksums(demo_ctx)
    for call in calls:
        with pytest.raises(NotAllowed) as caught:
            call()
        assert caught.value.key == "error.not_allowed_role"
    assert checksums(demo_ctx) == before


def test_choices_for_one_judge_read_only_their_cards(demo_ctx: Context) -> None:
    every = paper_choices(demo_ctx, actor=COORD, campaign_id=1)
    mine = paper_choices(demo_ctx, actor=COORD, campaign_id=1, judge_id=JUDGE5)
    assert {pair[0] for pair in mine.facts.cards} == {JUDGE5}
    assert mine.entries_for(JUDGE5) == every.entries_for(JUDGE5)
    assert mine.first_open(JUDGE5) == every.first_open(JUDGE5) == 3
    assert [mine.card(JUDGE5, e.id) for e in mine.entries_for(JUDGE5)] == [
        every.card(JUDGE5, e.id) for e in every.entries_for(JUDGE5)
    ]
