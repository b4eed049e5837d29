"""The exact ranking of SPEC §6: judge totals → expert, audience and final scores → order.

The arithmetic works on arrays shaped (batch, judges, entries), so the stability checks
(``stability.py``) rerank thousands of judge resamples through this same code path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

import numpy as np

from scoring.domain.expert import expert_raw
from scoring.domain.rounding import half_up
from scoring.domain.score_table import (
    BoolArray,
    FloatArray,
    IntArray,
    RankInputEntry,
    Scores,
    ScoreTable,
    _is_count,
    tabulate,
)
from scoring.enums import Category, Method, RankStatus
from scoring.errors import InvalidInput

# A min–max span this small is float noise, not a difference: the component is flat (100).
FLAT_SPAN: Final = 1e-12
# E values that agree to 9 decimals tie; smaller differences are float noise of the means.
E_TIE_DECIMALS: Final = 9
_NEAR_HALF: Final = 1e-6  # F·100 this close to .5 is rounded by Decimal, not by floor


@dataclass(frozen=True, kw_only=True)
class RankParams:
    """The campaign's ranking settings (SPEC §6); ``method`` may be given as text."""

    method: Method | str = Method.ZSCORE
    expert_weight: float = 0.7
    min_judges: int = 3
    top_n: int = 5


@dataclass(frozen=True, kw_only=True)
class RankedEntry:
    """One entry's place and scores; E, A, F are None unless the entry is ranked."""

    entry_id: int
    code: str
    category: Category
    status: RankStatus
    rank: int | None
    expert: float | None
    audience: float | None
    final: float | None
    judges: int
    views: int
    expert_raw: float | None  # X_e; None only when no judge scored the entry
    judge_totals: Mapping[int, float]
    in_top: bool

    def as_row(self) -> dict[str, object]:
        """The ``rank --json`` fields of SPEC §8 except ``title`` (storage adds it)."""
        return {
            "rank": self.rank,
            "code": self.code,
            "category": self.category.value,
            "expert": self.expert,
            "audience": self.audience,
            "final": self.final,
            "judges": self.judges,
            "views": self.views,
            "status": self.status.value,
        }


@dataclass(frozen=True)
class Ranking:
    """The main list, the CQO list (each in rank order) and the unranked rest (by code)."""

    main: tuple[RankedEntry, ...]
    cqo: tuple[RankedEntry, ...]
    others: tuple[RankedEntry, ...]

    def rows(self) -> list[dict[str, object]]:
        """Every entry as a ``rank --json`` row: main list, CQO list, then the rest."""
        return [entry.as_row() for entry in (*self.main, *self.cqo, *self.others)]

    def top_ids(self) -> list[int]:
        """Entry ids of the shortlist (the main list's top N), in rank order."""
        return [entry.entry_id for entry in self.main if entry.in_top]


@dataclass(frozen=True, eq=False)
class Placement:
    """One list ordered for each of a batch of judge panels; arrays are (batch, entries)."""

    expert_raw: FloatArray
    expert: FloatArray  # NaN outside the ranked set
    audience: FloatArray
    final: FloatArray
    order: IntArray  # entry columns, ranked set first in rank order
    size: IntArray  # (batch,): how many entries are ranked


def round_final(value: float) -> Decimal:
    """F to 2 decimals, half up, on the shortest decimal form of the float (SPEC §6.6).

    The shortest form is the number JSON and the pages print, so 72.345 rounds to 72.35
    although the binary value is a hair below (Python's ``round`` gives 72.34).
    """
    return half_up(value, 2)


def hundredths(values: FloatArray) -> IntArray:
    """``round_final`` of every value, as a count of 0.01 (vectorised)."""
    scaled = values * 100.0
    result = np.floor(scaled + 0.5)
    near = np.abs(scaled - np.floor(scaled) - 0.5) < _NEAR_HALF
    for flat in np.flatnonzero(near):
        result.flat[flat] = float(round_final(float(values.flat[flat])) * 100)
    return result.astype(np.int64)


def check_params(params: RankParams) -> RankParams:
    """Refuse out-of-range settings; return them with ``method`` as a ``Method``."""
    try:
        method = Method(params.method)
    except ValueError:
        methods = ", ".join(m.value for m in Method)
        raise InvalidInput("error.ranking_method", method=params.method, methods=methods) from None
    weight = params.expert_weight
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
        raise InvalidInput("error.ranking_expert_weight", value=weight)
    if not _is_count(params.top_n):
        raise InvalidInput("error.ranking_top_n", value=params.top_n)
    if not _is_count(params.min_judges):
        raise InvalidInput("error.ranking_min_judges", value=params.min_judges)
    return replace(params, method=method, expert_weight=float(weight))


def _rescale(values: FloatArray, in_set: BoolArray) -> FloatArray:
    """Min–max to 0–100 within the set; a flat component is 100 (SPEC §6.5)."""
    low = np.min(np.where(in_set, values, np.inf), axis=1, initial=np.inf, keepdims=True)
    high = np.max(np.where(in_set, values, -np.inf), axis=1, initial=-np.inf, keepdims=True)
    span = high - low
    flat = ~(span > FLAT_SPAN)
    with np.errstate(invalid="ignore"):
        scaled = 100.0 * ((np.where(in_set, values, low) - low) / np.where(flat, 1.0, span))
    result: FloatArray = np.where(in_set, np.where(flat, 100.0, scaled), np.nan)
    return result


