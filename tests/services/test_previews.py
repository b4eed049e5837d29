"""The app's background preview worker: requeues interrupted work, then drains the queue."""

from __future__ import annotations

import time
from pathlib import Path

from scoring.media.preview import poster_path, preview_path
from scoring.media.probe import probe_file
from scoring.services.context import Context
from scoring.services.entries.media_files import add_media_in, store_path
from scoring.services.previews import PreviewWorker
from scoring.services.setup import initialise
from scoring.storage import entries as store
from tests.conftest import SHELL, T0, FakeClock, make_settings

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _stored(ctx: Context, name: str) -> str:
    media = store_path(ctx.settings.media_dir, MEDIA / name, original_name=name, now=T0)
    ctx.db.write(lambda cur: add_media_in(cur, media))
    return media.sha256


def test_worker_finishes_interrupted_and_new_previews(tmp_path: Path, clock: FakeClock) -> None:
    ctx, _ = initialise(make_settings(tmp_path / "data"), demo=False, actor=SHELL, clock=clock)
    try:
        left_running = _stored(ctx, "prores.mov")  # a process stopped half-way through it
        ctx.db.write(
            lambda cur: store.set_preview_state(cur, left_running, status="running", progress=0.4)
        )
        worker = PreviewWorker(ctx, idle_s=0.05).start()
        waiting = _stored(ctx, "port_1080.mp4")  # arrives while the worker idles
        worker.wake()
        deadline = time.monotonic() + 120
        while True:
            states = {
                sha: ctx.db.read(lambda cur, sha=sha: store.get_media_file(cur, sha))
                for sha in (left_running, waiting)
            }
            if all(m is not None and m.preview_status == "done" for m in states.values()):
                break
            assert time.monotonic() < deadline, states
            time.sleep(0.1)
        worker.stop()
        worker.join(timeout=60)
        folder = ctx.settings.media_dir
        landscape = probe_file(preview_path(folder, left_running))
        portrait = probe_file(preview_path(folder, waiting))
        assert (landscape.video_codec, landscape.width, landscape.height) == ("AVC", 1920, 1080)
        assert (portrait.video_codec, portrait.width, portrait.height) == ("AVC", 1080, 1920)
        assert poster_path(folder, left_running).stat().st_size > 0
        assert poster_path(folder, waiting).stat().st_size > 0
    finally:
        ctx.db.close()
