"""Reliability figures against published examples and values worked independently here."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import permutations

import pytest

from scoring.domain.ranking import RankParams, rank_entries
from scoring.domain.reliability import (
    JudgeFigures,
    assess_matrix,
    assess_reliability,
    icc_3k,
    judge_figures,
    kendall_w,
    krippendorff_alpha_interval,
)
from scoring.domain.score_table import RankInputScore
from tests.domain.rank_inputs import entry

NA = math.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers ×
# 12 units with missing values. Published: α_interval = 0.849.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges (rows here are judges).
# Published: ICC(3,4) = .91.
SHROUT_FLEISS = [
    [9, 6, 8, 7, 10, 6],
    [2, 1, 4, 1, 5, 2],
    [5, 3, 6, 2, 6, 4],
    [8, 2, 8, 6, 9, 7],
]


def exactly(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-12)


def alpha_by_pairs(matrix: list[list[float]]) -> Fraction:
    """Interval α from pairwise differences (no coincidence matrix), in exact fractions.

    Σ o_ck δ²_ck = Σ_u Σ_{i≠j∈u} (v_i − v_j)² / (m_u − 1) and Σ n_c n_k δ²_ck is the same
    sum over every ordered pair of pairable values, so α = 1 − (n − 1)·D_within / D_all.
    """
    units = [[Fraction(v) for v in unit if not math.isnan(v)] for unit in zip(*matrix, strict=True)]
    units = [u for u in units if len(u) >= 2]
    pooled = [v for u in units for v in u]
    within = sum(sum((a - b) ** 2 for a, b in permutations(u, 2)) / (len(u) - 1) for u in units)
    total = sum((a - b) ** 2 for a, b in permutations(pooled, 2))
    return 1 - (len(pooled) - 1) * within / total


def test_alpha_matches_krippendorff_2011_example() -> None:
    alpha = krippendorff_alpha_interval(KRIPPENDORFF_2011)
    assert alpha is not None and round(alpha, 3) == 0.849
    assert alpha == exactly(float(alpha_by_pairs(KRIPPENDORFF_2011)))
    assert alpha_by_pairs(KRIPPENDORFF_2011) == Fraction(951, 1120)


def test_alpha_of_tiny_matrix_worked_by_hand() -> None:
    # Units (1,2), (2,3), (3,4): each has 2 ordered pairs with δ² = 1 → Σ o δ² = 3·2/1 = 6.
    # Pooled 1,2,2,3,3,4: Σ_{i<j} (v_i − v_j)² = nΣv² − (Σv)² = 6·43 − 15² = 33 → 66 ordered.
    # α = 1 − (6 − 1)·6/66 = 6/11.
    assert krippendorff_alpha_interval([[1, 2, 3], [2, 3, 4]]) == exactly(6 / 11)


def test_alpha_of_perfect_agreement_is_one() -> None:
    assert krippendorff_alpha_interval([[1, 5, NA], [1, 5, 7]]) == exactly(1.0)


@pytest.mark.parametrize(
    "matrix",
    [
        [[1, 2, 3]],  # one judge: nothing pairable
        [[4, NA], [NA, 4]],  # no entry with two totals
        [[6, 6], [6, 6]],  # no variation at all: expected disagreement 0
        [],
    ],
)
def test_alpha_undefined_is_none(matrix: list[list[float]]) -> None:
    assert krippendorff_alpha_interval(matrix) is None


def test_icc3k_matches_shrout_fleiss_table() -> None:
    # Two-way ANOVA: C = 127²/24; SS_targets = 2913/4 − C = 1349/24 → BMS = 1349/120;
    # SS_judges = 4617/6 − C = 2339/24; SS_total = 841 − C = 4055/24;
    # SS_error = (4055 − 1349 − 2339)/24 = 367/24 → EMS = 367/360.
    # ICC(3,4) = (BMS − EMS)/BMS = 1 − 367/(3·1349) = 3680/4047 ≈ .9093.
    icc = icc_3k(SHROUT_FLEISS)
    assert icc == exactly(3680 / 4047)
    assert icc is not None and round(icc, 2) == 0.91


def test_icc3k_needs_a_complete_matrix() -> None:
    assert icc_3k([[9, 6, 8], [2, NA, 4]]) is None
    assert icc_3k([[5, 5], [7, 7]]) is None  # the entries do not differ


# Entries that differ by tenths: BMS = 13/300, EMS = 2/300, ICC(3,3) = 11/13. At 1e-6 of the
# scale BMS is 4.3e-14, below the fixed 1e-12 cut-off the ICC once had ("no variance").
CLOSE = [[7.0, 7.1, 7.2], [7.1, 7.0, 7.3], [6.9, 7.1, 7.2]]


@pytest.mark.parametrize("scale", [1e6, 1e-6, 1e-9, 100.0])
def test_icc3k_is_the_same_in_any_unit(scale: float) -> None:
    expected = icc_3k(CLOSE)
    assert expected == exactly(11 / 13)
    assert icc_3k([[v * scale for v in row] for row in CLOSE]) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("scale", [1.0, 1e6, 1e-6])
def test_icc3k_of_entries_that_do_not_differ_is_none_in_any_unit(scale: float) -> None:
    assert icc_3k([[5 * scale, 5 * scale], [7 * scale, 7 * scale]]) is None
    assert icc_3k([[0.0, 0.0], [0.0, 0.0]]) is None


def test_kendall_w_without_ties() -> None:
    # Ranks 1234, 1234, 4321 → R = 6, 7, 8, 9; S = 2.25 + .25 + .25 + 2.25 = 5;
    # W = 12·5 / (3²·(4³ − 4)) = 60/540 = 1/9.
    assert kendall_w([[1, 2, 3, 4], [10, 20, 30, 40], [4, 3, 2, 1]]) == exactly(1 / 9)


def test_kendall_w_with_tie_correction() -> None:
    # Judge 1: 5,5,7,8 → ranks 1.5,1.5,3,4 (one pair tied: 2³ − 2 = 6).
    # Judges 2, 3: ranks 1,2,3,4 and 2,1,4,3. R = 4.5, 4.5, 10, 11; R̄ = 7.5;
    # S = 9 + 9 + 6.25 + 12.25 = 36.5. W = 12·36.5 / (9·60 − 3·6) = 438/522 = 73/87.
    assert kendall_w([[5, 5, 7, 8], [1, 2, 3, 4], [2, 1, 4, 3]]) == exactly(73 / 87)


def test_kendall_w_of_identical_rankings_is_one() -> None:
    assert kendall_w([[1, 2, 3], [2, 5, 9]]) == exactly(1.0)


def test_kendall_w_none_when_incomplete_or_all_tied() -> None:
    assert kendall_w([[1, 2, NA], [1, 2, 3]]) is None
    assert kendall_w([[3, 3], [3, 3]]) is None


def test_judge_figures_worked_by_hand() -> None:
    # J1 1,2,3,4: others' mean (J2, J3) 3, 3.5, 4, 4.5 → r = 1. SD √((2.25+.25)·2/4) = √1.25.
    # J2 2,4,6,8: others' mean 2.5 everywhere → no variance → None. SD √((9+1+1+9)/4) = √5.
    # J3 4,3,2,1: others' mean 1.5, 3, 4.5, 6 → r = −1.
    figures = judge_figures(
        judge_ids=[11, 12, 13], totals=[[1, 2, 3, 4], [2, 4, 6, 8], [4, 3, 2, 1]]
    )
    assert figures == (
        JudgeFigures(
            judge_id=11, entries=4, mean=2.5, sd=exactly(math.sqrt(1.25)), consensus_r=exactly(1.0)
        ),
        JudgeFigures(judge_id=12, entries=4, mean=5.0, sd=exactly(math.sqrt(5)), consensus_r=None),
        JudgeFigures(
            judge_id=13, entries=4, mean=2.5, sd=exactly(math.sqrt(1.25)), consensus_r=exactly(-1.0)
        ),
    )


def test_judge_consensus_needs_three_shared_entries() -> None:
    # J1 shares only entries 2 and 3 with J2 → None; J2 shares 2 and 3 with J1 likewise.
    figures = judge_figures(judge_ids=[1, 2], totals=[[NA, 9, 9.5, NA], [1, 2, 3, 4]])
    assert figures == (
        JudgeFigures(judge_id=1, entries=2, mean=9.25, sd=0.25, consensus_r=None),
        JudgeFigures(
            judge_id=2, entries=4, mean=2.5, sd=exactly(math.sqrt(1.25)), consensus_r=None
        ),
    )


def test_assess_matrix_leaves_icc_and_w_out_when_incomplete() -> None:
    incomplete = [row[:] for row in SHROUT_FLEISS]
    incomplete[0][0] = NA
    result = assess_matrix(judge_ids=[1, 2, 3, 4], totals=incomplete)
    assert (result.complete, result.icc3k, result.kendall_w) == (False, None, None)
    assert result.alpha is not None


def test_assess_reliability_reads_the_ranked_main_list_only() -> None:
    # The Shrout & Fleiss panel on six ranked entries, plus an excluded entry (judge 1 only)
    # and a CQO entry that must not enter the figures.
    entries = [entry(i, f"T{i}") for i in range(1, 7)]
    entries += [entry(7, "X", has_error=True), entry(8, "Q", cqo=True)]
    scores = [
        RankInputScore(judge_id=j, entry_id=e, marks={"q": SHROUT_FLEISS[j - 1][e - 1]})
        for j in range(1, 5)
        for e in range(1, 7)
    ]
    scores += [RankInputScore(judge_id=1, entry_id=7, marks={"q": 0.0})]
    scores += [RankInputScore(judge_id=j, entry_id=8, marks={"q": 10.0}) for j in range(1, 5)]
    ranking = rank_entries(entries=entries, scores=scores, weights={"q": 1.0}, params=RankParams())
    result = assess_reliability(ranking)
    assert result.complete is True
    assert result.icc3k == exactly(3680 / 4047)
    assert [f.judge_id for f in result.judges] == [1, 2, 3, 4]
    # Judge 1 on the six ranked entries: 9,6,8,7,10,6 → mean 46/6.
    assert result.judges[0].mean == exactly(46 / 6)
    assert result.judges[0].entries == 6
