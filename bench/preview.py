"""Preview of a 4K clip (issue 3): ``python bench/preview.py [--quick] [--variants]``.

A 3840×2160 30 fps H.264/AAC clip of 20 s (``--quick``: 8 s) at about 45 Mbit/s, with
film grain so that it decodes and encodes like camera footage rather than a flat test
pattern, goes through ``scoring.media.preview.make_preview`` in a fresh child process
(best of ``--repeat``). Printed: seconds, seconds per second of clip (target ≤ 1.0 on two
cores) and, for information, ``make_poster``.

``--variants`` also runs the very command ``make_preview`` builds (captured, not copied)
with one option changed at a time, on a 4 s cut of the clip, and prints each variant's
seconds per clip second and output size: what would bring the preview under the target.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import ffmpeg, machine_note, run_child, say, serve_child, timed, verdict

TARGET = 1.0
SEGMENT_S = 4
Edit = Callable[[list[str]], list[str]]


def make_clip(folder: Path, seconds: int) -> tuple[Path, Path]:
    """A grainy 4K segment of ``SEGMENT_S`` s and the clip made of it repeated (stream copy)."""
    segment = folder / "segment-4k.mp4"
    if not segment.exists():
        ffmpeg(
            *("-f", "lavfi", "-i", "testsrc2=size=3840x2160:rate=30"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"),
            *("-t", str(SEGMENT_S), "-vf", "noise=alls=10:allf=t", "-c:v", "libx264"),
            *("-preset", "ultrafast", "-b:v", "45M", "-maxrate", "50M", "-bufsize", "50M"),
            *("-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", str(segment)),
        )
    clip = folder / f"clip-{seconds}s.mp4"
    loops = -(-seconds // SEGMENT_S) - 1
    ffmpeg(
        "-stream_loop", str(loops), "-i", str(segment), "-t", str(seconds), "-c", "copy", str(clip)
    )
    return segment, clip


def child_preview(source: str, target: str, seconds: str) -> dict[str, Any]:
    from scoring.media.preview import make_poster, make_preview

    duration = float(seconds)
    took, _ = timed(
        lambda: make_preview(
            Path(source), Path(target), portrait=False, duration_s=duration, has_audio=True
        )
    )
    poster, _ = timed(lambda: make_poster(Path(source), Path(target + ".jpg"), duration_s=duration))
    return {"seconds": took, "poster_s": poster, "bytes": Path(target).stat().st_size}


class _Captured(Exception):
    pass


def preview_command(source: Path, target: Path) -> list[str]:
    """The ffmpeg command ``make_preview`` runs for ``source`` (captured before it runs)."""
    from scoring.media import preview

    captured: list[list[str]] = []

    def capture(command: list[str], *_args: Any) -> None:
        captured.append(command)
        raise _Captured

    original = preview._run
    preview._run = capture  # type: ignore[assignment]
    try:
        preview.make_preview(source, target, portrait=False, duration_s=None, has_audio=True)
    except _Captured:
        pass
    finally:
        preview._run = original  # type: ignore[assignment]
    return captured[0]


def _option(name: str, value: str) -> Edit:
    def edit(command: list[str]) -> list[str]:
        changed = list(command)
        if name in changed:
            changed[changed.index(name) + 1] = value
        else:
            changed[changed.index("-i") : changed.index("-i")] = [name, value]
        return changed

    return edit


def _scale_flags(flags: str) -> Edit:
    def edit(command: list[str]) -> list[str]:
        changed = list(command)
        at = changed.index("-vf") + 1
        changed[at] = changed[at].replace("=decrease,", f"=decrease:flags={flags},", 1)
        return changed

    return edit


def _both(*edits: Edit) -> Edit:
    def edit(command: list[str]) -> list[str]:
        for one in edits:
            command = one(command)
        return command

    return edit


VARIANTS: dict[str, Edit] = {
    "as in preview.py (-preset veryfast)": lambda c: list(c),
    "-preset superfast": _option("-preset", "superfast"),
    "-preset ultrafast": _option("-preset", "ultrafast"),
    "scale flags=fast_bilinear": _scale_flags("fast_bilinear"),
    "-filter_threads 2": _option("-filter_threads", "2"),
    "superfast + fast_bilinear": _both(
        _option("-preset", "superfast"), _scale_flags("fast_bilinear")
    ),
    "ultrafast + fast_bilinear": _both(
        _option("-preset", "ultrafast"), _scale_flags("fast_bilinear")
    ),
}


def run_variants(segment: Path, folder: Path) -> None:
    """Each variant of the real command on the 4 s segment; seconds per clip second."""
    base = preview_command(segment, folder / "variant.mp4")
    partial = base[-1]
    for label, edit in VARIANTS.items():
        command = edit(base)
        took, done = timed(lambda c=command: subprocess.run(c, capture_output=True, check=False))
        if done.returncode != 0:
            say(f"  {label}", f"ffmpeg failed: {done.stderr.decode()[-300:]}")
            continue
        size = Path(partial).stat().st_size / 2**20
        say(f"  {label}", f"{took / SEGMENT_S:.2f} s per clip second  output {size:.1f} MB")


def main() -> None:
    """Make the clip, time make_preview in a child, optionally try the variants."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="an 8 s clip instead of 20 s")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--variants", action="store_true")
    args = parser.parse_args()
    seconds = 8 if args.quick else 20
    print(f"issue 3 — preview of a {seconds} s 3840×2160 clip ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        segment, clip = make_clip(Path(tmp), seconds)
        runs = [
            run_child(__file__, "preview", clip, Path(tmp) / f"preview-{n}.mp4", seconds)
            for n in range(args.repeat)
        ]
        done = min(runs, key=lambda r: r["seconds"])
        ratio = done["seconds"] / seconds
        sizes = f"{clip.stat().st_size / 2**20:.0f} MB in, {done['bytes'] / 2**20:.1f} MB out"
        say("make_preview", f"{done['seconds']:.1f} s for {seconds} s  ({sizes})")
        say("seconds per clip second", f"{ratio:.2f}  target ≤ {TARGET}  {verdict(ratio, TARGET)}")
        say("make_poster (information)", f"{done['poster_s']:.2f} s")
        if args.variants:
            print(f"variants of make_preview's command on a {SEGMENT_S} s cut ({machine_note()}):")
            run_variants(segment, Path(tmp))
    print(f"after: {machine_note()}")


if __name__ == "__main__" and not serve_child({"preview": child_preview}):
    main()
