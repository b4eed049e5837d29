"""The watched share is what the server saw, not what the browser says: a forged report of
100 % is credited only the parts the real media route sent that judge, and never more than
the time since they opened the entry or calibration clip."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scoring.services.context import Actor, Context, open_context
from scoring.services.judging import scorecards
from scoring.services.judging.calibration_cards import record_clip_watching
from scoring.services.media import clip_sources, open_media, player_sources
from scoring.storage.calibration import card_for
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import list_users
from tests.conftest import FakeClock, make_settings, running_app

# What a page with an overridden video.played reports: all of it (entry 2: 15 s, 8: 14 s).
FORGED = {2: [[0.0, 15.0]], 8: [[0.0, 14.0]]}


def _judge(ctx: Context, name: str) -> Actor:
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == name))


def _get(url: str, **headers: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.status, r.read()


def _credit(
    folder: Path, at: datetime, name: str, entry_id: int = 2
) -> tuple[float, list[list[float]] | None]:
    """The forged report sent at ``at``: the share credited and the ranges stored."""
    ctx = open_context(make_settings(folder), clock=FakeClock(at))
    try:
        judge = _judge(ctx, name)
        forged = FORGED[entry_id]
        share = scorecards.record_watching(ctx, actor=judge, entry_id=entry_id, ranges=forged)
        card = ctx.db.read(lambda c: scorecard_for(c, judge.user_id or 0, entry_id))
        assert card is not None
        return share, card.watch_ranges
    finally:
        ctx.db.close()


def _clip_credit(folder: Path, at: datetime) -> tuple[float, list[list[float]] | None]:
    """judge3's forged report of all of calibration clip 2 (C02, 8 s) sent at ``at``."""
    ctx = open_context(make_settings(folder), clock=FakeClock(at))
    try:
        judge = _judge(ctx, "judge3")
        share = record_clip_watching(ctx, actor=judge, clip_id=2, ranges=[[0.0, 8.0]])
        card = ctx.db.read(lambda c: card_for(c, judge.user_id or 0, 2))
        assert card is not None
        return share, card.watch_ranges
    finally:
        ctx.db.close()


def test_a_forged_full_report_is_credited_only_what_the_route_sent_and_the_clock_allows(
    demo_dir: Path, tmp_path: Path
) -> None:
    opened = datetime.now(UTC)
    ctx = open_context(make_settings(demo_dir), clock=FakeClock(opened))
    # The judges' pages open the entries (noted, server time) and get their players' URLs.
    url = player_sources(ctx, actor=_judge(ctx, "judge4"), entry_id=2).original_url
    other = player_sources(ctx, actor=_judge(ctx, "judge5"), entry_id=8).original_url
    assert url is not None and other is not None
    copy = open_media(ctx, token=url.removeprefix("/api/media/")).path.read_bytes()
    ctx.db.close()
    media_start = copy.index(b"mdat") + 4  # tag-free copy, +faststart: the media data last
    fifth = media_start + (len(copy) - media_start) // 5

    with running_app(demo_dir, tmp_path / "server.log") as base:
        status, body = _get(base + url, Range=f"bytes=0-{fifth - 1}")
        assert (status, body) == (206, copy[:fifth])
    an_hour_later = opened + timedelta(hours=1)
    carried = round((fifth - media_start) * 15.0 / (len(copy) - media_start), 3)
    assert _credit(demo_dir, an_hour_later, "judge4") == (round(carried / 15, 4), [[0.0, carried]])

    with running_app(demo_dir, tmp_path / "server2.log") as base:
        assert _get(base + url) == (200, copy)  # now the whole video
        assert _get(base + other)[0] == 200
    assert _credit(demo_dir, an_hour_later, "judge4") == (1.0, [[0.0, 15.0]])
    # judge5 was sent all of entry 8 too, but reports 100 % seven seconds after opening it
    seven_s = opened + timedelta(seconds=7)
    assert _credit(demo_dir, seven_s, "judge5", entry_id=8) == (0.5, [[0.0, 7.0]])


def test_a_forged_full_report_on_a_calibration_clip_counts_only_once_the_route_sent_it(
    demo_dir: Path, tmp_path: Path
) -> None:
    opened = datetime.now(UTC)
    ctx = open_context(make_settings(demo_dir), clock=FakeClock(opened))
    url = clip_sources(ctx, actor=_judge(ctx, "judge3"), clip_id=2).original_url  # noted
    assert url is not None
    copy = open_media(ctx, token=url.removeprefix("/api/media/")).path.read_bytes()
    ctx.db.close()
    an_hour_later = opened + timedelta(hours=1)
    assert _clip_credit(demo_dir, an_hour_later) == (0.0, [])  # nothing was sent
    with running_app(demo_dir, tmp_path / "server.log") as base:
        assert _get(base + url) == (200, copy)  # the whole clip, streamed
    assert _clip_credit(demo_dir, an_hour_later) == (1.0, [[0.0, 8.0]])
