"""Saves arriving together (one batch of the save lane when they meet) with new cards:
the entries and judges of a batch are read together, and each save still gets its own
verdict."""

from __future__ import annotations

import threading

from scoring.errors import NotAllowed, NotFound
from scoring.records import Scorecard
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.queue import judge_queue
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import get_users, list_users, update_user


def _judge(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def _first_entry(ctx: Context, actor: Actor) -> int:
    items = judge_queue(ctx, actor=actor, campaign_id=1).items
    return next(i.entry_id for i in items if i.status == "not_started")


def test_a_batch_of_new_cards_refuses_each_bad_save_alone(demo_ctx: Context) -> None:
    judge4, judge5 = _judge(demo_ctx, "judge4"), _judge(demo_ctx, "judge5")
    entry4, entry5 = _first_entry(demo_ctx, judge4), _first_entry(demo_ctx, judge5)
    judge5_id = judge5.user_id or 0
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


def test_users_are_read_by_id_together(demo_ctx: Context) -> None:
    everyone = {u.id: u for u in demo_ctx.db.read(list_users)}
    wanted = [*sorted(everyone)[:3], 999]
    found = demo_ctx.db.read(lambda c: get_users(c, wanted))
    assert found == {i: everyone[i] for i in sorted(everyone)[:3]}
