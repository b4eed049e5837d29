"""Placing entries in one list (SPEC §6.5–6.6): expert and audience components rescaled
to 0–100 within the ranked set, the final score, and the order with its tie-breaks.

The arithmetic works on arrays shaped (batch, judges, entries), so the stability checks
(``stability.py``) rerank thousands of judge resamples through the same code path as the
ranking itself (``ranking.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import numpy as np

from scoring.domain.expert import expert_raw
from scoring.domain.rounding import half_up
from scoring.domain.score_table import BoolArray, FloatArray, IntArray, ScoreTable
from scoring.enums import Method

# A min–max span this small is float noise, not a difference: the component is flat (100).
FLAT_SPAN: Final = 1e-12
# E values that agree to 9 decimals tie; smaller differences are float noise of the means.
E_TIE_DECIMALS: Final = 9
_NEAR_HALF: Final = 1e-6  # F·100 this close to .5 is rounded by Decimal, not by floor


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
    x = expert_raw(totals, method=method)
    member = ~table.blocked & (table.cqo == cqo)
    if eligible is not None:
        member = member & eligible
    in_set = member & (_distinct_judges(table, rows) >= min_judges)
    expert = _rescale(x, in_set)
    audience = _audience(table, in_set)
    weight = np.asarray(expert_weight, dtype=np.float64).reshape(-1, 1)
    final = weight * expert + (1.0 - weight) * audience
    cards = np.maximum(present.sum(axis=1), 1)
    heavy = np.where(present, table.heavy[rows], 0.0).sum(axis=1) / cards
    order = _order(table, in_set=in_set, expert=expert, final=final, heavy=heavy)
    size = in_set.sum(axis=1).astype(np.int64)
    return Placement(
        expert_raw=x, expert=expert, audience=audience, final=final, order=order, size=size
    )


def _distinct_judges(table: ScoreTable, rows: IntArray) -> IntArray:
    """Judges with a card per entry and panel; a judge drawn twice by the bootstrap is one
    card, for min_judges counts different judges."""
    ordered = np.sort(rows, axis=1)
    first = np.ones(rows.shape, dtype=np.bool_)
    first[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    counted: IntArray = (~np.isnan(table.totals[ordered]) & first[:, :, None]).sum(axis=1)
    return counted


def _order(
    table: ScoreTable,
    *,
    in_set: BoolArray,
    expert: FloatArray,
    final: FloatArray,
    heavy: FloatArray,
) -> IntArray:
    """Entry columns, the ranked set first in rank order with SPEC §6.6's tie-breaks."""
    # lexsort: the last key is the primary one (the tie-breaks, read backwards).
    keys = (
        table.code_rank,
        -table.views,
        -heavy,
        -np.round(np.where(in_set, expert, 0.0), E_TIE_DECIMALS),
        -hundredths(np.where(in_set, final, 0.0)),
        ~in_set,
    )
    order: IntArray = np.lexsort(np.broadcast_arrays(*keys), axis=-1).astype(np.int64)
    return order
