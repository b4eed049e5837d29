"""Regenerate the demo clips shipped in ``data/demo/clips/``.

The JuryDesk demo data set refers to fifteen short MP4 files (``D01``-``D10``
and ``A01``-``A05``), its calibration round to two more (``C01``, ``C02``) and the
recommending units' drafts to two more (``U01``, ``U02``).
They are synthetic: every clip is rendered from an ffmpeg ``lavfi`` test
source, so no footage is needed.  Each clip has its own source pattern or tint,
a moving white box (so it visibly plays), a row of small "tally" squares on a
dark strip in the top-left corner giving its number (white for the ``D`` clips,
yellow for the others) and its own sine tone (``D07``
deliberately has no audio track).  Over its own background each clip shows, in
Chinese, its entry's title for the first 2 s (rising and fading in), then short
scene captions that change every few seconds; the calibration clips show only
the neutral "试评样片", since judges must not learn what they are.  The text is
drawn with ``drawtext`` and a CJK font found at run time (``fc-match``, then a
glob under ``/usr/share/fonts``); without one the script stops and says so.

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

import shutil
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


CALIBRATION_TITLE = "试评样片"
# What each clip shows as text: its entry's title (see entries.csv), then short scene
# captions.  The calibration clips carry neutral text only: judges know them as 试评样片 n.
CAPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "D01": ("一碗牛肉面的标准", ("第一幕 · 清晨和面", "第二幕 · 一清二白", "第三幕 · 碗碗如一")),
    "D02": ("电梯安全守护者", ("第一幕 · 凌晨检修", "第二幕 · 逐项检验", "第三幕 · 上下平安")),
    "D03": (
        "计量让生活更公平",
        ("第一幕 · 走进菜市场", "第二幕 · 检定公平秤", "第三幕 · 斤两分明"),
    ),
    "D04": ("苹果里的质量密码", ("第一幕 · 果园春管", "第二幕 · 分拣装箱", "第三幕 · 走向市场")),
    "D05": ("老字号的新质量", ("第一幕 · 老师傅", "第二幕 · 新体系", "第三幕 · 老手艺新生")),
    "D07": ("一滴水的旅程", ("第一幕 · 水源地", "第二幕 · 水质检测", "第三幕 · 流进千家")),
    "D08": ("首席质量官的一天", ("第一幕 · 走进车间", "第二幕 · 质量例会", "第三幕 · 钢材出厂")),
    "D09": ("4K看质量", ("第一幕 · 细节", "第二幕 · 工艺", "第三幕 · 品质")),
    "D10": ("一件快递的质量承诺", ("第一幕 · 分拣中心", "第二幕 · 规范投递", "第三幕 · 客户签收")),
    "A01": ("戈壁上的光伏板", ("第一幕 · 戈壁日出", "第二幕 · 巡检光伏板", "第三幕 · 清洁能源")),
    "A02": ("小小标准化专家", ("第一幕 · 上学路上", "第二幕 · 处处有标准", "第三幕 · 我是小专家")),
    "A03": ("竖屏里的质量故事", ("第一幕 · 有色金属", "第二幕 · 质量攻关", "第三幕 · 提质增效")),
    "A04": ("丝路上的质量驿站", ("第一幕 · 古道驼铃", "第二幕 · 一站式服务", "第三幕 · 驿站新貌")),
    "A05": ("召回", ("第一幕 · 发现缺陷", "第二幕 · 启动召回", "第三幕 · 守护安全")),
    "C01": (CALIBRATION_TITLE, ("样片画面 · 一", "样片画面 · 二", "样片画面 · 三")),
    "C02": (CALIBRATION_TITLE, ("样片画面 · 一", "样片画面 · 二", "样片画面 · 三")),
    "U01": ("一把秤的分量", ("第一幕 · 集市清晨", "第二幕 · 校准台秤", "第三幕 · 足斤足两")),
    "U02": ("菜篮子里的计量", ("第一幕 · 早市采买", "第二幕 · 称重复核", "第三幕 · 放心菜篮")),
}
FONT_GLOBS = ("/usr/share/fonts/**/NotoSansCJK*.tt[cf]", "/usr/share/fonts/**/*CJK*.tt[cf]")


def cjk_font() -> str:
    """Return the path of a font with Chinese glyphs (fc-match first, then a glob)."""
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and "CJK" in found and Path(found).is_file():
            return found
    for pattern in FONT_GLOBS:
        for path in sorted(Path("/").glob(pattern.lstrip("/"))):
            return str(path)
    sys.exit(
        "No Chinese (CJK) font found: the demo clips draw Chinese titles. "
        "Install one (e.g. apt-get install fonts-noto-cjk) and run again."
    )


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


def captions(clip: Clip, font: str) -> str:
    """Return drawtext filters: the title large for 2 s, then scene captions every few s."""
    title, scenes = CAPTIONS[clip.name]
    side = min(clip.width, clip.height)
    base = f"drawtext=fontfile='{font}':fontcolor=white:borderw={side // 200}:bordercolor=black"
    fade = "alpha='min(1,t*2)'"
    title_text = (
        f"{base}:text='{title}':fontsize={side // 9}:x='(w-tw)/2':y='(h-th)/2-{side // 20}*t'"
        f":box=1:boxcolor=black@0.45:boxborderw={side // 40}:{fade}:enable='lt(t,2)'"
    )
    period = max(1.5, min(4.0, (clip.seconds - 2) / len(scenes)))
    phase = f"mod(t-2,{period})"
    chain = [title_text]
    for i, scene in enumerate(scenes):
        chain.append(
            f"{base}:text='{scene}':fontsize={side // 16}"
            f":x='(w-tw)/2':y='h-th-{side // 8}'"
            f":box=1:boxcolor=black@0.5:boxborderw={side // 60}:alpha='min(1,{phase}*2)'"
            f":enable='gte(t,2)*eq(mod(floor((t-2)/{period}),{len(scenes)}),{i})'"
        )
    return ",".join(chain)


def video_graph(clip: Clip, font: str) -> str:
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
        + f"[bg][box]overlay=x={move_x}:y={move_y}:shortest=1,format=yuv420p,"
        + captions(clip, font)
        + gap  # last, so the black gap stays fully black
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


def ffmpeg_command(clip: Clip, target: Path, font: str) -> list[str]:
    """Return the full ffmpeg argument list rendering ``clip`` to ``target``."""
    if clip.copy_of:
        return copy_command(clip, target)
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    cmd += ["-f", "lavfi", "-i", video_graph(clip, font)]
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


def render(clip: Clip, out_dir: Path, font: str) -> Path:
    """Render one clip into ``out_dir`` (via a temporary file) and return its path."""
    target = out_dir / f"{clip.name}.mp4"
    partial = out_dir / f"{clip.name}.partial.mp4"
    subprocess.run(ffmpeg_command(clip, partial, font), check=True)
    partial.replace(target)
    return target


def main() -> None:
    """Render every demo clip (or those named on the command line) and print its size."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    font = cjk_font()
    total = 0
    names = set(sys.argv[1:])
    for clip in (c for c in CLIPS if not names or c.name in names):
        path = render(clip, OUT_DIR, font)
        size = path.stat().st_size
        total += size
        print(f"{path.name}: {clip.width}x{clip.height} {clip.seconds}s {size:,} bytes")
    print(f"total: {total:,} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
