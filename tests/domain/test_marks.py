"""Mark rules: 0–10 in steps of 0.5, known criteria, all required to submit; the total."""

from __future__ import annotations

import pytest

from scoring.domain.marks import check_mark, check_marks, missing_criteria, weighted_total
from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.domain.score_table import RankInputEntry, RankInputScore, tabulate
from scoring.enums import Category
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


WEIGHTS = {c.key: c.weight for c in DEFAULT_RUBRIC}
CARD = dict(zip(WEIGHTS, (8.0, 7.5, 7.0, 9.0, 8.5, 6.0), strict=True))


def test_weighted_total_of_a_full_card() -> None:
    # (25·8 + 20·7.5 + 20·7 + 15·9 + 10·8.5 + 10·6) / 100 = 770 / 100
    assert weighted_total(CARD, WEIGHTS) == 7.7


def test_weighted_total_waits_for_every_mark() -> None:
    assert weighted_total({**CARD, "original": None}, WEIGHTS) is None
    assert weighted_total({}, WEIGHTS) is None


def test_weighted_total_is_the_rankings_judge_total() -> None:
    entry = RankInputEntry(
        entry_id=1,
        code="GS-1",
        category=Category.MICRO_VIDEO,
        cqo=False,
        has_error=False,
        neutralised=False,
        views=0,
    )
    card = RankInputScore(judge_id=7, entry_id=1, marks=CARD)
    table = tabulate(entries=[entry], scores=[card], weights=WEIGHTS)
    assert table.judge_totals == [{7: weighted_total(CARD, WEIGHTS)}]
