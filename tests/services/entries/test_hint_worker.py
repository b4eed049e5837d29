"""Measuring media hints in the background: stored per original, pairs of the same film,
interrupted work requeued, a file ffmpeg cannot read marked failed with its reason."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from scoring.records.media import MediaMatch
from scoring.services.context import Context
from scoring.services.entries.hint_worker import HintWorker, measure_pending
from scoring.services.entries.media_files import add_media_in, store_path
from scoring.services.setup import initialise
from scoring.storage import hints as store
from tests.conftest import SHELL, T0, FakeClock, make_settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _stored(ctx: Context, path: Path, **facts: object) -> str:
    media = store_path(ctx.settings.media_dir, path, original_name=path.name, now=T0)
    media = replace(media, **facts)  # type: ignore[arg-type]
    ctx.db.write(lambda cur: add_media_in(cur, media))
    return media.sha256


def _fresh(tmp_path: Path, clock: FakeClock) -> Context:
    ctx, _ = initialise(make_settings(tmp_path / "data"), demo=False, actor=SHELL, clock=clock)
    return ctx


def test_measuring_stores_each_file_and_pairs_only_the_reencoded_copy(
    tmp_path: Path, clock: FakeClock
) -> None:
    ctx = _fresh(tmp_path, clock)
    try:
        names = ("dup_original.mp4", "frozen.mp4", "black_gap.mp4", "dup_reencoded.mp4")
        shas = {name: _stored(ctx, FIXTURES / "hints" / name) for name in names}

        assert measure_pending(ctx) == 4

        rows = {n: ctx.db.read(lambda c, s=s: store.get_hints(c, s)) for n, s in shas.items()}
        assert {n: (r.status, r.progress) for n, r in rows.items() if r} == dict.fromkeys(
            names, ("done", 1.0)
        )
        black = rows["black_gap.mp4"]
        assert black is not None and black.measures is not None
        assert black.measures["blacks"] == [[2.0, 3.0], [5.3, 5.9]]
        assert black.measured_at == T0 and black.signature is None  # listing leaves it out
        original, copy = shas["dup_original.mp4"], shas["dup_reencoded.mp4"]
        ranges = [[1.0, 6.0, 0.0, 5.0]] if original < copy else [[0.0, 5.0, 1.0, 6.0]]
        assert ctx.db.read(lambda c: store.matches_of(c, list(shas.values()))) == [
            MediaMatch(
                sha_a=min(original, copy), sha_b=max(original, copy), ranges=ranges, whole=True
            )
        ]
        assert ctx.db.read(store.media_waiting_for_hints) == []
    finally:
        ctx.db.close()


def test_a_file_ffmpeg_cannot_read_is_failed_with_the_reason(
    tmp_path: Path, clock: FakeClock
) -> None:
    ctx = _fresh(tmp_path, clock)
    try:
        # what MediaInfo took for a video whose bytes ffmpeg then cannot decode
        sha = _stored(ctx, FIXTURES / "media" / "text.mp4", video_codec="AVC", audio_codec="AAC")
        assert measure_pending(ctx) == 1
        row = ctx.db.read(lambda c: store.get_hints(c, sha))
        assert row is not None and (row.status, row.measures) == ("failed", None)
        assert row.error and "Invalid data found when processing input" in row.error
        assert ctx.db.read(store.media_waiting_for_hints) == []  # not retried for ever
    finally:
        ctx.db.close()


def test_worker_finishes_interrupted_and_new_files(tmp_path: Path, clock: FakeClock) -> None:
    ctx = _fresh(tmp_path, clock)
    try:
        left_running = _stored(ctx, FIXTURES / "hints" / "frozen.mp4")
        ctx.db.write(
            lambda cur: store.set_hints_state(cur, left_running, status="running", progress=0.4)
        )
        worker = HintWorker(ctx, idle_s=0.05).start()
        arriving = _stored(ctx, FIXTURES / "hints" / "loud.mp4")
        worker.wake()
        deadline = time.monotonic() + 120
        while True:
            rows = [
                ctx.db.read(lambda c, s=s: store.get_hints(c, s)) for s in (left_running, arriving)
            ]
            if all(r is not None and r.status == "done" for r in rows):
                break
            assert time.monotonic() < deadline, rows
            time.sleep(0.1)
        worker.stop()
        worker.join(timeout=60)
        loud = rows[1]
        assert loud is not None and loud.measures is not None
        assert loud.measures["loudness"]["integrated_lufs"] == -3.0
    finally:
        ctx.db.close()
