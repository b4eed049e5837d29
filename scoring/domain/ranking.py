"""The exact ranking of SPEC §6: judge totals → expert, audience and final scores → order.

The arithmetic works on arrays shaped (batch, judges, entries), so the stability checks
(``stability.py``) rerank thousands of judge resamples through this same code path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Final

import numpy as np
from numpy.typing import NDArray

from scoring.domain.rounding import half_up
from scoring.enums import Category, Method
from scoring.errors import InvalidInput

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

SD_FLOOR: Final = 0.5  # SPEC §6.2: z = (T − m) / max(sd, 0.5)
MIN_OWN_TOTALS: Final = 5  # SPEC §6.2: fewer totals → the campaign's SD
TRIM_FROM: Final = 5  # SPEC §6.2: the trimmed mean needs ≥5 totals
# A min–max span this small is float noise, not a difference: the component is flat (100).
FLAT_SPAN: Final = 1e-12
# E values that agree to 9 decimals tie; smaller differences are float noise of the means.
E_TIE_DECIMALS: Final = 9
_NEAR_HALF: Final = 1e-6  # F·100 this close to .5 is rounded by Decimal, not by floor


class RankStatus(StrEnum):
    """Where an entry stands in the ranking (``rank --json`` status, SPEC §8)."""

    RANKED = "ranked"
    INCOMPLETE = "incomplete"
    EXCLUDED_COMPLIANCE = "excluded:compliance"
    CQO = "cqo"


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


def heaviest_criterion(weights: Mapping[str, float]) -> str:
    """The first criterion, in rubric order, with the largest weight."""
    return max(weights, key=lambda key: weights[key])


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
    ordered = tuple(sorted(entries, key=lambda e: e.entry_id))
    ids = np.array([e.entry_id for e in ordered], dtype=np.int64)
    if len(ids) > 1 and (ids[1:] == ids[:-1]).any():
        repeated = next(a for a, b in pairwise(ordered) if a.entry_id == b.entry_id)
        raise InvalidInput("error.ranking_entry_duplicate", code=repeated.code)
    keys = list(weights)
    cards = scores if isinstance(scores, ScoreColumns) else ScoreColumns.of(scores, keys)
    order = np.lexsort((cards.entry_ids, cards.judge_ids))  # by judge, then entry
    judges, entry_ids = cards.judge_ids[order], cards.entry_ids[order]
    marks = cards.columns(keys)[order]
    column = np.searchsorted(ids, entry_ids)
    known = column < len(ids)
    known[known] = ids[column[known]] == entry_ids[known]
    if not known.all():
        i = int(np.argmin(known))
        raise InvalidInput(
            "error.ranking_score_unknown_entry", judge=int(judges[i]), entry=int(entry_ids[i])
        )
    repeats = np.flatnonzero((judges[1:] == judges[:-1]) & (entry_ids[1:] == entry_ids[:-1]))
    if len(repeats):
        i = int(repeats[0]) + 1
        raise InvalidInput(
            "error.ranking_score_duplicate", judge=int(judges[i]), code=ordered[column[i]].code
        )
    gaps = np.isnan(marks)
    if gaps.any():
        i = int(np.flatnonzero(gaps.any(axis=1))[0])
        raise InvalidInput(
            "error.ranking_mark_missing",
            judge=int(judges[i]),
            code=ordered[column[i]].code,
            criterion=keys[int(np.argmax(gaps[i]))],
        )
    judge_ids = np.unique(judges)
    totals = np.full((len(judge_ids), len(ordered)), np.nan)
    heavy = np.full_like(totals, np.nan)
    rows = np.searchsorted(judge_ids, judges)
    totals[rows, column] = _weighted_totals(marks, [weights[key] for key in keys])
    heavy[rows, column] = marks[:, keys.index(heaviest)]
    return _table(ordered, tuple(int(j) for j in judge_ids), totals, heavy)


def _weighted_totals(marks: FloatArray, weights: list[float]) -> FloatArray:
    """T = Σ w·s / Σ w (SPEC §6 step 1) for every row of ``marks``: Σ w·s added criterion
    by criterion, then / Σ w, the float steps of the formula written card by card."""
    total = np.zeros(marks.shape[0])
    for j, weight in enumerate(weights):
        total = total + weight * marks[:, j]
    return total / sum(weights)


def _standardise(totals: FloatArray, present: BoolArray, filled: FloatArray) -> FloatArray:
    """z_je of SPEC §6.2; each row of the batch is a separate judge (copies included)."""
    n_judge = present.sum(axis=2, keepdims=True)
    mean = filled.sum(axis=2, keepdims=True) / np.maximum(n_judge, 1)
    own_sq = np.where(present, totals - mean, 0.0) ** 2
    own_sd = np.sqrt(own_sq.sum(axis=2, keepdims=True) / np.maximum(n_judge, 1))
    n_all = n_judge.sum(axis=1, keepdims=True)
    mean_all = filled.sum(axis=(1, 2), keepdims=True) / np.maximum(n_all, 1)
    all_sq = np.where(present, totals - mean_all, 0.0) ** 2
    all_sd = np.sqrt(all_sq.sum(axis=(1, 2), keepdims=True) / np.maximum(n_all, 1))
    sd = np.where(n_judge >= MIN_OWN_TOTALS, own_sd, all_sd)
    z: FloatArray = (totals - mean) / np.maximum(sd, SD_FLOOR)
    return z


def expert_raw(totals: FloatArray, *, method: Method) -> FloatArray:
    """X_e of SPEC §6.2 from totals (batch, judges, entries); NaN where nobody scored."""
    present = ~np.isnan(totals)
    counts = present.sum(axis=1)
    filled = np.where(present, totals, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method is Method.ZSCORE:
            z = np.where(present, _standardise(totals, present, filled), 0.0)
            result: FloatArray = z.sum(axis=1) / counts
            return result
        mean: FloatArray = filled.sum(axis=1) / counts
        if method is Method.RAW:
            return mean
        ordered = np.sort(totals, axis=1)  # NaN sorts last
        position = np.arange(totals.shape[1]).reshape(1, -1, 1)
        middle = (position >= 1) & (position < counts[:, None, :] - 1)
        kept = np.where(middle, ordered, 0.0).sum(axis=1)
        trimmed: FloatArray = np.where(counts >= TRIM_FROM, kept / (counts - 2), mean)
        return trimmed


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


def judge_z_scores(table: ScoreTable) -> dict[tuple[int, int], float]:
    """(judge id, entry id) → z_je exactly as the zscore method computes it (SPEC §6.2)."""
    totals = table.totals[None, :, :]
    present = ~np.isnan(totals)
    z = _standardise(totals, present, np.where(present, totals, 0.0))[0]
    return {
        (judge, entry.entry_id): float(z[r, c])
        for r, judge in enumerate(table.judge_ids)
        for c, entry in enumerate(table.entries)
        if present[0, r, c]
    }
