"""Making previews and posters in the background, one original at a time.

The app starts one worker thread per process; it drains the queue of originals whose
preview is pending and writes progress to the database so pages can show it.
"""

from __future__ import annotations

from functools import partial

from scoring.domain.media import browser_playable
from scoring.enums import JobStatus
from scoring.errors import MediaProblem
from scoring.media.preview import (
    clean_path,
    make_clean_copy,
    make_poster,
    make_preview,
    poster_path,
    preview_path,
)
from scoring.media.store import original_path
from scoring.records.media import MediaFile
from scoring.services.background import QueueWorker, drain, started
from scoring.services.compliance import recompute_findings
from scoring.services.context import Context
from scoring.storage import entries as store
from scoring.storage.rows import Cursor


def make_judge_copy(ctx: Context, media: MediaFile) -> bool:
    """Make the tag-free stream copy a judge watches in original quality, when the original
    plays in a browser as it is; True when it exists afterwards."""
    if not browser_playable(media.container, media.video_codec, media.audio_codec):
        return False
    folder = ctx.settings.media_dir
    target = clean_path(folder, media.sha256)
    if not target.is_file():
        source = original_path(folder, media.sha256)
        make_clean_copy(source, target, has_audio=media.audio_codec is not None)
    return True


def make_one_preview(ctx: Context, media: MediaFile) -> bool:
    """Make the preview and poster of one original; True when both were made."""
    folder = ctx.settings.media_dir
    sha = media.sha256
    progress = started(ctx, store.set_preview_state, sha)
    try:
        make_judge_copy(ctx, media)  # first: a stream copy takes moments, a preview minutes
        source = original_path(folder, sha)
        portrait = bool(media.width and media.height and media.height > media.width)
        make_preview(
            source,
            preview_path(folder, sha),
            portrait=portrait,
            duration_s=media.duration_s,
            has_audio=media.audio_codec is not None,
            on_progress=progress,
        )
        make_poster(
            preview_path(folder, sha), poster_path(folder, sha), duration_s=media.duration_s
        )
    except MediaProblem as problem:
        reason = str(problem.params.get("reason", ""))
        ctx.db.write(lambda cur: _finish(cur, ctx, sha, status=JobStatus.FAILED, error=reason))
        return False
    ctx.db.write(lambda cur: _finish(cur, ctx, sha, status=JobStatus.DONE, error=None))
    return True


def _finish(cur: Cursor, ctx: Context, sha: str, *, status: JobStatus, error: str | None) -> None:
    """Record the outcome; a failed preview is an error finding, so recheck those entries."""
    progress = 1.0 if error is None else 0.0
    store.set_preview_state(cur, sha, status=status, progress=progress, error=error)
    for campaign_id in store.campaigns_using_media(cur, sha):
        recompute_findings(cur, ctx, campaign_id)


def _waiting(ctx: Context) -> list[MediaFile]:
    return ctx.db.read(store.media_waiting_for_preview)


def make_pending_previews(ctx: Context, *, limit: int | None = None) -> int:
    """Work through the queue now (the CLI and tests call this); return how many ran."""
    return drain(partial(_waiting, ctx), partial(make_one_preview, ctx), limit)


class PreviewWorker(QueueWorker[MediaFile]):
    """Drains the preview queue one original at a time, then waits to be woken; on start it
    requeues work a stopped process left half done."""

    def __init__(self, ctx: Context, *, idle_s: float = 5.0) -> None:
        super().__init__(
            "preview-worker",
            waiting=partial(_waiting, ctx),
            one=partial(make_one_preview, ctx),
            requeue=lambda: ctx.db.write(store.requeue_interrupted_previews),
            idle_s=idle_s,
        )
