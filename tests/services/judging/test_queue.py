"""A judge's queue: the entries assigned, their states, and the next one still to score."""

from __future__ import annotations

from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.queue import judge_queue
from scoring.storage.users import list_users
from tests.marks import DEMO_MARKS as ALL
from tests.watching import video_sent


def _judge(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def test_next_open_skips_submitted_entries(demo_ctx: Context) -> None:
    queue = judge_queue(demo_ctx, actor=_judge(demo_ctx, "judge4"), campaign_id=1)
    # judge4 has submitted the odd-numbered entries 1, 3, … 15
    assert [queue.next_open(entry_id) for entry_id in (1, 2, 3, 12)] == [2, 4, 4, 14]


def test_next_open_wraps_round_to_the_start_of_the_queue(demo_ctx: Context) -> None:
    queue = judge_queue(demo_ctx, actor=_judge(demo_ctx, "judge4"), campaign_id=1)
    assert [queue.next_open(14), queue.next_open(15)] == [2, 2]


def test_next_open_counts_drafts_as_not_yet_scored(demo_ctx: Context) -> None:
    queue = judge_queue(demo_ctx, actor=_judge(demo_ctx, "judge5"), campaign_id=1)
    assert [(i.entry_id, i.status) for i in queue.items[2:5]] == [
        (3, "submitted"),
        (4, "draft"),
        (5, "draft"),
    ]
    assert [queue.next_open(3), queue.next_open(4)] == [4, 5]


def test_next_open_is_none_once_everything_else_is_submitted(demo_ctx: Context) -> None:
    judge1 = _judge(demo_ctx, "judge1")  # has submitted all 15
    assert judge_queue(demo_ctx, actor=judge1, campaign_id=1).next_open(3) is None
    judge4 = _judge(demo_ctx, "judge4")
    for entry_id in (4, 6, 8, 10, 12, 14):
        video_sent(demo_ctx, judge4, entry_id, opened_ago_s=3600)
        scorecards.record_watching(demo_ctx, actor=judge4, entry_id=entry_id, ranges=[[0, 60]])
        scorecards.submit_scorecard(demo_ctx, actor=judge4, entry_id=entry_id, marks=ALL)
    queue = judge_queue(demo_ctx, actor=judge4, campaign_id=1)
    assert [queue.next_open(2), queue.next_open(5)] == [None, 2]
