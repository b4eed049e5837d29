"""Mark rules: 0–10 in steps of 0.5, known criteria, all required to submit."""

from __future__ import annotations

import pytest

from scoring.domain.marks import check_mark, check_marks, missing_criteria
from scoring.errors import InvalidInput

KEYS = ["lively", "theme"]


@pytest.mark.parametrize("value", [0, 0.5, 7.5, 10])
def test_marks_on_the_half_point_grid_accepted(value: float) -> None:
    assert check_mark("lively", value) == float(value)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (-0.5, "error.mark_range"),
        (10.5, "error.mark_range"),
        (7.3, "error.mark_step"),
        (float("nan"), "error.mark_not_number"),
        (True, "error.mark_not_number"),
    ],
)
def test_bad_marks_refused_with_the_criterion_named(value: float, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_mark("lively", value)
    assert caught.value.key == key
    assert caught.value.params["criterion"] == "lively"


def test_unknown_criterion_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_marks({"lively": 5, "colour": 3}, KEYS)
    assert caught.value.params == {"criteria": "colour"}


def test_none_means_not_given() -> None:
    check_marks({"lively": None}, KEYS)
    assert missing_criteria({"lively": 5.0}, KEYS) == ["theme"]
