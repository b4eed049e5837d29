"""The audience list (人气作品): every entry ordered by its audience part alone, shown beside
the blended top N.

The audience part is V_e of SPEC §6.4: per platform the latest snapshot at or before the
cutoff, summed (0 without any); U_e = log10(1 + V_e) orders the entries the same way.

Ties in V_e are broken as the ranking breaks its own ties (SPEC §6.6), in its order and
skipping what is already equal: the higher expert score, then the higher mean raw mark on
the heaviest-weighted criterion, then the entry code ascending. The expert score compared
is X_e (by the ranking's method): E_e is X_e rescaled within one list, so inside a list X_e
orders exactly as E_e does, and unlike E_e it also compares entries of different lists (a
CQO entry, an unranked one). Expert scores agreeing to 9 decimals tie, as E_e does in the
ranking. An entry without scorecards comes after every entry that has them, on both keys.

Every entry is listed with its status in the ranking: CQO entries, entries excluded for
a compliance error and incomplete ones are marked, not left out; a neutralised entry keeps
its place by its views and is marked (its A_e in the ranking is the median, SPEC §6.5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from scoring.domain.placement import E_TIE_DECIMALS
from scoring.domain.ranking import RankedEntry, Ranking
from scoring.domain.score_table import RankInputEntry, Scores, tabulate
from scoring.enums import Category, RankStatus


@dataclass(frozen=True, kw_only=True)
class AudienceLine:
    """One entry's place by views, with what the ranking made of it."""

    entry_id: int
    code: str
    category: Category
    place: int  # 1 = most viewed
    views: int  # V_e
    audience_raw: float  # U_e = log10(1 + V_e)
    audience: float | None  # A_e in the blended ranking (None unless ranked)
    rank: int | None  # place in the main or the CQO list
    status: RankStatus
    neutralised: bool

    @property
    def cqo(self) -> bool:
        """A chief-quality-officer case (ranked in its own list)."""
        return self.status is RankStatus.CQO

    @property
    def excluded(self) -> bool:
        """Kept out of the ranking by a compliance error."""
        return self.status is RankStatus.EXCLUDED_COMPLIANCE


@dataclass(frozen=True)
class AudienceList:
    """Every entry by views, most viewed first; the top N sit beside the shortlist."""

    lines: tuple[AudienceLine, ...]
    top_n: int

    def top(self) -> tuple[AudienceLine, ...]:
        """The first N lines."""
        return self.lines[: self.top_n]

    def places(self) -> dict[int, int]:
        """Entry id → place by views."""
        return {line.entry_id: line.place for line in self.lines}


def audience_list(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    ranking: Ranking,
    top_n: int,
) -> AudienceList:
    """Order every entry of ``ranking`` by V_e, ties broken as the module says."""
    table = tabulate(entries=entries, scores=scores, weights=weights)
    marked = ~np.isnan(table.heavy)  # judges × entries
    counts = marked.sum(axis=0)
    sums = np.where(marked, table.heavy, 0.0).sum(axis=0)
    heavy_of = {
        e.entry_id: float(sums[i] / counts[i]) if counts[i] else None
        for i, e in enumerate(table.entries)
    }
    inputs = {e.entry_id: e for e in table.entries}
    ranked = [*ranking.main, *ranking.cqo, *ranking.others]
    ordered = sorted(ranked, key=lambda r: _key(r, inputs[r.entry_id], heavy_of[r.entry_id]))
    return AudienceList(
        lines=tuple(
            _line(r, inputs[r.entry_id], place) for place, r in enumerate(ordered, start=1)
        ),
        top_n=top_n,
    )


def _key(
    ranked: RankedEntry, entry: RankInputEntry, heavy: float | None
) -> tuple[int, bool, float, bool, float, str]:
    x = ranked.expert_raw
    return (
        -entry.views,
        x is None,
        0.0 if x is None else -round(x, E_TIE_DECIMALS),
        heavy is None,
        0.0 if heavy is None else -heavy,
        entry.code,
    )


def _line(ranked: RankedEntry, entry: RankInputEntry, place: int) -> AudienceLine:
    return AudienceLine(
        entry_id=entry.entry_id,
        code=entry.code,
        category=entry.category,
        place=place,
        views=entry.views,
        audience_raw=math.log10(1 + entry.views),
        audience=ranked.audience,
        rank=ranked.rank,
        status=ranked.status,
        neutralised=entry.neutralised,
    )
