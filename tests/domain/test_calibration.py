"""The calibration round's figures: totals by the ranking's formula, median, spread, offset."""

from __future__ import annotations

from scoring.domain.calibration import CalibrationMarks, calibration_figures

WEIGHTS = {"a": 3.0, "b": 1.0}


def card(judge: int, clip: int, a: float, b: float) -> CalibrationMarks:
    return CalibrationMarks(judge_id=judge, clip_id=clip, marks={"a": a, "b": b})


def test_totals_median_spread_and_offsets_are_exact() -> None:
    # T = (3a + b) / 4: judge 1 → 8.0 and 6.0, judge 2 → 7.0 and 5.0, judge 3 → 5.0 only
    cards = [card(1, 10, 8, 8), card(1, 20, 6, 6), card(2, 10, 7, 7), card(2, 20, 5, 5)]
    cards.append(card(3, 10, 4, 8))
    figures = calibration_figures(
        clip_ids=[10, 20], judge_ids=[1, 2, 3], cards=cards, weights=WEIGHTS
    )
    first, second = figures.clips
    assert (first.clip_id, dict(first.totals)) == (10, {1: 8.0, 2: 7.0, 3: 5.0})
    assert (first.median, first.low, first.high, first.spread) == (7.0, 5.0, 8.0, 3.0)
    assert (second.median, second.low, second.high, second.spread) == (5.5, 5.0, 6.0, 1.0)
    offsets = {j.judge_id: j.offset for j in figures.judges}
    assert offsets == {1: (1.0 + 0.5) / 2, 2: (0.0 - 0.5) / 2, 3: -2.0}


def test_a_clip_without_cards_has_no_median_and_a_judge_without_cards_no_offset() -> None:
    figures = calibration_figures(
        clip_ids=[10, 20], judge_ids=[1, 2], cards=[card(1, 10, 9, 9)], weights=WEIGHTS
    )
    assert [(c.median, c.spread) for c in figures.clips] == [(9.0, 0.0), (None, None)]
    assert [(j.judge_id, dict(j.totals), j.offset) for j in figures.judges] == [
        (1, {10: 9.0}, 0.0),
        (2, {}, None),
    ]


def test_incomplete_cards_and_strangers_are_left_out() -> None:
    partial = CalibrationMarks(judge_id=1, clip_id=10, marks={"a": 9.0})
    figures = calibration_figures(
        clip_ids=[10],
        judge_ids=[1],
        cards=[partial, card(7, 10, 1, 1), card(1, 99, 1, 1)],
        weights=WEIGHTS,
    )
    assert figures.clips[0].totals == {} and figures.judges[0].offset is None
