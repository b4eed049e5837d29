"""Watch coverage: which parts of a video a judge actually played (SPEC §4).

The browser reports the ``played`` ranges of the video element; seeking past a part does
not add it. Ranges from several visits are merged; the share is measured against the
duration the probe read from the file, never against what the browser claims.

One computation, ``coverage``, gives both the share and the parts still to watch, so the
two never disagree. It counts in whole milliseconds: sums of integers are exact, so
watching more can never lower the share by a rounding step.

What the browser reports is only a claim. ``credit`` keeps of it what the server saw as
possible: the parts of the video the media route actually sent to that judge
(``seconds_of_bytes`` maps sent bytes to the time they carry), and no more in all than
the time since the judge opened the entry. What was credited before is never taken back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

Range = tuple[float, float]
_MS = 1000
# Players start and stop a frame or two off the ends: once a played range reaches into
# the first or last quarter-second, that quarter-second counts as seen. Nothing else is
# credited beyond what was played.
_EDGE_MS = 250
SHARE_PLACES = 4  # a card stores its watched share to 4 places (0.9876)
_Span = tuple[int, int]


@dataclass(frozen=True)
class Coverage:
    """What a judge has played of one video: the played ranges, the gaps, the share."""

    watched: list[Range]
    unwatched: list[Range]
    share: float  # 0–1: 1 − (length of ``unwatched``) / duration


def _ms(seconds: float, limit_ms: int) -> int:
    """Seconds to whole milliseconds, clipped to [0, limit_ms]."""
    clipped = min(max(seconds, 0.0), limit_ms / _MS)
    return min(limit_ms, max(0, round(clipped * _MS)))


def _duration_ms(duration: float) -> int:
    return round(duration * _MS) if math.isfinite(duration) and duration > 0 else 0


def _join(spans: Iterable[_Span]) -> list[_Span]:
    """Union of integer spans: sorted, overlapping or touching spans joined, empty dropped."""
    joined: list[_Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _played(groups: Iterable[Iterable[Sequence[float]]], total_ms: int) -> list[_Span]:
    return _join(
        (_ms(float(a), total_ms), _ms(float(b), total_ms))
        for group in groups
        for a, b in group
        if float(b) > float(a)  # also drops NaN
    )


def _seconds(spans: Iterable[_Span]) -> list[Range]:
    return [(a / _MS, b / _MS) for a, b in spans]


def _intersect(left: list[_Span], right: list[_Span]) -> list[_Span]:
    """The parts two joined span lists share."""
    out: list[_Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start, end = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if start < end:
            out.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return out


def _without(spans: list[_Span], taken: list[_Span]) -> list[_Span]:
    """The parts of joined ``spans`` outside joined ``taken``."""
    out: list[_Span] = []
    for start, end in spans:
        cursor = start
        for a, b in taken:
            if b <= cursor or a >= end:
                continue
            if a > cursor:
                out.append((cursor, a))
            cursor = max(cursor, b)
        if cursor < end:
            out.append((cursor, end))
    return out


def seconds_of_bytes(start: int, end: int, *, payload: tuple[int, int], duration: float) -> Range:
    """The part of the video that bytes ``[start, end)`` of its file carry.

    The media data (``payload``, the byte span of the file's ``mdat``) is taken as spread
    evenly over the duration; bytes outside it (the header, the index) carry no time.
    """
    first, last = payload
    if last <= first or not math.isfinite(duration) or duration <= 0:
        return (0.0, 0.0)
    scale = duration / (last - first)
    a, b = (min(max(x, first), last) - first for x in (start, end))
    return (a * scale, max(a, b) * scale)


def credit(
    credited: Iterable[Sequence[float]],
    reported: Iterable[Sequence[float]],
    *,
    served: Iterable[Sequence[float]],
    allowance: float,
    duration: float,
) -> list[Range]:
    """The ranges credited after a report: those credited before, plus the reported parts
    that were also served, up to ``allowance`` seconds in all (new parts taken earliest
    first). Never less than before, whatever the report says."""
    total = _duration_ms(duration)
    before = _played([credited], total)
    possible = _intersect(_played([reported], total), _played([served], total))
    budget = max(0, math.floor(allowance * _MS) - sum(b - a for a, b in before))
    taken: list[_Span] = []
    for start, end in _without(possible, before):
        if budget <= 0:
            break
        taken.append((start, min(end, start + budget)))
        budget -= taken[-1][1] - start
    return _seconds(_join([*before, *taken]))


def merge_ranges(*groups: Iterable[Sequence[float]], duration: float) -> list[Range]:
    """Union of all ranges, clipped to [0, duration], to the millisecond, sorted, joined."""
    return _seconds(_played(groups, _duration_ms(duration)))


def coverage(ranges: Iterable[Sequence[float]], duration: float) -> Coverage:
    """The played ranges, the parts not yet played and the share watched, from one merge."""
    total = _duration_ms(duration)
    played = _played([ranges], total)
    if total == 0:
        return Coverage(watched=[], unwatched=[], share=0.0)
    edge = min(_EDGE_MS, total)
    credited = list(played)
    if played and played[0][0] <= edge:
        credited.append((0, edge))
    if played and played[-1][1] >= total - edge:
        credited.append((total - edge, total))
    gaps: list[_Span] = []
    cursor = 0
    for start, end in _join(credited):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = end
    if cursor < total:
        gaps.append((cursor, total))
    missing = sum(end - start for start, end in gaps)
    return Coverage(
        watched=_seconds(played), unwatched=_seconds(gaps), share=(total - missing) / total
    )


def stored_coverage(ranges: Iterable[Sequence[float]] | None, duration: float | None) -> Coverage:
    """``coverage`` of a card's stored ranges (none: nothing played; no duration: nothing
    to watch), its share rounded to the 4 places a card stores."""
    seen = coverage(ranges or [], duration or 0.0)
    return replace(seen, share=round(seen.share, SHARE_PLACES))


def watched_share(ranges: Sequence[Range], duration: float) -> float:
    """Share of the video watched, 0–1 (``coverage(...).share``)."""
    return coverage(ranges, duration).share


def unwatched_ranges(ranges: Sequence[Range], duration: float) -> list[Range]:
    """The parts not yet played (``coverage(...).unwatched``)."""
    return coverage(ranges, duration).unwatched


def whole_seconds(gaps: Sequence[Range], duration: float) -> list[tuple[int, int]]:
    """Gaps widened to whole seconds (at least one, never past the shown duration) and
    joined where they then meet: what a judge reads as ``0:04–0:08`` and plays through."""
    shown_end = round(duration)
    widened: list[tuple[int, int]] = []
    for a, b in gaps:
        start = math.floor(a)
        end = max(start + 1, min(math.ceil(b), shown_end))
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(widened[-1][1], end))
        else:
            widened.append((start, end))
    return widened


def whole_percent(share: float) -> int:
    """The share as a whole percent, rounded down: 89.96 % shows as 89, never as 90."""
    return math.floor(round(share * 100, 6))
