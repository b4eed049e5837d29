"""services/judging/_saving.py: judges' own saves — who may open which entry, a save, a submit."""

from __future__ import annotations

import pytest

from scoring.enums import ConflictKind, EntryStage, Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records import Conflict
from scoring.services.context import Actor, Context
from scoring.services.judging import _saving as saving
from scoring.storage import assignments
from tests.campaign_factory import make_campaign
from tests.conftest import T0


def test_entry_for_judge_opens_only_an_assigned_unconflicted_received_entry(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    a, b = camp.entry("A1"), camp.entry("B1")
    draft = camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    camp.assign(wang, a)
    camp.assign(li, a)
    conflict = Conflict(
        judge_id=li.id, entry_id=a.id, kind=ConflictKind.RECUSAL, declared_by="li", declared_at=T0
    )
    ctx.db.write(lambda c: assignments.add_conflict(c, conflict))
    as_wang, as_li = Actor.of(wang), Actor.of(li)
    assert ctx.db.read(lambda c: saving.entry_for_judge(c, as_wang, a.id)) == a
    for actor, entry_id in [(as_wang, b.id), (as_li, a.id)]:
        with pytest.raises(NotAllowed) as raised:
            ctx.db.read(lambda c, x=actor, e=entry_id: saving.entry_for_judge(c, x, e))
        assert raised.value.key == "error.entry_not_yours"
    with pytest.raises(NotFound):
        ctx.db.read(lambda c: saving.entry_for_judge(c, as_wang, draft.id))
    with pytest.raises(NotAllowed) as role:
        ctx.db.read(lambda c: saving.entry_for_judge(c, Actor("coord", Role.COORDINATOR, 9), a.id))
    assert role.value.key == "error.not_allowed_role"


def test_a_judge_saves_a_draft_and_an_incomplete_submit_is_refused(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, a = camp.judge("wang"), camp.entry("A1")
    camp.assign(wang, a)
    actor = Actor.of(wang)
    card = saving.save_card(
        saving.CardSave(ctx=ctx, actor=actor, entry_id=a.id, marks={"lively": 8.5}, comment="好")
    )
    assert card is not None
    assert (card.status, card.marks, card.comment, card.judge_id) == (
        ScorecardStatus.DRAFT,
        {"lively": 8.5},
        "好",
        wang.id,
    )
    with pytest.raises(InvalidInput) as raised:
        saving.save_card(saving.CardSave(ctx=ctx, actor=actor, entry_id=a.id, submit=True))
    assert raised.value.key == "error.submit_missing_marks"


def test_a_save_by_a_judge_not_assigned_writes_nothing(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, a = camp.judge("wang"), camp.entry("A1")
    with pytest.raises(NotAllowed):
        saving.save_card(
            saving.CardSave(ctx=ctx, actor=Actor.of(wang), entry_id=a.id, marks={"lively": 8.0})
        )
    count = ctx.db.read(lambda c: c.execute("SELECT count(*) FROM scorecards").fetchone())
    assert count == (0,)
