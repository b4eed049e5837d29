"""Test help for watching: what the page and the media route note when a judge opens an
entry or a calibration clip and its video reaches them, so that a reported range can be
credited."""

from __future__ import annotations

from datetime import timedelta

from scoring.services.context import Actor, Context
from scoring.services.judging.watching import record_sent
from scoring.services.media import PlayerSources, clip_sources, open_media, player_sources
from scoring.storage.watching import note_opening


def video_sent(ctx: Context, judge: Actor, entry_id: int, *, opened_ago_s: float = 0) -> int:
    """The judge opens the entry (``opened_ago_s`` seconds ago) and the route sends its whole
    video, as the page and the media route note them; returns the file's size."""
    sources = player_sources(ctx, actor=judge, entry_id=entry_id)
    return _all_sent(ctx, judge, sources, "entry", opened_ago_s)


def clip_sent(ctx: Context, judge: Actor, clip_id: int, *, opened_ago_s: float = 0) -> int:
    """The same for a calibration clip; returns the file's size."""
    sources = clip_sources(ctx, actor=judge, clip_id=clip_id)
    return _all_sent(ctx, judge, sources, "clip", opened_ago_s)


def _all_sent(
    ctx: Context, judge: Actor, sources: PlayerSources, subject: str, opened_ago_s: float
) -> int:
    if opened_ago_s:
        at = ctx.now() - timedelta(seconds=opened_ago_s)
        ctx.db.write(
            lambda cur: note_opening(
                cur,
                judge_id=judge.user_id or 0,
                entry_id=sources.entry_id,
                at=at,
                subject=subject,
            )
        )
    url = sources.preview_url or sources.original_url
    assert url is not None
    served = open_media(ctx, token=url.removeprefix("/api/media/"))
    assert served.sent_to is not None and served.sent_to.subject == subject
    size = served.path.stat().st_size
    record_sent(ctx, sent_to=served.sent_to, start=0, end=size)
    return size
