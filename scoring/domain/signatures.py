"""Finding the same film in two videos from their MPEG-7 video signatures.

A sha256 catches identical bytes only; a film re-encoded at another size or bitrate, or
trimmed, has other bytes but the same pictures. ffmpeg's ``signature`` filter writes the
MPEG-7 video signature (ISO/IEC 15938-3:2002/Amd.4; Brasnett and Bober, "Robust visual
identifier using the trace transform" and the MPEG-7 video signature tools): for every frame
380 ternary values from block-mean differences of the luma, and a confidence (how much the
frame has to say: a black or one-colour frame has none).

ffmpeg can compare videos only inside one run that decodes them all again; here each
file's signature is stored once (``format=binary``) and compared with the others:

1. Frames look alike when the L1 distance of their 380 values is below 116 of 760
   (``MATCH_DISTANCE``, ffmpeg's ``th_xh``). Frames with confidence below 1 are left out:
   two unrelated films both have black frames.
2. Up to 120 frames of the first video each vote for the time offset to their closest
   alike frame of the second; the offset with the most votes wins (a Hough vote, as in
   ffmpeg's lookup, for one frame-rate ratio: a re-encode keeps the speed).
3. Along that offset every frame is checked; runs of alike frames (two unlike frames in a
   row are tolerated, as in ffmpeg) of at least ``MIN_MATCH_S`` are the matching ranges.
   Steps 2–3 repeat on the frames not yet matched, for films re-cut in parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from scoring.errors import MediaProblem

MATCH_DISTANCE: Final = 116
MIN_CONFIDENCE: Final = 1
MIN_MATCH_S: Final = 2.0
VOTERS: Final = 120
MIN_VOTES: Final = 3
TOLERATED_MISSES: Final = 2
OFFSET_STEP_S: Final = 0.1  # votes are counted in bins of this width
MAX_PARTS: Final = 4
WHOLE_SHARE: Final = 0.8  # matched share of the shorter film that makes it "the whole film"

_VALUES: Final = 380
_HEADER_BITS: Final = 32 + 1 + 32 + 16 + 16 + 32 + 32 + 16 + 1 + 32 + 32 + 32
_SEGMENT_BITS: Final = 32 + 32 + 1 + 32 + 32 + 5 * 243
_FRAME_BITS: Final = 1 + 32 + 8 + 5 * 8 + _VALUES // 5 * 8
_POWERS: Final = np.array([81, 27, 9, 3, 1], dtype=np.uint16)

Bits = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class FrameSignatures:
    """Per frame: its time, its confidence and its 380 values as two bit planes
    (value ≥ 1, value ≥ 2), so an L1 distance is two popcounts."""

    times_s: npt.NDArray[np.float64]
    confidence: npt.NDArray[np.uint8]
    planes: npt.NDArray[np.uint64]  # frames × 12 words

    @property
    def frame_s(self) -> float:
        """The usual time from one frame to the next."""
        return float(np.median(np.diff(self.times_s))) if len(self.times_s) > 1 else 0.0

    @property
    def duration_s(self) -> float:
        """From the first frame to one frame after the last."""
        if len(self.times_s) == 0:
            return 0.0
        return float(self.times_s[-1] - self.times_s[0]) + self.frame_s


@dataclass(frozen=True)
class MatchRange:
    """A stretch of film found in both videos: where it is in each, in seconds."""

    first_start_s: float
    first_end_s: float
    second_start_s: float
    second_end_s: float

    def swapped(self) -> MatchRange:
        """The same range seen from the second video."""
        return MatchRange(
            self.second_start_s, self.second_end_s, self.first_start_s, self.first_end_s
        )

    def as_list(self) -> list[float]:
        """``[first_start, first_end, second_start, second_end]`` rounded to 0.01 s."""
        return [
            round(v, 2) + 0.0  # never -0.0
            for v in (self.first_start_s, self.first_end_s, self.second_start_s, self.second_end_s)
        ]


def _number(bits: Bits, start: int, width: int) -> int:
    return int("".join(map(str, bits[start : start + width].tolist())) or "0", 2)


def parse_signature(data: bytes) -> FrameSignatures:
    """Read ffmpeg's binary signature file; MediaProblem when it is cut short."""
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
    if len(bits) < _HEADER_BITS:
        raise MediaProblem("error.signature_unreadable", size=len(data))
    frames = _number(bits, 32 + 1 + 32 + 16 + 16 + 32, 32)
    time_unit = _number(bits, 32 + 1 + 32 + 16 + 16 + 32 + 32, 16) or 1
    segments = _number(bits, _HEADER_BITS - 32, 32)
    start = _HEADER_BITS + segments * _SEGMENT_BITS + 1
    if len(bits) < start + frames * _FRAME_BITS:
        raise MediaProblem("error.signature_unreadable", size=len(data))
    rows = bits[start : start + frames * _FRAME_BITS].reshape(frames, _FRAME_BITS)
    pts = np.packbits(rows[:, 1:33], axis=1).view(">u4").reshape(frames).astype(np.float64)
    confidence = np.packbits(rows[:, 33:41], axis=1).reshape(frames)
    packed = np.packbits(rows[:, 81:], axis=1).astype(np.uint16)  # 76 bytes: 5 values each
    values = (packed[:, :, None] // _POWERS % 3).reshape(frames, _VALUES)
    planes = np.concatenate([_words(values >= 1), _words(values >= 2)], axis=1)  # frames × (6 + 6)
    return FrameSignatures(times_s=pts / time_unit, confidence=confidence, planes=planes)


def _words(flags: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64]:
    padded = np.zeros((flags.shape[0], 384), dtype=np.uint8)
    padded[:, :_VALUES] = flags
    return np.packbits(padded, axis=1).view(np.uint64)


def distances(
    first: npt.NDArray[np.uint64], second: npt.NDArray[np.uint64]
) -> npt.NDArray[np.int64]:
    """L1 distances of every frame of ``first`` to every frame of ``second``."""
    crossed = np.bitwise_xor(first[:, None, :], second[None, :, :])
    counted: npt.NDArray[np.int64] = np.bitwise_count(crossed).sum(axis=2, dtype=np.int64)
    return counted


def _informative(signature: FrameSignatures) -> npt.NDArray[np.intp]:
    return np.flatnonzero(signature.confidence >= MIN_CONFIDENCE)


def _best_offset(
    first: FrameSignatures, second: FrameSignatures, voters: npt.NDArray[np.intp]
) -> float | None:
    """The offset (second − first, seconds) most sampled frames vote for, or None."""
    usable = _informative(second)
    if len(voters) == 0 or len(usable) == 0:
        return None
    picked = voters[np.linspace(0, len(voters) - 1, min(VOTERS, len(voters))).astype(int)]
    near = distances(first.planes[picked], second.planes[usable])
    closest = near.argmin(axis=1)
    alike = near[np.arange(len(picked)), closest] < MATCH_DISTANCE
    if int(alike.sum()) < MIN_VOTES:
        return None
    offsets = second.times_s[usable[closest[alike]]] - first.times_s[picked[alike]]
    bins = np.round(offsets / OFFSET_STEP_S).astype(np.int64)
    values, counts = np.unique(bins, return_counts=True)
    # a bin and its neighbours count together (frame times of two encodes rarely coincide)
    pooled = np.array([counts[np.abs(values - v) <= 1].sum() for v in values])
    if int(pooled.max()) < MIN_VOTES:
        return None
    winner = values[int(pooled.argmax())]
    candidates: list[float] = np.unique(offsets[np.abs(bins - winner) <= 1]).tolist()
    return min(candidates, key=lambda o: _mean_distance(first, second, voters, o))


def _mean_distance(
    first: FrameSignatures, second: FrameSignatures, frames: npt.NDArray[np.intp], offset: float
) -> float:
    """How alike the two films are along ``offset`` (neighbouring frames look alike too,
    so the vote names a few offsets; the closest fit wins)."""
    nearest, present = _counterparts(first, second, frames, offset)
    if not present.any():
        return float(MATCH_DISTANCE)
    near = np.bitwise_count(first.planes[frames] ^ second.planes[nearest]).sum(axis=1)
    return float(near[present].mean())


def _counterparts(
    first: FrameSignatures, second: FrameSignatures, frames: npt.NDArray[np.intp], offset: float
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """For frames of ``first``: the nearest frame of ``second`` at ``offset``, and whether
    there is one that close."""
    targets = first.times_s[frames] + offset
    spot = np.clip(np.searchsorted(second.times_s, targets), 1, len(second.times_s) - 1)
    left = second.times_s[spot - 1]
    nearest = np.where(targets - left <= second.times_s[spot] - targets, spot - 1, spot)
    step = max(first.frame_s, second.frame_s) * 0.75
    return nearest, np.abs(second.times_s[nearest] - targets) <= step


def _alike_along(
    first: FrameSignatures, second: FrameSignatures, frames: npt.NDArray[np.intp], offset: float
) -> npt.NDArray[np.int8]:
    """Per frame of ``first``: 1 alike, 0 unlike, −1 no frame of the second there, −2 one
    without confidence (it says nothing either way)."""
    nearest, present = _counterparts(first, second, frames, offset)
    near = np.bitwise_count(first.planes[frames] ^ second.planes[nearest]).sum(axis=1)
    verdicts = np.where(near < MATCH_DISTANCE, 1, 0)
    verdicts = np.where(second.confidence[nearest] >= MIN_CONFIDENCE, verdicts, -2)
    return np.where(present, verdicts, -1).astype(np.int8)


def _runs(
    times: npt.NDArray[np.float64], verdicts: npt.NDArray[np.int8], frame_s: float
) -> list[tuple[int, int]]:
    """Index ranges (first, last) of alike runs, ``TOLERATED_MISSES`` unlike frames allowed."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    misses = 0
    for n, verdict in enumerate(verdicts.tolist()):
        if verdict == -2:
            continue
        if verdict == 1:
            start = n if start < 0 else start
            last, misses = n, 0
        elif start >= 0 and (verdict == -1 or misses >= TOLERATED_MISSES):
            runs.append((start, last))
            start, misses = -1, 0
        elif start >= 0:
            misses += 1
    if start >= 0:
        runs.append((start, last))
    return [(a, b) for a, b in runs if times[b] - times[a] + frame_s >= MIN_MATCH_S - 1e-6]


def match(first: FrameSignatures, second: FrameSignatures) -> list[MatchRange]:
    """The stretches of ``first`` found in ``second`` (empty: not the same film)."""
    frames = _informative(first)
    if len(frames) < MIN_VOTES or len(second.times_s) < 2:
        return []
    frame_s = first.frame_s
    found: list[MatchRange] = []
    left = frames
    for _ in range(MAX_PARTS):
        offset = _best_offset(first, second, left)
        if offset is None:
            break
        verdicts = _alike_along(first, second, left, offset)
        runs = _runs(first.times_s[left], verdicts, frame_s)
        if not runs:
            break
        used = np.zeros(len(left), dtype=bool)
        for a, b in runs:
            used[a : b + 1] = True
            start, end = float(first.times_s[left[a]]), float(first.times_s[left[b]]) + frame_s
            part = MatchRange(*(round(v, 3) for v in (start, end, start + offset, end + offset)))
            if not any(_overlap(part, known, frame_s) for known in found):
                found.append(part)
        left = left[~used]
        if len(left) < MIN_VOTES:
            break
    return sorted(found, key=lambda r: r.first_start_s)


def _overlap(part: MatchRange, known: MatchRange, frame_s: float) -> bool:
    """True when ``part`` reuses more than a frame of the second film that ``known`` has
    matched already: a film cut in parts uses each stretch once, so a second fit there is a
    look-alike (a shot that repeats), not more of the same film."""
    shared = min(part.second_end_s, known.second_end_s) - max(
        part.second_start_s, known.second_start_s
    )
    return shared > frame_s


def whole_film(ranges: list[MatchRange], first_s: float, second_s: float) -> bool:
    """True when the matched time covers most of the shorter of the two films."""
    shorter = min(first_s, second_s)
    matched = sum(r.first_end_s - r.first_start_s for r in ranges)
    return shorter > 0 and matched >= WHOLE_SHARE * shorter
