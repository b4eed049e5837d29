"""Browser-playable previews and poster frames, made with the ffmpeg in imageio-ffmpeg.

The original is only read. A preview is H.264/AAC MP4 no larger than 1920×1080 (1080×1920
for portrait), aspect kept, ``faststart`` so playback starts before the download ends.
ffmpeg applies rotation metadata while decoding, so previews are stored upright.

Whatever a judge can fetch carries none of the original's words: no container or stream
tags (title, artist, comment, handler names …), no chapters, no captions, and for a stream
copy no SEI user data — an entrant can write "出品：某公司" into any of them.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Final

import imageio_ffmpeg

from scoring.errors import MediaProblem

_PROGRESS: Final = re.compile(r"out_time_us=(\d+)")
_TAIL: Final = 600  # characters of ffmpeg's complaint kept for the finding


def preview_path(media_dir: Path, sha256: str) -> Path:
    """Where the preview of an original lives."""
    return media_dir / "previews" / f"{sha256}.mp4"


def poster_path(media_dir: Path, sha256: str) -> Path:
    """Where the poster frame of an original lives."""
    return media_dir / "posters" / f"{sha256}.jpg"


# Drop global, per-stream and chapter metadata, and ffmpeg's own version strings.
NO_TAGS: Final = (
    "-map_metadata", "-1",
    "-map_metadata:s:v", "-1",
    "-map_metadata:s:a", "-1",
    "-map_chapters", "-1",
    "-fflags", "+bitexact",
    "-flags:v", "+bitexact",
    "-flags:a", "+bitexact",
)  # fmt: skip


def clean_path(media_dir: Path, sha256: str) -> Path:
    """Where the tag-free stream copy of a browser-playable original lives."""
    return media_dir / "clean" / f"{sha256}.mp4"


def _fit(portrait: bool) -> str:
    box_w, box_h = (1080, 1920) if portrait else (1920, 1080)
    # Shrink only (never upscale), keep the aspect, and keep both sides even for yuv420p.
    return (
        f"scale='min({box_w},iw)':'min({box_h},ih)':force_original_aspect_ratio=decrease:flags=fast_bilinear,"
        "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p"
    )


def make_preview(
    source: Path,
    target: Path,
    *,
    portrait: bool,
    duration_s: float | None,
    has_audio: bool,
    on_progress: Callable[[float], None] = lambda _share: None,
) -> None:
    """Transcode ``source`` into ``target`` (written atomically); raise MediaProblem with
    ffmpeg's reason when it cannot be made."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.mp4")
    _run(
        _preview_command(source, partial, portrait=portrait, has_audio=has_audio),
        partial,
        duration_s,
        on_progress,
    )
    os.replace(partial, target)
    on_progress(1.0)


def _reading(source: Path, *, has_audio: bool) -> list[str]:
    """ffmpeg, quiet and never asking, reading the first video (and audio) stream of
    ``source``."""
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    audio = ["-map", "0:a:0"] if has_audio else []
    return [exe, "-hide_banner", "-nostdin", "-y", "-i", str(source), "-map", "0:v:0", *audio]


def _writing(partial: Path) -> list[str]:
    """Writing ``partial`` as a streamable MP4 without tags, progress on stdout."""
    return [*NO_TAGS, "-movflags", "+faststart", "-progress", "pipe:1", "-nostats", str(partial)]


def _preview_command(source: Path, partial: Path, *, portrait: bool, has_audio: bool) -> list[str]:
    """ffmpeg's arguments for a preview: H.264 fitted to the player, AAC stereo, no tags,
    progress on stdout."""
    audio = ["-c:a", "aac", "-b:a", "128k", "-ac", "2"] if has_audio else ["-an"]
    command = [
        *_reading(source, has_audio=has_audio),
        "-vf",
        _fit(portrait),
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "23",
        "-profile:v",
        "high",
        "-a53cc",
        "0",  # closed captions in the source are words too
        *audio,
        *_writing(partial),
    ]
    return command


def make_clean_copy(source: Path, target: Path, *, has_audio: bool) -> None:
    """Copy an H.264 original's first video and audio streams, untouched in quality, into
    an MP4 without tags, chapters or SEI messages (what a judge watches as the original)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.mp4")
    command = [
        *_reading(source, has_audio=has_audio),
        "-c",
        "copy",
        "-bsf:v",
        "filter_units=remove_types=6",  # H.264 SEI: user data can carry any text
        *_writing(partial),
    ]
    _run(command, partial, None, lambda _share: None)
    os.replace(partial, target)


def _run(
    command: list[str],
    partial: Path,
    duration_s: float | None,
    on_progress: Callable[[float], None],
) -> None:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    assert process.stdout is not None and process.stderr is not None
    for line in process.stdout:
        match = _PROGRESS.match(line.strip())
        if match and duration_s:
            on_progress(min(0.99, int(match[1]) / 1_000_000 / duration_s))
    stderr = process.stderr.read()
    if process.wait() != 0:
        partial.unlink(missing_ok=True)
        raise MediaProblem("error.preview_failed", reason=_reason(stderr))


def _reason(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return "\n".join(lines[-4:])[-_TAIL:] or "ffmpeg failed without a message"


def make_poster(source: Path, target: Path, *, duration_s: float | None) -> None:
    """Write a 640-pixel-wide JPEG frame from a second in (or the middle of a short clip);
    a clip of a frame or two may have nothing there, so the first frame is the fallback."""
    target.parent.mkdir(parents=True, exist_ok=True)
    at = 1.0 if not duration_s or duration_s > 2 else duration_s / 2
    partial = target.with_suffix(".partial.jpg")
    stderr = ""
    for seek in (at, 0.0):
        result = subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-hide_banner",
                "-nostdin",
                "-y",
                "-ss",
                f"{seek:.3f}",
                "-i",
                str(source),
                "-frames:v",
                "1",
                "-vf",
                "scale=640:-2",
                "-q:v",
                "4",
                *NO_TAGS,
                str(partial),
            ],
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
        )
        if result.returncode == 0 and partial.exists():
            os.replace(partial, target)
            return
        stderr = result.stderr
    partial.unlink(missing_ok=True)
    raise MediaProblem("error.preview_failed", reason=_reason(stderr))
