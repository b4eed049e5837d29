"""Evidence of watching through the services: the opening, the bytes sent, and what a
judge's report is credited (the clock is the test's: the cap is exact)."""

from __future__ import annotations

from scoring.domain.watching import seconds_of_bytes
from scoring.media.payload import payload_span
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.watching import record_sent
from scoring.services.media import open_media, player_sources
from scoring.storage import watching as store
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import list_users
from tests.conftest import FakeClock
from tests.watching import video_sent


def _actor(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def _opened(ctx: Context, judge: Actor, entry_id: int) -> object:
    return ctx.db.read(lambda c: store.opened_at(c, judge_id=judge.user_id or 0, entry_id=entry_id))


def test_the_first_opening_by_a_judge_is_noted_once(demo_ctx: Context, clock: FakeClock) -> None:
    judge4 = _actor(demo_ctx, "judge4")
    first = clock.current
    player_sources(demo_ctx, actor=judge4, entry_id=2)
    clock.advance(minutes=10)
    player_sources(demo_ctx, actor=judge4, entry_id=2)
    player_sources(demo_ctx, actor=_actor(demo_ctx, "coord"), entry_id=2)
    assert _opened(demo_ctx, judge4, 2) == first
    assert _opened(demo_ctx, _actor(demo_ctx, "coord"), 2) is None  # staff: no evidence


def test_sent_bytes_are_noted_as_the_seconds_they_carry(demo_ctx: Context) -> None:
    judge4 = _actor(demo_ctx, "judge4")
    url = player_sources(demo_ctx, actor=judge4, entry_id=2).original_url
    assert url is not None
    served = open_media(demo_ctx, token=url.removeprefix("/api/media/"))
    assert served.sent_to is not None and served.sent_to.kind == "clean"
    first, end = payload_span(served.path)
    record_sent(demo_ctx, sent_to=served.sent_to, start=0, end=first + (end - first) // 3)
    sent = demo_ctx.db.read(
        lambda c: store.served_seconds(c, judge_id=judge4.user_id or 0, entry_id=2)
    )
    expected = seconds_of_bytes(0, first + (end - first) // 3, payload=(first, end), duration=15.0)
    assert sent == [expected] and 4.99 < expected[1] <= 5.0


def test_staff_get_files_that_are_no_evidence(demo_ctx: Context) -> None:
    url = player_sources(demo_ctx, actor=_actor(demo_ctx, "coord"), entry_id=2).original_url
    assert url is not None
    assert open_media(demo_ctx, token=url.removeprefix("/api/media/")).sent_to is None


def test_a_report_is_credited_no_faster_than_the_clock(demo_ctx: Context, clock: FakeClock) -> None:
    judge4 = _actor(demo_ctx, "judge4")  # entry 2 lasts 15 s
    video_sent(demo_ctx, judge4, 2)  # opened now, the whole video sent at once
    clock.advance(seconds=6)
    share = scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 15]])
    card = demo_ctx.db.read(lambda c: scorecard_for(c, judge4.user_id or 0, 2))
    assert card is not None and (share, card.watch_ranges) == (0.4, [[0.0, 6.0]])
    clock.advance(seconds=12)
    again = scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 15]])
    assert again == 1.0


def test_without_an_opening_or_any_bytes_sent_nothing_is_credited(
    demo_ctx: Context, clock: FakeClock
) -> None:
    judge4 = _actor(demo_ctx, "judge4")
    assert scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 15]]) == 0.0
    player_sources(demo_ctx, actor=judge4, entry_id=2)  # opened, but no byte sent yet
    clock.advance(minutes=5)
    assert scorecards.record_watching(demo_ctx, actor=judge4, entry_id=2, ranges=[[0, 15]]) == 0.0
