"""The judge × entry table every ranking step reads (SPEC §6.1): submitted scorecards as
columns, then judge totals T_je and the heaviest-criterion marks in canonical order."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from scoring.domain.marks import weighted_totals
from scoring.enums import Category
from scoring.errors import InvalidInput

FloatArray = NDArray[np.float64]


IntArray = NDArray[np.int64]


BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, kw_only=True)
class RankInputEntry:
    """An entry as the ranking sees it; ``views`` is V_e, already summed at the cutoff."""

    entry_id: int
    code: str
    category: Category
    cqo: bool  # 首席质量官案例: ranked in its own list, outside the shortlist
    has_error: bool  # a compliance finding of severity error
    neutralised: bool  # audience part neutralised by a coordinator
    views: int


@dataclass(frozen=True, kw_only=True)
class RankInputScore:
    """One submitted scorecard: criterion key → mark 0–10."""

    judge_id: int
    entry_id: int
    marks: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Judge × entry arrays every ranking step reads; entries by id, judges by id."""

    entries: tuple[RankInputEntry, ...]
    judge_ids: tuple[int, ...]
    totals: FloatArray  # T_je, NaN where the judge submitted no card
    heavy: FloatArray  # the mark on the heaviest-weighted criterion, NaN likewise
    audience_raw: FloatArray  # U_e = log10(1 + V_e), SPEC §6.4
    views: IntArray
    code_rank: IntArray  # position of the code in ascending order (last tie-break)
    neutral: BoolArray
    blocked: BoolArray  # compliance error
    cqo: BoolArray

    @cached_property
    def judge_totals(self) -> list[dict[int, float]]:
        """Per entry column: judge id → T_je of the judges who scored it (ids ascending)."""
        by_entry = self.totals.T
        columns, rows = np.nonzero(~np.isnan(by_entry))
        out: list[dict[int, float]] = [{} for _ in self.entries]
        ids = self.judge_ids
        for c, r, value in zip(
            columns.tolist(), rows.tolist(), by_entry[columns, rows].tolist(), strict=True
        ):
            out[c][ids[r]] = value
        return out


def heaviest_criterion(weights: Mapping[str, float]) -> str:
    """The first criterion, in rubric order, with the largest weight."""
    return max(weights, key=lambda key: weights[key])


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _check_weights(weights: Mapping[str, float]) -> None:
    if not weights:
        raise InvalidInput("error.ranking_weights_empty")
    for key, weight in weights.items():
        number = isinstance(weight, int | float) and not isinstance(weight, bool)
        if not number or not math.isfinite(weight) or weight < 0:
            raise InvalidInput("error.ranking_weight_invalid", criterion=key, weight=weight)

    if sum(weights.values()) <= 0:
        raise InvalidInput("error.ranking_weights_zero")


def _table(
    entries: tuple[RankInputEntry, ...],
    judge_ids: tuple[int, ...],
    totals: FloatArray,
    heavy: FloatArray,
) -> ScoreTable:
    code_rank = np.empty(len(entries), dtype=np.int64)
    code_rank[sorted(range(len(entries)), key=lambda i: entries[i].code)] = range(len(entries))
    views = np.array([e.views for e in entries], dtype=np.int64)
    return ScoreTable(
        entries=entries,
        judge_ids=judge_ids,
        totals=totals,
        heavy=heavy,
        audience_raw=np.log10(1.0 + views.astype(np.float64)),
        views=views,
        code_rank=code_rank,
        neutral=np.array([e.neutralised for e in entries], dtype=np.bool_),
        blocked=np.array([e.has_error for e in entries], dtype=np.bool_),
        cqo=np.array([e.cqo for e in entries], dtype=np.bool_),
    )


