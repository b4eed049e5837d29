"""Watch coverage: which parts of a video a judge actually played (SPEC §4).

The browser reports the ``played`` ranges of the video element; seeking past a part does
not add it. Ranges from several visits are merged; the share is measured against the
duration the probe read from the file, never against what the browser claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Range = tuple[float, float]
_EDGE = 0.25  # seconds: players stop a frame or two before the end; not a gap to watch


def merge_ranges(*groups: Iterable[Sequence[float]], duration: float) -> list[Range]:
    """Union of all ranges, clipped to [0, duration], sorted, touching ranges joined."""
    spans = sorted(
        (max(0.0, float(a)), min(duration, float(b)))
        for group in groups
        for a, b in group
        if float(b) > float(a)
    )
    merged: list[Range] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1] + 1e-6:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def watched_share(ranges: Sequence[Range], duration: float) -> float:
    """Share of the video covered, 0–1; the last quarter-second counts as seen with the rest."""
    if duration <= 0:
        return 0.0
    covered = sum(end - start for start, end in ranges)
    if ranges and ranges[-1][1] >= duration - _EDGE:
        covered += duration - ranges[-1][1]
    return min(1.0, covered / duration)


def unwatched_ranges(ranges: Sequence[Range], duration: float) -> list[Range]:
    """The parts not yet played (to tell the judge what is missing)."""
    gaps: list[Range] = []
    cursor = 0.0
    for start, end in ranges:
        if start - cursor > _EDGE:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if duration - cursor > _EDGE:
        gaps.append((cursor, duration))
    return gaps
