"""Test help for watching: what the page and the media route note when a judge opens an
entry and its video reaches them, so that a reported range can be credited."""

from __future__ import annotations

from datetime import timedelta

from scoring.services.context import Actor, Context
from scoring.services.judging.watching import record_sent
from scoring.services.media import open_media, player_sources
from scoring.storage.watching import note_opening


def video_sent(ctx: Context, judge: Actor, entry_id: int, *, opened_ago_s: float = 0) -> int:
    """The judge opens the entry (``opened_ago_s`` seconds ago) and the route sends its whole
    video, as the page and the media route note them; returns the file's size."""
    sources = player_sources(ctx, actor=judge, entry_id=entry_id)
    if opened_ago_s:
        at = ctx.now() - timedelta(seconds=opened_ago_s)
        ctx.db.write(
            lambda cur: note_opening(cur, judge_id=judge.user_id or 0, entry_id=entry_id, at=at)
        )
    url = sources.preview_url or sources.original_url
    assert url is not None
    served = open_media(ctx, token=url.removeprefix("/api/media/"))
    assert served.sent_to is not None
    size = served.path.stat().st_size
    record_sent(ctx, sent_to=served.sent_to, start=0, end=size)
    return size
