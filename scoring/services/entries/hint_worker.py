"""Measuring media hints in the background, one original at a time (as previews are made).

The app starts one worker thread per process. It measures every stored original without
hints (one ffmpeg pass), compares the new video signature with every other one, and writes
progress to the database so the Compliance page can show it. A file that cannot be
measured is marked failed with ffmpeg's reason: hints never block anything.
"""

from __future__ import annotations

from functools import partial

from scoring.domain.signatures import FrameSignatures, match, parse_signature, whole_film
from scoring.enums import JobStatus
from scoring.errors import MediaProblem
from scoring.media.hints import Analysis, analyse
from scoring.media.store import original_path
from scoring.records.media import MediaFile, MediaMatch
from scoring.services.background import QueueWorker, drain, started
from scoring.services.context import Context
from scoring.storage import hints as store
from scoring.storage.rows import Cursor


def same_film(sha: str, mine: FrameSignatures, other: str, theirs: FrameSignatures) -> MediaMatch:
    """The pair record of two originals (ranges empty: not the same film); the lower
    sha256 is always the first film, so a pair compares the same way whichever came last."""
    (sha_a, first), (sha_b, second) = sorted([(sha, mine), (other, theirs)], key=lambda p: p[0])
    ranges = match(first, second)
    whole = bool(ranges) and whole_film(ranges, first.duration_s, second.duration_s)
    return MediaMatch(sha_a=sha_a, sha_b=sha_b, ranges=[r.as_list() for r in ranges], whole=whole)


def _pairs(ctx: Context, sha: str, signature: bytes | None) -> list[MediaMatch]:
    """Every stored original that shows the same film as ``signature``."""
    if signature is None:
        return []
    mine = parse_signature(signature)
    found = []
    for other, data in ctx.db.read(lambda cur: store.signatures_except(cur, sha)):
        try:
            theirs = parse_signature(data)
        except MediaProblem:
            continue  # stored by an older ffmpeg, say: that pair is not compared
        pair = same_film(sha, mine, other, theirs)
        if pair.ranges:
            found.append(pair)
    return found


def measure_one(ctx: Context, media: MediaFile) -> bool:
    """Measure one original and store its hints and pairs; True when it could be measured."""
    sha = media.sha256
    progress = started(ctx, store.set_hints_state, sha)
    try:
        analysis = analyse(
            original_path(ctx.settings.media_dir, sha),
            has_audio=media.audio_codec is not None,
            has_video=media.video_codec is not None,
            duration_s=media.duration_s,
            on_progress=progress,
        )
        pairs = _pairs(ctx, sha, analysis.signature)
    except (MediaProblem, OSError) as problem:
        reason = _reason(problem)
        ctx.db.write(
            lambda cur: store.set_hints_state(
                cur, sha, status=JobStatus.FAILED, progress=0.0, error=reason
            )
        )
        return False

    ctx.db.write(partial(_save, ctx=ctx, sha=sha, analysis=analysis, pairs=pairs))
    return True


def _save(
    cur: Cursor, *, ctx: Context, sha: str, analysis: Analysis, pairs: list[MediaMatch]
) -> None:
    """The original's measures and signature, and its pairs with other originals."""
    store.save_hints(
        cur,
        sha,
        measures=analysis.measures.as_dict(),
        signature=analysis.signature,
        measured_at=ctx.now(),
    )
    store.replace_matches(cur, sha, pairs)


def _reason(problem: MediaProblem | OSError) -> str:
    if isinstance(problem, MediaProblem):
        return str(problem.params.get("reason") or problem.message("en"))
    return problem.strerror or str(problem)


def _waiting(ctx: Context) -> list[MediaFile]:
    return ctx.db.read(store.media_waiting_for_hints)


def measure_pending(ctx: Context, *, limit: int | None = None) -> int:
    """Work through the originals waiting for hints now; return how many were measured."""
    return drain(partial(_waiting, ctx), partial(measure_one, ctx), limit)


class HintWorker(QueueWorker[MediaFile]):
    """Measures the originals waiting for hints one at a time, then waits to be woken; on
    start it requeues measuring a stopped process left half done."""

    def __init__(self, ctx: Context, *, idle_s: float = 5.0) -> None:
        super().__init__(
            "hint-worker",
            waiting=partial(_waiting, ctx),
            one=partial(measure_one, ctx),
            requeue=lambda: ctx.db.write(store.requeue_interrupted_hints),
            idle_s=idle_s,
        )
