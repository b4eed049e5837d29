"""Importing a big video (issue 3): ``python bench/media_import.py [--quick]``.

A generated H.264/AAC 1080p MP4 of about 300 MB (``--quick``: 100 MB) is measured, each
run in a fresh child process, two ways:

- the floor: reading the file and sha256-hashing it (``scoring.media.store.sha256_of``);
- the import without the preview: ``entry_media.store_path`` into an empty media folder
  (what a folder import does: kernel copy + fsync while one thread hashes and another
  probes the source, then the media record).

Floor and import alternate, best of ``--repeat`` each. Printed: seconds, the ratio
import/floor (target ≤ 1.3) and each child's peak resident memory above its own baseline
taken after imports, before the work (target ≤ 50 MB for the import). For comparison it
also times a plain ``shutil.copyfile`` + fsync of the same file. The file is made
once in a temporary folder (page cache warm for both) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    best,
    big_video,
    machine_note,
    peak_rss_mb,
    rss_mb,
    run_child,
    say,
    serve_child,
    timed,
    verdict,
)

TARGET_RATIO = 1.3
TARGET_GROWTH_MB = 50.0


def child_hash(path: str) -> dict[str, Any]:
    from scoring.media.store import sha256_of

    baseline = rss_mb()
    seconds, _ = timed(lambda: sha256_of(Path(path)))
    return {"seconds": seconds, "growth_mb": peak_rss_mb() - baseline}


def child_import(path: str, media_dir: str) -> dict[str, Any]:
    from datetime import UTC, datetime

    from scoring.services.entries.media_files import store_path

    baseline = rss_mb()
    now = datetime.now(UTC)
    seconds, media = timed(
        lambda: store_path(Path(media_dir), Path(path), original_name="big.mp4", now=now)
    )
    assert media.video_codec == "AVC" and media.width == 1920, media
    growth = peak_rss_mb() - baseline
    return {"seconds": seconds, "growth_mb": growth}


def child_copy(path: str, media_dir: str) -> dict[str, Any]:
    import os
    import shutil

    def work() -> None:
        Path(media_dir).mkdir(parents=True)
        target = Path(media_dir) / "copy"
        shutil.copyfile(path, target)
        fd = os.open(target, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)

    return {"seconds": timed(work)[0]}


def main() -> None:
    """Generate the file, alternate floor and import children, print the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 MB instead of 300 MB")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    megabytes = 100 if args.quick else 300
    with tempfile.TemporaryDirectory(prefix="bench-media-") as tmp:
        video = big_video(Path(tmp) / "big.mp4", megabytes=megabytes)
        size_mb = video.stat().st_size / 2**20
        floors, imports, copies = [], [], []
        for attempt in range(args.repeat):
            floors.append(run_child(__file__, "hash", video))
            media_dir = Path(tmp) / f"media-{attempt}"
            imports.append(run_child(__file__, "import", video, media_dir))
            shutil.rmtree(media_dir)
            copies.append(run_child(__file__, "copy", video, media_dir))
            shutil.rmtree(media_dir)
    floor = min(r["seconds"] for r in floors)
    done = best(imports)["seconds"]
    growth = max(r["growth_mb"] for r in imports)
    ratio = done / floor
    print(f"issue 3 — import of a {size_mb:.0f} MB MP4, best of {args.repeat} ({machine_note()})")
    say("read + sha256 (floor)", f"{floor:.3f} s  ({size_mb / floor:.0f} MB/s)")
    say("store_path (import)", f"{done:.3f} s  ({size_mb / done:.0f} MB/s)")
    copy = min(r["seconds"] for r in copies)
    say("  for comparison: copyfile + fsync", f"{copy:.3f} s (no hashing)")
    say(
        "ratio import / floor",
        f"{ratio:.2f}  target ≤ {TARGET_RATIO}  {verdict(ratio, TARGET_RATIO)}",
    )
    floor_growth = max(r["growth_mb"] for r in floors)
    say(
        "peak RSS growth of the import",
        f"{growth:.1f} MB (floor {floor_growth:.1f} MB)  target ≤ {TARGET_GROWTH_MB:g} MB"
        f"  {verdict(growth, TARGET_GROWTH_MB)}",
    )


if __name__ == "__main__" and not serve_child(
    {"hash": child_hash, "import": child_import, "copy": child_copy}
):
    main()