def _audience(table: ScoreTable, in_set: BoolArray) -> FloatArray:
    """A_e; a neutralised entry gets the median A of the set's other, non-neutralised entries.

    Min–max runs over every ranked entry's U (neutralised ones included); only then are
    the neutralised entries' A replaced. With no other entry to take a median of, A is 100.
    """
    audience = _rescale(np.broadcast_to(table.audience_raw, in_set.shape), in_set)
    neutral = in_set & table.neutral
    if not neutral.any():
        return audience
    others = in_set & ~table.neutral
    pool = np.where(others, audience, np.nan)
    pool[~others.any(axis=1), 0] = 100.0
    median = np.nanmedian(pool, axis=1, keepdims=True)
    result: FloatArray = np.where(neutral, median, audience)
    return result


def place(
    table: ScoreTable,
    *,
    rows: IntArray,
    method: Method,
    min_judges: int,
    expert_weight: float | FloatArray,
    cqo: bool,
    eligible: BoolArray | None = None,
) -> Placement:
    """Rank one list for each panel in ``rows`` (batch, k): judge rows, repeats allowed.

    ``eligible`` (entries) narrows the ranked set further, e.g. to the full panel's.
    """
    totals = table.totals[rows]
    present = ~np.isnan(totals)
    counts = present.sum(axis=1)
    # min_judges counts different judges: a judge drawn twice by the bootstrap is one card.
    ordered = np.sort(rows, axis=1)
    first = np.ones(rows.shape, dtype=np.bool_)
    first[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    distinct = (~np.isnan(table.totals[ordered]) & first[:, :, None]).sum(axis=1)

    x = expert_raw(totals, method=method)
    heavy = np.where(present, table.heavy[rows], 0.0).sum(axis=1) / np.maximum(counts, 1)
    member = ~table.blocked & (table.cqo == cqo)
    if eligible is not None:
        member = member & eligible

    in_set = member & (distinct >= min_judges)

    expert = _rescale(x, in_set)
    audience = _audience(table, in_set)
    weight = np.asarray(expert_weight, dtype=np.float64).reshape(-1, 1)
    final = weight * expert + (1.0 - weight) * audience
    # lexsort: the last key is the primary one (SPEC §6.6 tie-breaks, read backwards).
    keys = (
        table.code_rank,
        -table.views,
        -heavy,
        -np.round(np.where(in_set, expert, 0.0), E_TIE_DECIMALS),
        -hundredths(np.where(in_set, final, 0.0)),
        ~in_set,
    )
    order = np.lexsort(np.broadcast_arrays(*keys), axis=-1).astype(np.int64)
    size = in_set.sum(axis=1).astype(np.int64)
    return Placement(
        expert_raw=x, expert=expert, audience=audience, final=final, order=order, size=size
    )


def rank_entries(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
) -> Ranking:
    """Rank the main list and the CQO list exactly as SPEC §6 says."""
    params = check_params(params)
    table = tabulate(entries=entries, scores=scores, weights=weights)
    rows = np.arange(len(table.judge_ids), dtype=np.int64)[None, :]
    main, cqo = (
        place(
            table,
            rows=rows,
            method=Method(params.method),
            min_judges=params.min_judges,
            expert_weight=params.expert_weight,
            cqo=cqo,
        )
        for cqo in (False, True)
    )
    placed = {int(c) for p in (main, cqo) for c in p.order[0, : p.size[0]]}
    others = tuple(
        _entry(table, main, int(column), status=_unranked_status(table, int(column)))
        for column in np.argsort(table.code_rank)
        if int(column) not in placed
    )
    return Ranking(
        main=_listed(table, main, status=RankStatus.RANKED, top_n=params.top_n),
        cqo=_listed(table, cqo, status=RankStatus.CQO, top_n=0),  # CQO never counts to the 5
        others=others,
    )


def _unranked_status(table: ScoreTable, column: int) -> RankStatus:
    # A compliance error outranks a missing scorecard as the reason shown.
    return RankStatus.EXCLUDED_COMPLIANCE if table.blocked[column] else RankStatus.INCOMPLETE


def _listed(
    table: ScoreTable, placement: Placement, *, status: RankStatus, top_n: int
) -> tuple[RankedEntry, ...]:
    columns = placement.order[0, : placement.size[0]]
    return tuple(
        _entry(table, placement, int(c), status=status, rank=i + 1, in_top=i < top_n)
        for i, c in enumerate(columns)
    )


def _entry(
    table: ScoreTable,
    placement: Placement,
    column: int,
    *,
    status: RankStatus,
    rank: int | None = None,
    in_top: bool = False,
) -> RankedEntry:
    entry = table.entries[column]
    judge_totals = table.judge_totals[column]
    x = float(placement.expert_raw[0, column])

    def score(values: FloatArray) -> float | None:
        return None if rank is None else float(values[0, column])

    return RankedEntry(
        entry_id=entry.entry_id,
        code=entry.code,
        category=entry.category,
        status=status,
        rank=rank,
        expert=score(placement.expert),
        audience=score(placement.audience),
        final=score(placement.final),
        judges=len(judge_totals),
        views=entry.views,
        expert_raw=None if math.isnan(x) else x,
        judge_totals=judge_totals,
        in_top=in_top,
    )
