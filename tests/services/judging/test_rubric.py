"""The rubric editor through the service: edits with their audit lines, bad weights and
names, the freeze at the first submitted scorecard, and who may do it."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.domain.views import local_time_text
from scoring.enums import Category, Role
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.campaigns import NewCampaign
from scoring.records.entries import NewEntry
from scoring.records.judging import Assignment
from scoring.services import users
from scoring.services.campaigns.active import create_campaign
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.paper import enter_paper_scorecard
from scoring.services.judging.rubric import CriterionEdit, edit_rubric, rubric_state
from scoring.storage import entries as entry_store
from scoring.storage.assignments import add_assignment
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import first_submitted_scorecard
from tests.conftest import T0

ADMIN = Actor("admin", Role.ADMIN, None)
COORD = Actor("coord", Role.COORDINATOR, None)
MARKS = {spec.key: 7.0 for spec in DEFAULT_RUBRIC}


@pytest.fixture
def fresh(ctx: Context) -> Context:
    """A new campaign with the default rubric, one judge, one entry, nothing submitted."""
    create_campaign(ctx, actor=ADMIN, campaign=NewCampaign(name="2026年征集", created_at=T0))
    judge = users.add_user(
        ctx, actor=ADMIN, username="judge1", role=Role.JUDGE, password="a-long-passphrase-1"
    )

    def work(cur):  # type: ignore[no-untyped-def]
        entry = entry_store.add_entry(
            cur,
            NewEntry(
                campaign_id=1,
                code="GS-2026-001",
                title="质量之光",
                category=Category.MICRO_VIDEO,
                created_at=T0,
                updated_at=T0,
            ),
        )
        add_assignment(
            cur, Assignment(campaign_id=1, judge_id=judge.id, entry_id=entry.id, assigned_at=T0)
        )

    ctx.db.write(work)
    return ctx


def edit_of(key: str, **changes: object) -> CriterionEdit:
    spec = next(s for s in DEFAULT_RUBRIC if s.key == key)
    values = {
        "name_zh": spec.name_zh,
        "name_en": spec.name_en,
        "description_zh": spec.description_zh,
        "description_en": spec.description_en,
        "weight": spec.weight,
        **changes,
    }
    return CriterionEdit(key=key, **values)  # type: ignore[arg-type]


def rubric_and_audit(ctx: Context) -> tuple[list, list]:  # type: ignore[type-arg]
    return (
        ctx.db.read(lambda c: list_criteria(c, 1)),
        ctx.db.read(lambda c: list_events(c, AuditFilter(action="rubric.edit"))),
    )


def test_admin_edits_names_and_weights_with_old_and_new_in_the_audit(fresh: Context) -> None:
    stored = edit_rubric(
        fresh,
        actor=ADMIN,
        campaign_id=1,
        edits=[
            edit_of("lively", weight=30, name_en="  Lively and watchable  "),
            edit_of("clarity"),  # unchanged: no audit line
            edit_of("original", description_zh="必须原创首发。"),
        ],
    )
    weights = {c.key: c.weight for c in stored}
    assert weights == {
        "lively": 30.0,
        "inspiring": 20.0,
        "not_advert": 20.0,
        "theme": 15.0,
        "clarity": 10.0,
        "original": 10.0,
    }
    assert stored[0].name_en == "Lively and watchable"
    _, events = rubric_and_audit(fresh)
    assert sorted((e.target, e.details["changes"]) for e in events) == [
        (
            "lively",
            {
                "name_en": {
                    "old": "Lively, watchable, in the short-video style",
                    "new": "Lively and watchable",
                },
                "weight": {"old": 25.0, "new": 30.0},
            },
        ),
        (
            "original",
            {
                "description_zh": {
                    "old": "优先推荐原创首发作品；非原创或已广泛传播的作品酌情减分。",
                    "new": "必须原创首发。",
                }
            },
        ),
    ]


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (
            0,
            "评分项“lively”的权重 0 不大于 0，未保存。权重为 0 或负数会让该项不计分或倒扣分，"
            "请填写大于 0 的数字（如 10、15、25）。",
        ),
        (
            -5.0,
            "评分项“lively”的权重 -5.0 不大于 0，未保存。权重为 0 或负数会让该项不计分或倒扣分，"
            "请填写大于 0 的数字（如 10、15、25）。",
        ),
        (
            None,
            "评分项“lively”的权重“None”不是数字，未保存。请填写大于 0 的数字（如 10、15、25）。",
        ),
        (
            math.nan,
            "评分项“lively”的权重“nan”不是数字，未保存。请填写大于 0 的数字（如 10、15、25）。",
        ),
    ],
)
def test_zero_negative_or_missing_weights_are_refused(
    fresh: Context, weight: object, message: str
) -> None:
    before = rubric_and_audit(fresh)
    with pytest.raises(InvalidInput) as caught:
        edit_rubric(
            fresh,
            actor=ADMIN,
            campaign_id=1,
            edits=[edit_of("theme", weight=40), edit_of("lively", weight=weight)],
        )
    assert caught.value.message("zh") == message
    assert rubric_and_audit(fresh) == before  # the good edit before it is not kept either


def test_empty_names_and_unknown_criteria_are_refused(fresh: Context) -> None:
    before = rubric_and_audit(fresh)
    with pytest.raises(InvalidInput) as empty:
        edit_rubric(fresh, actor=ADMIN, campaign_id=1, edits=[edit_of("theme", name_zh="  ")])
    assert empty.value.message("zh") == (
        "评分项“theme”的中文名称和英文名称都必须填写，未保存。请补上名称后再保存。"
    )
    with pytest.raises(InvalidInput) as unknown:
        edit_rubric(
            fresh, actor=ADMIN, campaign_id=1, edits=[replace(edit_of("lively"), key="humour")]
        )
    assert unknown.value.message("zh") == (
        "本次征集的评分标准中没有这些评分项：humour。只能修改已有评分项的名称、说明和权重。"
    )
    assert rubric_and_audit(fresh) == before


def test_rubric_freezes_at_the_first_submitted_scorecard(fresh: Context) -> None:
    assert rubric_state(fresh, actor=ADMIN, campaign_id=1).frozen is None
    enter_paper_scorecard(
        fresh, actor=ADMIN, judge_id=1, entry_id=1, marks={"lively": 7.0}, submitted=False
    )
    assert rubric_state(fresh, actor=ADMIN, campaign_id=1).frozen is None  # a draft: still open
    enter_paper_scorecard(fresh, actor=ADMIN, judge_id=1, entry_id=1, marks=MARKS, submitted=True)
    frozen = rubric_state(fresh, actor=COORD, campaign_id=1).frozen
    assert frozen is not None
    assert (frozen.judge, frozen.code, frozen.submitted, frozen.submitted_at) == (
        "judge1",
        "GS-2026-001",
        1,
        T0,
    )
    before = rubric_and_audit(fresh)
    with pytest.raises(NotAllowed) as caught:
        edit_rubric(fresh, actor=ADMIN, campaign_id=1, edits=[edit_of("lively", weight=30)])
    assert caught.value.message("zh") == (
        "评分标准已冻结，不能修改：本次征集的第一份评分已于 2026-03-01 17:00 提交"
        "（评委 judge1，作品 GS-2026-001），目前共有 1 份已提交的评分。"
        "评分标准在第一份评分提交后冻结，"
        "以保证所有评分都按同一标准打出、可以相互比较。如确需修改，须先由工作人员退回全部已提交的评分。"
    )
    assert rubric_and_audit(fresh) == before


def test_reopening_every_submitted_card_thaws_the_rubric(fresh: Context) -> None:
    enter_paper_scorecard(fresh, actor=ADMIN, judge_id=1, entry_id=1, marks=MARKS, submitted=True)
    scorecards.reopen_scorecard(fresh, actor=COORD, judge_id=1, entry_id=1, reason="改评分标准")
    assert rubric_state(fresh, actor=ADMIN, campaign_id=1).frozen is None
    stored = edit_rubric(fresh, actor=ADMIN, campaign_id=1, edits=[edit_of("theme", weight=5)])
    assert [c.weight for c in stored if c.key == "theme"] == [5.0]


def test_demo_rubric_is_frozen_by_its_first_submission(demo_ctx: Context) -> None:
    first = demo_ctx.db.read(lambda c: first_submitted_scorecard(c, 1))
    assert first is not None and first.submitted_at is not None
    with pytest.raises(NotAllowed) as caught:
        edit_rubric(demo_ctx, actor=ADMIN, campaign_id=1, edits=[edit_of("lively", weight=30)])
    at = local_time_text(first.submitted_at)
    assert caught.value.params == {"at": at, "judge": "judge1", "code": "GS-2023-001", "count": 52}


@pytest.mark.parametrize("actor", [Actor("judge1", Role.JUDGE, 3), COORD])
def test_only_an_admin_edits_and_judges_do_not_even_read(demo_ctx: Context, actor: Actor) -> None:
    with pytest.raises(NotAllowed) as caught:
        edit_rubric(demo_ctx, actor=actor, campaign_id=1, edits=[edit_of("lively", weight=30)])
    assert caught.value.key == "error.not_allowed_role"
    if actor.role is Role.JUDGE:
        with pytest.raises(NotAllowed):
            rubric_state(demo_ctx, actor=actor, campaign_id=1)
    else:
        assert len(rubric_state(demo_ctx, actor=actor, campaign_id=1).criteria) == 6
