"""Media hints: what a coordinator may want to look at in a video's sound and picture.

Hints are measured from the file (ffmpeg's ``ebur128``, ``silencedetect``, ``blackdetect``
and ``freezedetect``). They are never a score input and never block an entry: a long
silence or a black pause can be intended. The references are broadcast norms, named in
every message, because the notice sets none:

- EBU R 128 (2020): programme loudness −23 LUFS; a hint outside −23 ± 5 LUFS (the ±5 is
  this tool's tolerance, wider than R 128's ±0.5 LU for live programmes, so only a clearly
  loud or quiet mix is named) and a true peak above −1 dBTP. Platforms (Douyin and the
  like) play at about −14 LUFS and turn louder mixes down; the messages say so.
- Silence: at most −50 dBFS for 2 s or longer; a track silent from start to end is one
  hint of its own.
- Black (almost every pixel darker than 10 % grey) for 0.5 s or longer, counting only the
  part between the first and the last 0.5 s (a fade from or to black is not a hint);
  a picture frozen for 2 s or longer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from scoring.enums import HintKind

TARGET_LUFS: Final = -23.0  # EBU R 128 programme loudness
TOLERANCE_LU: Final = 5.0
PLATFORM_LUFS: Final = -14.0  # where streaming platforms normalise to (approximately)
TRUE_PEAK_MAX_DBTP: Final = -1.0  # EBU R 128 maximum true peak
GATED_OUT_LUFS: Final = -70.0  # ebur128's value when no block passes the absolute gate
SILENCE_NOISE_DB: Final = -50.0
SILENCE_MIN_S: Final = 2.0
BLACK_MIN_S: Final = 0.5
BLACK_EDGE_S: Final = 0.5
BLACK_PIXEL_SHARE: Final = 0.10  # a pixel is black below 10 % of the luma range
FREEZE_MIN_S: Final = 2.0
FREEZE_NOISE: Final = 0.001  # mean difference between frames (of full scale) below which
# a picture counts as unchanged: ffmpeg's default, −60 dB
EDGE_TOLERANCE_S: Final = 0.1  # a silence this close to both ends covers the whole track


@dataclass(frozen=True)
class Stretch:
    """A span of a file, in seconds from its start."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """Its length in seconds."""
        return max(0.0, self.end_s - self.start_s)

    def as_list(self) -> list[float]:
        """``[start, end]`` for JSON."""
        return [self.start_s, self.end_s]


@dataclass(frozen=True)
class Loudness:
    """EBU R 128 measures of the first audio track."""

    integrated_lufs: float  # −70.0: nothing above the absolute gate (silence)
    range_lu: float
    true_peak_dbtp: float | None  # None: no sample above zero (digital silence)


@dataclass(frozen=True)
class Measures:
    """Everything measured from one file: loudness is None when it has no audio track."""

    duration_s: float | None
    loudness: Loudness | None = None
    silences: tuple[Stretch, ...] = ()
    blacks: tuple[Stretch, ...] = ()
    freezes: tuple[Stretch, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form (stored, and printed by ``probe --json``)."""
        sound = self.loudness
        return {
            "duration_s": self.duration_s,
            "loudness": None
            if sound is None
            else {
                "integrated_lufs": sound.integrated_lufs,
                "range_lu": sound.range_lu,
                "true_peak_dbtp": sound.true_peak_dbtp,
            },
            "silences": [s.as_list() for s in self.silences],
            "blacks": [s.as_list() for s in self.blacks],
            "freezes": [s.as_list() for s in self.freezes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Measures:
        """The inverse of ``as_dict``."""
        sound = data.get("loudness")
        return cls(
            duration_s=data.get("duration_s"),
            loudness=None if sound is None else Loudness(**sound),
            silences=_stretches(data.get("silences", ())),
            blacks=_stretches(data.get("blacks", ())),
            freezes=_stretches(data.get("freezes", ())),
        )


def _stretches(pairs: Iterable[Sequence[float]]) -> tuple[Stretch, ...]:
    return tuple(Stretch(float(a), float(b)) for a, b in pairs)


@dataclass(frozen=True)
class Hint:
    """One thing worth a look: its kind, the values its message names, and where in the
    file it is (``start_s`` is where the player seeks; None for the whole file)."""

    kind: HintKind
    params: dict[str, Any] = field(default_factory=dict)
    start_s: float | None = None
    end_s: float | None = None


def silent_track(measures: Measures) -> bool:
    """True when the file has sound that is silent from start to end."""
    sound = measures.loudness
    if sound is None:
        return False
    if sound.integrated_lufs <= GATED_OUT_LUFS or sound.true_peak_dbtp is None:
        return True
    end = measures.duration_s
    return end is not None and any(
        s.start_s <= EDGE_TOLERANCE_S and s.end_s >= end - EDGE_TOLERANCE_S
        for s in measures.silences
    )


def loudness_hints(measures: Measures) -> list[Hint]:
    """Too loud or too quiet against −23 ± 5 LUFS, a true peak above −1 dBTP, or no sound."""
    sound = measures.loudness
    if sound is None:
        return []
    if silent_track(measures):
        return [Hint(HintKind.SILENT_TRACK)]
    found = []
    level = {
        "lufs": sound.integrated_lufs,
        "target": TARGET_LUFS,
        "tolerance": TOLERANCE_LU,
        "platform": PLATFORM_LUFS,
    }
    if sound.integrated_lufs > TARGET_LUFS + TOLERANCE_LU:
        found.append(Hint(HintKind.LOUD, level))
    elif sound.integrated_lufs < TARGET_LUFS - TOLERANCE_LU:
        found.append(Hint(HintKind.QUIET, level))
    peak = sound.true_peak_dbtp
    if peak is not None and peak > TRUE_PEAK_MAX_DBTP:
        found.append(Hint(HintKind.TRUE_PEAK, {"dbtp": peak, "limit": TRUE_PEAK_MAX_DBTP}))
    return found


def inner_black(stretch: Stretch, duration_s: float | None) -> Stretch:
    """The part of a black stretch between the first and the last 0.5 s of the file."""
    end = stretch.end_s if duration_s is None else min(stretch.end_s, duration_s - BLACK_EDGE_S)
    return Stretch(max(stretch.start_s, BLACK_EDGE_S), end)


def stretch_hints(measures: Measures) -> list[Hint]:
    """Silences, black and frozen pictures long enough to name, in time order."""
    found: list[Hint] = []
    if not silent_track(measures):
        found += [_at(HintKind.SILENCE, s) for s in measures.silences if _long(s, SILENCE_MIN_S)]
    found += [
        _at(HintKind.BLACK, s)
        for s in measures.blacks
        if _long(inner_black(s, measures.duration_s), BLACK_MIN_S)
    ]
    found += [_at(HintKind.FREEZE, s) for s in measures.freezes if _long(s, FREEZE_MIN_S)]
    return sorted(found, key=lambda h: (h.start_s or 0.0, h.kind.value))


def media_hints(measures: Measures) -> list[Hint]:
    """Every hint of one file: the whole-file ones first, then those at a time."""
    return loudness_hints(measures) + stretch_hints(measures)


def _long(stretch: Stretch, minimum: float) -> bool:
    # ffmpeg prints times rounded to the microsecond; a hair under the limit still counts
    return stretch.duration_s >= minimum - 1e-6


def _at(kind: HintKind, stretch: Stretch) -> Hint:
    params = {"seconds": stretch.duration_s}
    return Hint(kind, params, start_s=stretch.start_s, end_s=stretch.end_s)


def clock_text(seconds: float) -> str:
    """A time in a file as people read it: ``1:02.5`` (minutes, seconds to a tenth)."""
    tenths = round(max(0.0, seconds) * 10)
    return f"{tenths // 600}:{tenths % 600 // 10:02d}.{tenths % 10}"
