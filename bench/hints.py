"""Media hints of a 60 s 1080p clip: ``python bench/hints.py [--quick] [--repeat N]``.

A 1920×1080 30 fps H.264/AAC clip of 60 s (``--quick``: 20 s) at about 10 Mbit/s, grainy
so it decodes like camera footage, is made in a temporary folder. Measured in fresh child
processes, interleaved, best of ``--repeat``:

- the floor: bare decoding, ``ffmpeg -i clip -f null -`` (every frame and sample decoded,
  nothing else);
- all hints: ``scoring.media.hints.analyse`` (one pass: EBU R 128 loudness and true peak,
  silence, black, freeze, the MPEG-7 signature), then reading the signature and comparing
  it with another film's (here: the clip's own), as the background worker does.

Printed: wall seconds of both, hints per second of clip (target ≤ 0.5 on two cores), the
ratio to the floor, and CPU seconds (user + system of ffmpeg and Python), which other work
on the machine does not stretch; the load average before and after.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from _common import ffmpeg, machine_note, run_child, say, serve_child, timed, verdict

TARGET = 0.5
SEGMENT_S = 5


def make_clip(folder: Path, seconds: int) -> Path:
    """A grainy 1080p segment repeated by stream copy to ``seconds`` (every frame real)."""
    segment = folder / "segment-1080p.mp4"
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"),
        *("-t", str(SEGMENT_S), "-vf", "noise=alls=8:allf=t", "-c:v", "libx264"),
        *("-preset", "ultrafast", "-b:v", "10M", "-maxrate", "12M", "-bufsize", "12M"),
        *("-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-shortest"),
        str(segment),
    )
    clip = folder / f"clip-{seconds}s.mp4"
    loops = -(-seconds // SEGMENT_S) - 1
    ffmpeg(
        "-stream_loop", str(loops), "-i", str(segment), "-t", str(seconds), "-c", "copy", str(clip)
    )
    return clip


def _cpu() -> float:
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def child_floor(source: str) -> dict[str, Any]:
    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", source]
    before = _cpu()
    took, _ = timed(
        lambda: subprocess.run([*command, "-f", "null", "-"], capture_output=True, check=True)
    )
    return {"seconds": took, "cpu": _cpu() - before}


def child_hints(source: str, seconds: str) -> dict[str, Any]:
    from scoring.domain.hints import media_hints
    from scoring.domain.signatures import match, parse_signature
    from scoring.media.hints import analyse

    before = _cpu()

    def everything() -> int:
        analysis = analyse(Path(source), has_audio=True, has_video=True, duration_s=float(seconds))
        media_hints(analysis.measures)
        mine = parse_signature(analysis.signature or b"")
        return len(match(mine, parse_signature(analysis.signature or b"")))

    took, parts = timed(everything)
    return {"seconds": took, "cpu": _cpu() - before, "parts": parts}


def main() -> None:
    """Make the clip; time the floor and all hints in children, interleaved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 20 s clip instead of 60 s")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seconds = 20 if args.quick else 60
    print(f"media hints of a {seconds} s 1920×1080 30 fps clip ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-hints-") as tmp:
        clip = make_clip(Path(tmp), seconds)
        floors, hints = [], []
        for _ in range(args.repeat):
            floors.append(run_child(__file__, "floor", clip))
            hints.append(run_child(__file__, "hints", clip, seconds))
        floor = min(floors, key=lambda r: r["seconds"])
        done = min(hints, key=lambda r: r["seconds"])
        size = f"{clip.stat().st_size / 2**20:.0f} MB"
        say(
            "floor: ffmpeg -f null (decode only)",
            f"{floor['seconds']:.2f} s  CPU {floor['cpu']:.2f} s  ({size})",
        )
        say(
            "all hints (one pass + signature match)",
            f"{done['seconds']:.2f} s  CPU {done['cpu']:.2f} s",
        )
        per_second = done["seconds"] / seconds
        say(
            "hints per clip second",
            f"{per_second:.3f}  target ≤ {TARGET}  {verdict(per_second, TARGET)}",
        )
        say("hints / floor (wall)", f"{done['seconds'] / floor['seconds']:.2f}")
        say("hints / floor (CPU)", f"{done['cpu'] / floor['cpu']:.2f}")
        assert done["parts"] == 1, done  # the clip found in itself: the comparison really ran
    print(f"after: {machine_note()}")


if __name__ == "__main__" and not serve_child({"floor": child_floor, "hints": child_hints}):
    main()
