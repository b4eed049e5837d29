"""Reading the measures out of ffmpeg's log of one analysis pass.

The analysis filters report on stderr: ``blackdetect``, ``freezedetect`` and
``silencedetect`` one line per event, ``ebur128`` a summary block at the end. Only lines
that begin with the filter's own ``[Parsed_<filter>_<n> @ …]`` prefix are read, and the
summary only after its ``Summary:`` line: ffmpeg prints the file's tags on stderr too,
indented, and a tag is text an entrant chose.
"""

from __future__ import annotations

import math
import re
from typing import Final

from scoring.domain.hints import Loudness, Measures, Stretch

_PREFIX: Final = re.compile(r"^\[Parsed_(\w+?)_\d+ @ 0x[0-9a-f]+\] (.*)$")
_NUMBER: Final = r"(-?(?:\d+(?:\.\d*)?|inf))"
_BLACK: Final = re.compile(rf"black_start:{_NUMBER} black_end:{_NUMBER}")
_FREEZE: Final = re.compile(rf"lavfi\.freezedetect\.freeze_(start|end): {_NUMBER}")
_SILENCE: Final = re.compile(rf"silence_(start|end): {_NUMBER}")
_SUMMARY: Final = {
    "I": re.compile(rf"^\s+I:\s+{_NUMBER} LUFS$"),
    "LRA": re.compile(rf"^\s+LRA:\s+{_NUMBER} LU$"),
    "Peak": re.compile(rf"^\s+Peak:\s+{_NUMBER} dBFS$"),
}


def _seconds(text: str) -> float:
    return max(0.0, float(text))


class _Events:
    """Start/end pairs of one detector; a start with no end runs to the end of the file."""

    def __init__(self) -> None:
        self.done: list[Stretch] = []
        self.open: float | None = None

    def start(self, at: float) -> None:
        self.open = at

    def end(self, at: float) -> None:
        if self.open is not None:
            self.done.append(Stretch(self.open, at))
        self.open = None

    def closed(self, duration_s: float | None) -> tuple[Stretch, ...]:
        if self.open is not None and duration_s is not None and duration_s > self.open:
            return (*self.done, Stretch(self.open, duration_s))
        return tuple(self.done)


def _loudness(lines: list[str]) -> Loudness | None:
    """The ``ebur128`` summary after its last ``Summary:`` line, if there is one."""
    starts = [n for n, line in enumerate(lines) if _filter_line(line) == ("ebur128", "Summary:")]
    if not starts:
        return None
    found: dict[str, float] = {}
    for line in lines[starts[-1] + 1 :]:
        for name, pattern in _SUMMARY.items():
            match = pattern.match(line)
            if match and name not in found:
                found[name] = float(match[1])
    if "I" not in found:
        return None
    peak = found.get("Peak", -math.inf)
    return Loudness(
        integrated_lufs=found["I"],
        range_lu=found.get("LRA", 0.0),
        true_peak_dbtp=None if math.isinf(peak) else peak,
    )


def _filter_line(line: str) -> tuple[str, str] | None:
    match = _PREFIX.match(line.rstrip())
    return None if match is None else (match[1], match[2])


def parse_analysis_log(text: str, *, duration_s: float | None) -> Measures:
    """The measures reported in ``text`` (ffmpeg's stderr); a stretch still open when the
    file ended (a silence or freeze to the last frame) ends at ``duration_s``."""
    lines = text.splitlines()
    blacks: list[Stretch] = []
    freezes, silences = _Events(), _Events()
    for line in lines:
        parsed = _filter_line(line)
        if parsed is None:
            continue
        name, message = parsed
        if name == "blackdetect" and (match := _BLACK.search(message)):
            blacks.append(Stretch(_seconds(match[1]), _seconds(match[2])))
        elif name == "freezedetect" and (match := _FREEZE.search(message)):
            _event(freezes, match[1], match[2])
        elif name == "silencedetect" and (match := _SILENCE.search(message)):
            _event(silences, match[1], match[2])
    return Measures(
        duration_s=duration_s,
        loudness=_loudness(lines),
        silences=silences.closed(duration_s),
        blacks=tuple(blacks),
        freezes=freezes.closed(duration_s),
    )


def _event(events: _Events, which: str, at: str) -> None:
    if which == "start":
        events.start(_seconds(at))
    else:
        events.end(_seconds(at))