@dataclass(frozen=True, eq=False)
class ScoreColumns:
    """Submitted scorecards as columns, one row per card (what the store reads in one
    query): marks in the order of ``keys``, NaN where a card lacks that criterion."""

    judge_ids: IntArray
    entry_ids: IntArray
    keys: tuple[str, ...]
    marks: FloatArray

    @classmethod
    def of(cls, scores: Iterable[RankInputScore], keys: Iterable[str]) -> ScoreColumns:
        """Columns of scorecards given one by one."""
        names = tuple(keys)
        cards = list(scores)
        marks = np.array(
            [[card.marks.get(key, np.nan) for key in names] for card in cards], dtype=np.float64
        ).reshape(len(cards), len(names))
        return cls(
            judge_ids=np.array([card.judge_id for card in cards], dtype=np.int64),
            entry_ids=np.array([card.entry_id for card in cards], dtype=np.int64),
            keys=names,
            marks=marks,
        )

    def columns(self, keys: list[str]) -> FloatArray:
        """The marks of ``keys`` in that order (NaN for a criterion no card has)."""
        where = {key: i for i, key in enumerate(self.keys)}
        missing = np.full(len(self.judge_ids), np.nan)
        return np.column_stack(
            [self.marks[:, where[key]] if key in where else missing for key in keys]
        ).reshape(len(self.judge_ids), len(keys))


Scores = ScoreColumns | Iterable[RankInputScore]


def tabulate(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
) -> ScoreTable:
    """Judge totals T_je (SPEC §6.1) and heaviest-criterion marks in canonical order."""
    _check_weights(weights)
    heaviest = heaviest_criterion(weights)
    ordered = _in_id_order(entries)
    keys = list(weights)
    cards = scores if isinstance(scores, ScoreColumns) else ScoreColumns.of(scores, keys)
    order = np.lexsort((cards.entry_ids, cards.judge_ids))  # by judge, then entry
    judges, entry_ids = cards.judge_ids[order], cards.entry_ids[order]
    marks = cards.columns(keys)[order]
    column = _entry_columns(ordered, judges, entry_ids)
    _check_cards(ordered, judges, entry_ids, column, gaps=np.isnan(marks), keys=keys)
    judge_ids = np.unique(judges)
    totals = np.full((len(judge_ids), len(ordered)), np.nan)
    heavy = np.full_like(totals, np.nan)
    rows = np.searchsorted(judge_ids, judges)
    totals[rows, column] = weighted_totals(marks, [weights[key] for key in keys])
    heavy[rows, column] = marks[:, keys.index(heaviest)]
    return _table(ordered, tuple(int(j) for j in judge_ids), totals, heavy)


def _in_id_order(entries: Iterable[RankInputEntry]) -> tuple[RankInputEntry, ...]:
    """The entries by id; an id given twice is refused."""
    ordered = tuple(sorted(entries, key=lambda e: e.entry_id))
    ids = np.array([e.entry_id for e in ordered], dtype=np.int64)
    if len(ids) > 1 and (ids[1:] == ids[:-1]).any():
        repeated = next(a for a, b in pairwise(ordered) if a.entry_id == b.entry_id)
        raise InvalidInput("error.ranking_entry_duplicate", code=repeated.code)
    return ordered


def _entry_columns(
    ordered: tuple[RankInputEntry, ...], judges: IntArray, entry_ids: IntArray
) -> IntArray:
    """Each card's entry column; a card of an entry not in the list is refused."""
    ids = np.array([e.entry_id for e in ordered], dtype=np.int64)
    column: IntArray = np.searchsorted(ids, entry_ids)
    known = column < len(ids)
    known[known] = ids[column[known]] == entry_ids[known]
    if not known.all():
        i = int(np.argmin(known))
        raise InvalidInput(
            "error.ranking_score_unknown_entry", judge=int(judges[i]), entry=int(entry_ids[i])
        )
    return column


def _check_cards(
    ordered: tuple[RankInputEntry, ...],
    judges: IntArray,
    entry_ids: IntArray,
    column: IntArray,
    *,
    gaps: BoolArray,
    keys: list[str],
) -> None:
    """Refuse two cards of one judge for one entry, and a card with a mark missing."""
    repeats = np.flatnonzero((judges[1:] == judges[:-1]) & (entry_ids[1:] == entry_ids[:-1]))
    if len(repeats):
        i = int(repeats[0]) + 1
        raise InvalidInput(
            "error.ranking_score_duplicate", judge=int(judges[i]), code=ordered[column[i]].code
        )
    if gaps.any():
        i = int(np.flatnonzero(gaps.any(axis=1))[0])
        raise InvalidInput(
            "error.ranking_mark_missing",
            judge=int(judges[i]),
            code=ordered[column[i]].code,
            criterion=keys[int(np.argmax(gaps[i]))],
        )
