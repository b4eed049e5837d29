"""Streaming a big original (issue 3): ``python bench/streaming.py [--quick]``.

The demo data folder gets one generated ~300 MB MP4 (``--quick``: 100 MB) as the original
of entry GS-2023-002 (stored by ``store_file``, probed, a ``media_files`` row and an
UPDATE of ``entries.media_sha256``). The real server (``streamlit run app.py``) is started
on it; a signed ``/api/media/<token>`` URL for judge1 is minted from the folder's
cookie.key; 4 threads download it at once with urllib, ``--rounds`` times.

The server's resident memory (``/proc/<pid>/status`` VmRSS) is sampled every 20 ms: the
baseline is its highest value over the second before a round (after one warm-up Range
request), the growth is the highest value during the round minus it (target ≤ 50 MB).
Printed too: bytes received per client (each must be the whole file) and throughput.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from _common import (
    Sampler,
    big_video,
    close,
    machine_note,
    media_url,
    new_data_dir,
    running_server,
    sampled,
    say,
    verdict,
)

CLIENTS = 4
TARGET_GROWTH_MB = 50.0
ENTRY_CODE, JUDGE = "GS-2023-002", "judge1"


def prepare(folder: Path, video: Path) -> tuple[int, int, int]:
    """Demo folder whose entry ``ENTRY_CODE`` plays ``video``; (entry id, judge id, size)."""
    from scoring.media.probe import probe_file
    from scoring.media.store import store_file
    from scoring.services.entries.media_files import media_record
    from scoring.storage.entries import add_media_file

    ctx, _ = new_data_dir(folder, demo=True)
    stored = store_file(ctx.settings.media_dir, video)
    assert probe_file(stored.path).video_codec == "AVC"
    media = media_record(stored, original_name="big.mp4", now=ctx.now())

    def work(cur: Any) -> tuple[int, int]:
        add_media_file(cur, media)
        cur.execute(
            "UPDATE entries SET media_sha256 = ? WHERE code = ?", [stored.sha256, ENTRY_CODE]
        )
        entry = cur.execute("SELECT id FROM entries WHERE code = ?", [ENTRY_CODE]).fetchone()
        judge = cur.execute("SELECT id FROM users WHERE username = ?", [JUDGE]).fetchone()
        return int(entry[0]), int(judge[0])

    entry_id, judge_id = ctx.db.write(work)
    close(ctx)
    return entry_id, judge_id, stored.size_bytes


def download(url: str, received: list[int], slot: int) -> None:
    """Read the whole response in 1 MB pieces, counting bytes (and keeping none)."""
    with urllib.request.urlopen(url, timeout=120) as response:
        while piece := response.read(1 << 20):
            received[slot] += len(piece)


def one_round(url: str, pid: int) -> tuple[float, float, float, list[int]]:
    """(baseline MB, growth MB, seconds, bytes per client) for CLIENTS downloads at once."""
    baseline = sampled(pid, 1.0)
    received = [0] * CLIENTS
    threads = [threading.Thread(target=download, args=(url, received, n)) for n in range(CLIENTS)]
    sampler = Sampler(pid)
    sampler.start()
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    return baseline, sampler.stop() - baseline, seconds, received


def main() -> None:
    """Prepare the folder, start the server, run the rounds, print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 MB instead of 300 MB")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    megabytes = 100 if args.quick else 300
    print(f"issue 3 — {CLIENTS} clients streaming a {megabytes} MB original ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as tmp:
        folder = Path(tmp)
        video = big_video(folder / "big.mp4", megabytes=megabytes)
        entry_id, judge_id, size = prepare(folder / "data", video)
        video.unlink()
        with running_server(folder / "data", folder / "server.log") as (base, pid):
            url = media_url(
                base, folder / "data", kind="original", entry_id=entry_id, user_id=judge_id
            )
            warm = urllib.request.Request(url, headers={"Range": "bytes=0-1048575"})
            with urllib.request.urlopen(warm, timeout=60) as response:
                assert response.status == 206, response.status
            results = [one_round(url, pid) for _ in range(args.rounds)]
    growth = max(r[1] for r in results)
    fastest = min(r[2] for r in results)
    complete = all(b == size for r in results for b in r[3])
    say("server RSS before (per round)", "  ".join(f"{r[0]:.0f} MB" for r in results))
    say("server RSS growth (per round)", "  ".join(f"{r[1]:.1f} MB" for r in results))
    say(
        "highest growth while streaming",
        f"{growth:.1f} MB  target ≤ {TARGET_GROWTH_MB:g} MB  {verdict(growth, TARGET_GROWTH_MB)}",
    )
    total_mb = CLIENTS * size / 2**20
    say(
        "throughput (best round)",
        f"{total_mb / fastest:.0f} MB/s in all, {total_mb / fastest / CLIENTS:.0f} MB/s per client"
        f"  ({CLIENTS} × {size / 2**20:.0f} MB in {fastest:.2f} s)",
    )
    say("every client got the whole file", "yes" if complete else f"NO: {[r[3] for r in results]}")


if __name__ == "__main__":
    main()
