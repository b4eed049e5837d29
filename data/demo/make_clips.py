"""Regenerate the demo clips shipped in ``data/demo/clips/``.

The JuryDesk demo data set refers to fifteen short MP4 files (``D01``-``D10``
and ``A01``-``A05``), and the units' drafts to two more (``U01``, ``U02``).
They are synthetic: every clip is rendered from an
ffmpeg ``lavfi`` test source, so no footage and no fonts are needed.  Each clip
has its own source pattern or tint, a moving white box (so it visibly plays),
a row of small "tally" squares on a dark strip in the top-left corner giving
its number (white for the ``D`` clips, yellow for the others) and its own
sine tone (``D07`` deliberately has no audio track).

Exact display sizes and durations matter because the app validates them.  To
keep the files small the picture is rendered at a fraction of the size and
scaled up, busy patterns are frozen on their first frame, and everything is
encoded at 10 fps with a high CRF (H.264 + low-bitrate mono AAC, faststart).
All random sources use fixed seeds, so re-running gives the same clips.

Run from anywhere::

    python data/demo/make_clips.py

Existing clips are overwritten.  Only ``imageio-ffmpeg`` is required (it ships
a static ffmpeg binary).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

import imageio_ffmpeg

OUT_DIR = Path(__file__).resolve().parent / "clips"
FPS = 10
CRF = 40
GOP = 100
AUDIO_RATE = 22050
AUDIO_BITRATE = "16k"
TINT_BLUE = "format=rgb24,lutrgb=r=val*0.25:g=val*0.6:b=val*0.95"


class Clip(NamedTuple):
    """One demo clip: output name, display size, duration and look."""

    name: str
    width: int
    height: int
    seconds: int
    audio: bool
    source: str  # lavfi source; ``{s}`` is replaced by the render size
    look: str = ""  # extra filter applied after scaling (hue shift, tint)
    div: int = 4  # render the source at 1/div of the size, then scale up
    still: bool = False  # freeze the first frame of the source


CLIPS: tuple[Clip, ...] = (
    Clip("D01", 1920, 1080, 12, True, "testsrc2=s={s}", still=True),
    Clip("D02", 1080, 1920, 15, True, "smptehdbars=s={s}"),
    Clip("D03", 1920, 1080, 18, True, "mandelbrot=s={s}", still=True),
    Clip(
        "D04",
        1080,
        1920,
        10,
        True,
        "life=s={s}:seed=4:ratio=0.2:life_color=#40ff40:death_color=#402060",
        div=20,
        still=True,
    ),
    Clip(
        "D05",
        1920,
        1080,
        25,
        True,
        "gradients=s={s}:seed=5:n=4:c0=#ff4000:c1=#2040ff:c2=#ffe000:c3=#00c080:speed=0.01",
    ),
    Clip("D06", 1280, 720, 8, True, "rgbtestsrc=s={s}"),
    Clip("D07", 1080, 1920, 12, False, "cellauto=s={s}:seed=7:rule=30", look=TINT_BLUE, div=20),
    Clip("D08", 1920, 1080, 14, True, "colorspectrum=s={s}:type=2"),
    Clip("D09", 3840, 2160, 6, True, "pal100bars=s={s}", look="hue=h=90"),
    Clip("D10", 1920, 1080, 9, True, "yuvtestsrc=s={s}"),
    Clip("A01", 1920, 1080, 30, True, "color=c=#203060:s={s}"),
    Clip("A02", 1920, 1080, 20, True, "testsrc2=s={s}", look="hue=h=150", still=True),
    Clip("A03", 1080, 1920, 10, True, "colorchart=patch_size=45x120"),
    Clip("A04", 1920, 1080, 45, True, "smptebars=s={s}", look="hue=h=240"),
    Clip(
        "A05", 1920, 1080, 16, True, "mandelbrot=s={s}:start_scale=1.5", look="hue=h=60", still=True
    ),
    # Works two recommending units registered in the app and have not forwarded yet.
    Clip("U01", 1920, 1080, 14, True, "smptehdbars=s={s}", look="hue=h=120"),
    Clip("U02", 1080, 1920, 11, True, "rgbtestsrc=s={s}", look="hue=h=30"),
)


def tally_boxes(index: int, colour: str, width: int) -> str:
    """Return drawbox filters drawing ``index`` small squares in the top-left corner."""
    side = width // 40
    strip = f"drawbox=x=0:y=0:w={side * (2 * index + 1)}:h={side * 3}:c=black@0.8:t=fill"
    boxes = [strip] + [
        f"drawbox=x={side * (1 + 2 * i)}:y={side}:w={side}:h={side}:c={colour}:t=fill"
        for i in range(index)
    ]
    return ",".join(boxes)


def video_graph(clip: Clip) -> str:
    """Build the lavfi filter graph producing the clip's picture at its final size."""
    small = f"{clip.width // clip.div}x{clip.height // clip.div}"
    source = clip.source.format(s=small)
    box = max(clip.width, clip.height) // 12
    move_x = f"'mod(t*{clip.width // 6},W-w)'"
    move_y = "'(H-h)/2+(H-h)/3*sin(t)'"
    colour = "white" if clip.name.startswith("D") else "yellow"
    flags = "neighbor" if clip.div > 4 else "bicubic"
    chain = [f"{source}:r={FPS}"]
    if clip.still:
        chain.append(f"loop=loop=-1:size=1,setpts=N/({FPS}*TB)")
    chain += [f"scale={clip.width}:{clip.height}:flags={flags}", "format=yuv420p"]
    if clip.look:
        chain.append(clip.look)
    chain.append(tally_boxes(int(clip.name[1:]), colour, clip.width))
    return (
        ",".join(chain)
        + "[bg];"
        + f"color=c=white@0.85:s={box}x{box}:r={FPS}[box];"
        + f"[bg][box]overlay=x={move_x}:y={move_y}:shortest=1,format=yuv420p"
    )


def ffmpeg_command(clip: Clip, target: Path) -> list[str]:
    """Return the full ffmpeg argument list rendering ``clip`` to ``target``."""
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    cmd += ["-f", "lavfi", "-i", video_graph(clip)]
    if clip.audio:
        tone = (220 if clip.name.startswith("D") else 660) + 40 * int(clip.name[1:])
        cmd += ["-f", "lavfi", "-i", f"sine=f={tone}:sample_rate={AUDIO_RATE}"]
    cmd += ["-t", str(clip.seconds), "-map", "0:v"]
    cmd += ["-c:v", "libx264", "-preset", "medium", "-crf", str(CRF), "-g", str(GOP)]
    cmd += ["-pix_fmt", "yuv420p", "-r", str(FPS)]
    if clip.audio:
        cmd += ["-map", "1:a", "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "1"]
    cmd += ["-map_metadata", "-1", "-fflags", "+bitexact", "-movflags", "+faststart"]
    return [*cmd, "-f", "mp4", str(target)]


def render(clip: Clip, out_dir: Path) -> Path:
    """Render one clip into ``out_dir`` (via a temporary file) and return its path."""
    target = out_dir / f"{clip.name}.mp4"
    partial = out_dir / f"{clip.name}.partial.mp4"
    subprocess.run(ffmpeg_command(clip, partial), check=True)
    partial.replace(target)
    return target


def main() -> None:
    """Render every demo clip and print its size."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    for clip in CLIPS:
        path = render(clip, OUT_DIR)
        size = path.stat().st_size
        total += size
        print(f"{path.name}: {clip.width}x{clip.height} {clip.seconds}s {size:,} bytes")
    print(f"total: {total:,} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
