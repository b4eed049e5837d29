"""Anomaly flags on viewing figures (SPEC §5): shown to a coordinator, never acted on.

A count that goes down, likes above views, a spike in the day's growth measured against
the other entries of the platform, and low engagement at the latest capture.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from itertools import pairwise
from typing import Final
from zoneinfo import ZoneInfo

from scoring.domain.views import COUNT_FIELDS, DEFAULT_ZONE, local_time_text
from scoring.enums import FlagKind
from scoring.records.views import ViewSnapshot

# Robust z of Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers": 0.6745 makes
# the MAD comparable to a normal SD, and 3.5 is their cut-off. Both, and the gain, SPEC §5.
MAD_SCALE: Final = 0.6745
SPIKE_Z: Final = 3.5
SPIKE_MIN_GAIN: Final = 1_000  # views gained over the interval, strictly more (SPEC §5)
LOW_ENGAGEMENT_RATE: Final = Fraction(1, 1000)  # (likes+comments+shares)/views < 0.1 %
LOW_ENGAGEMENT_MIN_VIEWS: Final = 10_000  # …with strictly more views than this (SPEC §5)


@dataclass(frozen=True, kw_only=True)
class Flag:
    """One anomaly at one capture of one entry on one platform; ``params`` fill its message."""

    entry_id: int
    platform: str
    kind: FlagKind
    captured_at: datetime
    params: dict[str, object]


def robust_z(x: float, *, median: float, mad: float) -> float:
    """0.6745·(x − median)/MAD (SPEC §5)."""
    return MAD_SCALE * (x - median) / mad


def spike_fires(*, z: float, gain: int) -> bool:
    """A spike needs both z > 3.5 and a gain of more than 1 000 views (SPEC §5)."""
    return z > SPIKE_Z and gain > SPIKE_MIN_GAIN


def detect_anomalies(snapshots: Iterable[ViewSnapshot], *, zone: str = DEFAULT_ZONE) -> list[Flag]:
    """Every flag of SPEC §5 for one campaign's snapshots, by entry, platform and time."""
    series: dict[tuple[int, str], list[ViewSnapshot]] = {}
    for shot in snapshots:
        series.setdefault((shot.entry_id, shot.platform), []).append(shot)
    flags: list[Flag] = []
    for shots in series.values():
        shots.sort(key=lambda s: s.captured_at)
        flags += _series_flags(shots, zone)
    flags += _spike_flags(series, zone)
    order = list(FlagKind)
    return sorted(flags, key=lambda f: (f.entry_id, f.platform, f.captured_at, order.index(f.kind)))


def _flag(shot: ViewSnapshot, kind: FlagKind, **params: object) -> Flag:
    return Flag(
        entry_id=shot.entry_id,
        platform=shot.platform,
        kind=kind,
        captured_at=shot.captured_at,
        params=params,
    )


def _series_flags(shots: list[ViewSnapshot], zone: str) -> list[Flag]:
    """Counts going down and likes above views at any capture; engagement at the latest."""
    flags = [
        _flag(
            cur,
            FlagKind.COUNT_DOWN,
            field=field,
            before=old,
            after=new,
            previous_at=local_time_text(prev.captured_at, zone),
        )
        for prev, cur in pairwise(shots)
        for field in COUNT_FIELDS
        if (old := getattr(prev, field)) is not None
        and (new := getattr(cur, field)) is not None
        and new < old
    ]
    flags += [
        _flag(s, FlagKind.LIKES_OVER_VIEWS, likes=s.likes, views=s.views)
        for s in shots
        if s.likes is not None and s.likes > s.views
    ]
    return flags + _engagement_flags(shots[-1])


def _engagement_flags(latest: ViewSnapshot) -> list[Flag]:
    """Low engagement at the latest capture; a missing count among given ones counts 0."""
    parts = (latest.likes, latest.comments, latest.shares)
    if all(p is None for p in parts) or latest.views <= LOW_ENGAGEMENT_MIN_VIEWS:
        return []
    engagement = sum(p or 0 for p in parts)
    if Fraction(engagement, latest.views) >= LOW_ENGAGEMENT_RATE:
        return []
    rate = 100 * engagement / latest.views
    params = {"views": latest.views, "engagement": engagement, "rate_percent": rate}
    return [_flag(latest, FlagKind.LOW_ENGAGEMENT, **params)]


Span = tuple[ViewSnapshot, ViewSnapshot]


def _spike_flags(series: Mapping[tuple[int, str], list[ViewSnapshot]], zone: str) -> list[Flag]:
    """Group intervals by platform and local date of their later capture; score each group."""
    tz = ZoneInfo(zone)
    groups: dict[tuple[str, date], dict[int, Span]] = {}
    for (entry_id, platform), shots in series.items():
        for prev, cur in pairwise(shots):
            spans = groups.setdefault((platform, cur.captured_at.astimezone(tz).date()), {})
            # Several intervals of one entry ending the same day join into one, so each
            # entry is one observation (its Δlog10 telescopes to first-to-last).
            spans[entry_id] = (spans.get(entry_id, (prev, cur))[0], cur)
    flags: list[Flag] = []
    for (_, day), spans in groups.items():
        flags += _score_group(day, spans, zone)
    return flags


def _score_group(day: date, spans: Mapping[int, Span], zone: str) -> list[Flag]:
    xs = {
        entry_id: math.log10(1 + cur.views) - math.log10(1 + prev.views)
        for entry_id, (prev, cur) in spans.items()
    }
    median = statistics.median(xs.values())
    mad = statistics.median(abs(x - median) for x in xs.values())
    if mad == 0:
        # No spread to measure against: every entry of the group is flagged not scorable.
        return [
            _flag(cur, FlagKind.NOT_SCORABLE, date=day.isoformat(), entries=len(xs))
            for _, cur in spans.values()
        ]
    spikes = (
        _spike(day, span, x=xs[entry_id], median=median, mad=mad, zone=zone)
        for entry_id, span in spans.items()
    )
    return [flag for flag in spikes if flag is not None]


def _spike(day: date, span: Span, *, x: float, median: float, mad: float, zone: str) -> Flag | None:
    """A spike flag for the entry's growth ``x`` that day, or None.

    The z compares growth rates, so the words do too: the entry's growth that day and the
    platform's median growth ((1+views) grew by the factor 10^x; the median x is the
    platform's typical one).
    """
    prev, cur = span
    z = robust_z(x, median=median, mad=mad)
    gain = cur.views - prev.views
    if not spike_fires(z=z, gain=gain):
        return None
    growth, typical = 10**x - 1, 10**median - 1
    return _flag(
        cur,
        FlagKind.SPIKE,
        z=z,
        gain=gain,
        before=prev.views,
        after=cur.views,
        previous_at=local_time_text(prev.captured_at, zone),
        median=median,
        mad=mad,
        date=day.isoformat(),
        growth=growth,
        typical_growth=typical,
        times=growth / typical if typical > 0 else None,
    )
