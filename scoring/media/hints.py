"""One ffmpeg pass that measures a file's media hints (the ffmpeg in imageio-ffmpeg).

A single decode feeds two filter chains: the first audio track through ``ebur128``
(loudness, true peak) and ``silencedetect``, the first video track through
``blackdetect``, ``freezedetect`` and ``signature`` (the MPEG-7 video signature, written
to a file in binary form). Nothing is encoded: the output is ffmpeg's null muxer. The
original is only read; the log goes to a file, not a pipe, so a file that makes the
filters talk a lot cannot stall the run.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import imageio_ffmpeg

from scoring.domain.hint_log import parse_analysis_log
from scoring.domain.hints import (
    BLACK_MIN_S,
    BLACK_PIXEL_SHARE,
    FREEZE_MIN_S,
    FREEZE_NOISE,
    SILENCE_MIN_S,
    SILENCE_NOISE_DB,
    Measures,
)
from scoring.errors import MediaProblem

_TAIL: Final = 600  # characters of ffmpeg's complaint kept for the coordinator


@dataclass(frozen=True)
class Analysis:
    """What one pass measured, and the video signature (None without a video track)."""

    measures: Measures
    signature: bytes | None


_SIGNATURE: Final = "signature.bin"  # written in ffmpeg's working folder: a plain name
# needs no filtergraph escaping, whatever the temporary folder's path holds


def _graph(*, audio: bool, video: bool) -> list[str]:
    chains = []
    outputs = []
    if audio:
        chains.append(
            "[0:a:0]ebur128=peak=true:framelog=quiet,"
            f"silencedetect=noise={SILENCE_NOISE_DB:g}dB:duration={SILENCE_MIN_S:g}[a]"
        )
        outputs += ["-map", "[a]"]
    if video:
        chains.append(
            f"[0:v:0]blackdetect=d={BLACK_MIN_S:g}:pix_th={BLACK_PIXEL_SHARE:g},"
            f"freezedetect=n={FREEZE_NOISE:g}:d={FREEZE_MIN_S:g},"
            # whole milliseconds: the signature stores its time unit in 16 bits
            f"settb=1/1000,signature=format=binary:filename={_SIGNATURE}[v]"
        )
        outputs += ["-map", "[v]"]
    return ["-filter_complex", ";".join(chains), *outputs]


def analyse(
    source: Path,
    *,
    has_audio: bool,
    has_video: bool,
    duration_s: float | None,
    on_progress: Callable[[float], None] = lambda _share: None,
) -> Analysis:
    """Measure ``source``; raise MediaProblem with ffmpeg's reason when it cannot."""
    if not (has_audio or has_video):
        return Analysis(Measures(duration_s=duration_s), None)
    with tempfile.TemporaryDirectory(prefix="jurydesk-hints-") as folder:
        signature = Path(folder) / _SIGNATURE
        log = Path(folder) / "ffmpeg.log"
        command = [
            imageio_ffmpeg.get_ffmpeg_exe(),
            *("-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"),
            *("-i", f"file:{source.absolute()}"),  # a name with a colon is no protocol
            *_graph(audio=has_audio, video=has_video),
            *("-progress", "pipe:1", "-f", "null", "-"),
        ]
        _run(command, Path(folder), log, duration_s, on_progress)
        text = log.read_text(encoding="utf-8", errors="replace")
        data = signature.read_bytes() if has_video and signature.is_file() else None
    measures = parse_analysis_log(text, duration_s=duration_s)
    on_progress(1.0)
    return Analysis(measures, data)


def _run(
    command: list[str],
    folder: Path,
    log: Path,
    duration_s: float | None,
    on_progress: Callable[[float], None],
) -> None:
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            command,
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            errors="replace",
        )
        assert process.stdout is not None
        for line in process.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit() and duration_s:
                on_progress(min(0.99, int(value) / 1_000_000 / duration_s))
        code = process.wait()
    if code != 0:
        raise MediaProblem("error.hints_failed", reason=_reason(log))


def _reason(log: Path) -> str:
    lines = [line for line in log.read_text("utf-8", errors="replace").splitlines() if line]
    return "\n".join(lines[-4:])[-_TAIL:] or "ffmpeg failed without a message"
