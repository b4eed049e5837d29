"""Regenerate the demo clips shipped in ``data/demo/clips/``.

The JuryDesk demo data set refers to fifteen short MP4 files (``D01``-``D10``
and ``A01``-``A05``), its calibration round to two more (``C01``, ``C02``) and the
recommending units' drafts to two more (``U01``, ``U02``).
They are synthetic: every clip is rendered from an ffmpeg ``lavfi`` test
source, so no footage and no fonts are needed.  Each clip has its own source
pattern or tint, a moving white box (so it visibly plays), a row of small
"tally" squares on a dark strip in the top-left corner giving its number
(white for the ``D`` clips, yellow for the others) and its own
sine tone (``D07`` deliberately has no audio track).

Two clips carry media hints for coordinators: ``D05`` goes black for one second (12–13 s),
and ``D06`` is not drawn but copied from ``D03`` — re-encoded smaller (1280×720, lower
quality) from its 1 s mark for 8 s, as when two units send in the same film. Only the
video signature finds that pair (the bytes differ). No other two clips may show the same
picture: ``A02`` uses ``testsrc``, since a hue-shifted ``testsrc2`` would be ``D01`` again.

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
import sys
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
    black: tuple[float, float] | None = None  # a black gap from/to (seconds)
    copy_of: str = ""  # re-encode this earlier clip instead of drawing one
    copy_from_s: float = 0.0  # … starting at this time


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
        black=(12.0, 13.0),
    ),
    Clip("D06", 1280, 720, 8, True, "", copy_of="D03", copy_from_s=1.0),
    Clip("D07", 1080, 1920, 12, False, "cellauto=s={s}:seed=7:rule=30", look=TINT_BLUE, div=20),
    Clip("D08", 1920, 1080, 14, True, "colorspectrum=s={s}:type=2"),
    Clip("D09", 3840, 2160, 6, True, "pal100bars=s={s}", look="hue=h=90"),
    Clip("D10", 1920, 1080, 9, True, "yuvtestsrc=s={s}"),
    Clip("A01", 1920, 1080, 30, True, "color=c=#203060:s={s}"),
    Clip("A02", 1920, 1080, 20, True, "testsrc=s={s}", look="hue=h=150", still=True),
    Clip("A03", 1080, 1920, 10, True, "colorchart=patch_size=45x120"),
    Clip("A04", 1920, 1080, 45, True, "smptebars=s={s}", look="hue=h=240"),
    Clip(
        "A05", 1920, 1080, 16, True, "mandelbrot=s={s}:start_scale=1.5", look="hue=h=60", still=True
    ),
    Clip("C01", 1920, 1080, 10, True, "testsrc=s={s}", look="hue=h=200", still=True),
    Clip("C02", 1080, 1920, 8, True, "pal75bars=s={s}", look="hue=h=300"),
    # Works two recommending units registered in the app and have not forwarded yet; their
    # sources are no other clip's, so no video signature pairs them with an entry.
    Clip("U01", 1920, 1080, 14, True, "sierpinski=s={s}:seed=11", div=16, still=True),
    Clip("U02", 1080, 1920, 11, True, "zoneplate=s={s}:kx2=30:ky2=30", look="hue=h=30", still=True),
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
    gap = ""
    if clip.black:
        start, end = clip.black
        gap = f",drawbox=c=black:t=fill:enable='gte(t,{start})*lt(t,{end})'"
    return (
        ",".join(chain)
        + "[bg];"
        + f"color=c=white@0.85:s={box}x{box}:r={FPS}[box];"
        + f"[bg][box]overlay=x={move_x}:y={move_y}:shortest=1,format=yuv420p"
        + gap
    )


def copy_command(clip: Clip, target: Path) -> list[str]:
    """Return the ffmpeg arguments re-encoding the earlier clip ``clip.copy_of``."""
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    cmd += ["-ss", str(clip.copy_from_s), "-i", str(OUT_DIR / f"{clip.copy_of}.mp4")]
    cmd += ["-t", str(clip.seconds), "-vf", f"scale={clip.width}:{clip.height}"]
    cmd += ["-c:v", "libx264", "-preset", "medium", "-crf", str(CRF + 4), "-g", str(GOP)]
    cmd += ["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "1"]
    cmd += ["-map_metadata", "-1", "-fflags", "+bitexact", "-movflags", "+faststart"]
    return [*cmd, "-f", "mp4", str(target)]


def ffmpeg_command(clip: Clip, target: Path) -> list[str]:
    """Return the full ffmpeg argument list rendering ``clip`` to ``target``."""
    if clip.copy_of:
        return copy_command(clip, target)
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
    """Render every demo clip (or those named on the command line) and print its size."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    names = set(sys.argv[1:])
    for clip in (c for c in CLIPS if not names or c.name in names):
        path = render(clip, OUT_DIR)
        size = path.stat().st_size
        total += size
        print(f"{path.name}: {clip.width}x{clip.height} {clip.seconds}s {size:,} bytes")
    print(f"total: {total:,} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
