"""services/judging/_saving.py: judges' own saves — who may open which entry, a save, a submit."""

from __future__ import annotations

import threading

import pytest

from scoring.enums import ConflictKind, EntryStage, Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.judging import Conflict, Scorecard
from scoring.services.context import Actor, Context
from scoring.services.judging import _saving as saving
from scoring.services.judging import scorecards
from scoring.services.judging.queue import judge_queue
from scoring.storage import assignments
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import list_users, update_user
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


def _judge(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def _first_entry(ctx: Context, actor: Actor) -> int:
    items = judge_queue(ctx, actor=actor, campaign_id=1).items
    return next(i.entry_id for i in items if i.status == "not_started")


def test_a_batch_of_new_cards_refuses_each_bad_save_alone(demo_ctx: Context) -> None:
    judge4, judge5 = _judge(demo_ctx, "judge4"), _judge(demo_ctx, "judge5")
    entry4, entry5 = _first_entry(demo_ctx, judge4), _first_entry(demo_ctx, judge5)
    judge5_id = judge5.user_id
    demo_ctx.db.write(lambda c: update_user(c, judge5_id, now=demo_ctx.now(), disabled=True))
    plans = [(judge4, entry4, 7.5), (judge4, 999, 7.5), (judge5, entry5, 6.0)]
    outcomes: list[object] = [None] * len(plans)
    barrier = threading.Barrier(len(plans))

    def save(n: int, actor: Actor, entry_id: int, value: float) -> None:
        barrier.wait()  # all three at the same moment
        try:
            outcomes[n] = scorecards.save_draft(
                demo_ctx, actor=actor, entry_id=entry_id, marks={"lively": value}
            )
        except Exception as error:  # each save's own verdict is what is checked
            outcomes[n] = error

    threads = [threading.Thread(target=save, args=(n, *p)) for n, p in enumerate(plans)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [type(o) for o in outcomes] == [Scorecard, NotFound, NotAllowed]
    stored = [
        demo_ctx.db.read(lambda c, j=j, e=e: scorecard_for(c, j, e))
        for j, e in ((judge4.user_id or 0, entry4), (judge5_id, entry5))
    ]
    assert [s.marks if s else None for s in stored] == [{"lively": 7.5}, None]
