"""The exact ranking of SPEC §6: judge totals → expert, audience and final scores → order.

This module builds the main list, the CQO list and the unranked rest; the arithmetic of
one list is ``placement.py``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from scoring.domain.placement import Placement, place
from scoring.domain.score_table import (
    FloatArray,
    RankInputEntry,
    Scores,
    ScoreTable,
    _is_count,
    tabulate,
)
from scoring.enums import Category, Method, RankStatus
from scoring.errors import InvalidInput


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
