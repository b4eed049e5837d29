"""How sure are we (SPEC §6, the panel beside the ranking): the top N under perturbations.

Every check reranks the main list through ``placement.place``, the same arrays and rules as
``rank_entries``, batched over judge panels so that 2 000 bootstrap resamples take a
fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

import numpy as np

from scoring.domain.placement import Placement, place
from scoring.domain.ranking import RankParams, check_params
from scoring.domain.score_table import (
    FloatArray,
    IntArray,
    RankInputEntry,
    Scores,
    ScoreTable,
    tabulate,
)
from scoring.enums import Method
from scoring.errors import InvalidInput

DEFAULT_SEED: Final = 20230521  # published with the ranking so anyone can rerun the bootstrap
DEFAULT_RESAMPLES: Final = 2000  # SPEC §6
SWEEP_STEPS: Final = 101  # w = 0.00, 0.01, …, 1.00
_CHUNK: Final = 250  # resamples per array batch: bounds memory at ~100 entries × 20 judges


@dataclass(frozen=True)
class SweepPoint:
    """The shortlist (in rank order) at one expert weight ``w``."""

    weight: float
    top_ids: tuple[int, ...]


@dataclass(frozen=True)
class _Setup:
    table: ScoreTable
    params: RankParams
    method: Method


def _prepare(
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
) -> _Setup:
    checked = check_params(params)
    table = tabulate(entries=entries, scores=scores, weights=weights)
    return _Setup(table, checked, Method(checked.method))


def _place(
    setup: _Setup,
    rows: IntArray,
    *,
    method: Method | None = None,
    expert_weight: FloatArray | None = None,
) -> Placement:
    return place(
        setup.table,
        rows=rows,
        method=method or setup.method,
        min_judges=setup.params.min_judges,
        expert_weight=setup.params.expert_weight if expert_weight is None else expert_weight,
        cqo=False,
    )


def _every_judge(setup: _Setup, batch: int = 1) -> IntArray:
    judges = np.arange(len(setup.table.judge_ids), dtype=np.int64)
    return np.broadcast_to(judges, (batch, judges.size))


def _top_ids(setup: _Setup, placement: Placement, batch: int) -> tuple[int, ...]:
    size = min(setup.params.top_n, int(placement.size[batch]))
    return tuple(setup.table.entries[int(c)].entry_id for c in placement.order[batch, :size])


def leave_one_judge_out(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
) -> dict[int, list[int]]:
    """Judge id → the main list's top N recomputed without that judge's scorecards.

    The judge leaves the z-score statistics too, and an entry left with fewer than
    ``min_judges`` scorecards drops out of that panel's ranking.
    """
    setup = _prepare(entries, scores, weights, params)
    count = len(setup.table.judge_ids)
    panels = [[r for r in range(count) if r != left] for left in range(count)]
    rows = np.array(panels, dtype=np.int64).reshape(count, max(count - 1, 0))
    placement = _place(setup, rows)
    return {
        judge: list(_top_ids(setup, placement, b)) for b, judge in enumerate(setup.table.judge_ids)
    }


def _top_mask(placement: Placement, top_n: int) -> np.ndarray:
    batch, width = placement.order.shape
    chosen = np.arange(width)[None, :] < np.minimum(placement.size, top_n)[:, None]
    mask = np.zeros((batch, width), dtype=np.bool_)
    np.put_along_axis(mask, placement.order, chosen, axis=1)
    return mask


def bootstrap_top_n(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[int, float]:
    """Entry id → share of judge resamples in which the entry makes the top N.

    Each resample draws as many judges as there are, with replacement, from numpy's
    PCG64 seeded with ``seed``. A judge drawn twice is two copies in every mean, each
    z-scored with that judge's own statistics, and the campaign SD (for judges with <5
    totals) is taken over the resample's totals, copies included.

    The ranked set is the real one: ``min_judges`` is a rule about the actual panel, so an
    incomplete entry never enters a resample's top N and a ranked entry stays rankable as
    long as at least one of its judges is drawn. The shares measure how the scores move.
    """
    setup = _prepare(entries, scores, weights, params)
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 1:
        raise InvalidInput("error.ranking_resamples", value=resamples)
    hits = np.zeros(len(setup.table.entries), dtype=np.int64)
    judges = len(setup.table.judge_ids)
    if judges:
        draws = np.random.default_rng(seed).integers(0, judges, size=(resamples, judges))
        hits = _top_n_hits(setup, draws)
    return {e.entry_id: float(hits[i] / resamples) for i, e in enumerate(setup.table.entries)}


def _top_n_hits(setup: _Setup, draws: IntArray) -> IntArray:
    """Per entry, in how many of the drawn panels (resamples, judges) it makes the top N;
    only entries ranked by the full panel may (``bootstrap_top_n``)."""
    full = _place(setup, _every_judge(setup))
    eligible = np.zeros(len(setup.table.entries), dtype=np.bool_)
    eligible[full.order[0, : full.size[0]]] = True
    hits = np.zeros(len(setup.table.entries), dtype=np.int64)
    for start in range(0, len(draws), _CHUNK):
        placement = place(
            setup.table,
            rows=draws[start : start + _CHUNK],
            method=setup.method,
            min_judges=1,
            expert_weight=setup.params.expert_weight,
            cqo=False,
            eligible=eligible,
        )
        hits += _top_mask(placement, setup.params.top_n).sum(axis=0)
    return hits


def weight_sweep(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
    steps: int = SWEEP_STEPS,
) -> list[SweepPoint]:
    """The top N at ``steps`` expert weights evenly spaced from 0 to 1 (inclusive)."""
    setup = _prepare(entries, scores, weights, params)
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise InvalidInput("error.ranking_sweep_steps", value=steps)
    grid: FloatArray = np.arange(steps, dtype=np.float64) / (steps - 1)
    placement = _place(setup, _every_judge(setup, steps), expert_weight=grid)
    return [SweepPoint(float(w), _top_ids(setup, placement, b)) for b, w in enumerate(grid)]


def sweep_changes(points: Sequence[SweepPoint]) -> list[float]:
    """Weights at which the top-N set differs from the one at the previous step."""
    return [b.weight for a, b in pairwise(points) if set(a.top_ids) != set(b.top_ids)]


def method_comparison(
    *,
    entries: Iterable[RankInputEntry],
    scores: Scores,
    weights: Mapping[str, float],
    params: RankParams,
) -> dict[Method, list[int]]:
    """Method → the main list's top N under it (all three methods, settings otherwise equal)."""
    setup = _prepare(entries, scores, weights, params)
    rows = _every_judge(setup)
    return {m: list(_top_ids(setup, _place(setup, rows, method=m), 0)) for m in Method}


def top_changes(base: Sequence[int], other: Sequence[int]) -> tuple[list[int], list[int]]:
    """(entries of ``base`` missing from ``other``, entries of ``other`` new to ``base``),
    each in its list's order: what an alternative top N changes."""
    return [e for e in base if e not in other], [e for e in other if e not in base]


def method_disagreements(tops: Mapping[Method, Sequence[int]]) -> list[int]:
    """Entry ids in some method's top N but not in every one's, ascending."""
    sets = [set(ids) for ids in tops.values()]
    if not sets:
        return []
    union, common = set(sets[0]), set(sets[0])
    for ids in sets[1:]:
        union |= ids
        common &= ids
    return sorted(union - common)
