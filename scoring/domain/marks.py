"""Rules for marks on a scorecard (SPEC §4): 0–10 in steps of 0.5, all criteria to submit;
a card's weighted total (SPEC §6 step 1)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from scoring.domain.rubric import MARK_MAX, MARK_MIN, MARK_STEP
from scoring.errors import InvalidInput


def check_mark(key: str, value: float) -> float:
    """Return the mark as a float, or raise InvalidInput naming the criterion."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise InvalidInput("error.mark_not_number", criterion=key, value=value)
    if not MARK_MIN <= value <= MARK_MAX:
        raise InvalidInput("error.mark_range", criterion=key, value=value)
    if not math.isclose(value / MARK_STEP, round(value / MARK_STEP)):
        raise InvalidInput("error.mark_step", criterion=key, value=value)
    return float(value)


def check_marks(marks: Mapping[str, float | None], criteria: Sequence[str]) -> None:
    """Refuse unknown criteria and bad values (None means "not given yet")."""
    unknown = sorted(set(marks) - set(criteria))
    if unknown:
        raise InvalidInput("error.mark_unknown_criterion", criteria=", ".join(unknown))
    for key, value in marks.items():
        if value is not None:
            check_mark(key, value)


def missing_criteria(marks: Mapping[str, float], criteria: Sequence[str]) -> list[str]:
    """Criteria without a mark, in rubric order."""
    return [key for key in criteria if marks.get(key) is None]


def weighted_totals(marks: NDArray[np.float64], weights: Sequence[float]) -> NDArray[np.float64]:
    """T = Σ w·s / Σ w (SPEC §6 step 1) for every row of ``marks``: Σ w·s added criterion
    by criterion, then / Σ w, the float steps of the formula written card by card."""
    total = np.zeros(marks.shape[0])
    for j, weight in enumerate(weights):
        total = total + weight * marks[:, j]
    return total / sum(weights)


def weighted_total(marks: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
    """One card's T (0–10) by the ranking's own formula; None until every criterion is marked."""
    if sum(weights.values()) <= 0 or any(marks.get(key) is None for key in weights):
        return None
    row = np.array([[marks[key] for key in weights]], dtype=np.float64)
    return float(weighted_totals(row, list(weights.values()))[0])
