"""The "how sure are we" panel: leave-one-judge-out, bootstrap, weight sweep, methods."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.domain.ranking import RankParams, rank_entries
from scoring.domain.score_table import RankInputEntry, RankInputScore
from scoring.domain.stability import (
    DEFAULT_SEED,
    SweepPoint,
    bootstrap_top_n,
    leave_one_judge_out,
    method_comparison,
    method_disagreements,
    sweep_changes,
    top_changes,
    weight_sweep,
)
from scoring.enums import Method
from scoring.errors import InvalidInput
from tests.domain.rank_inputs import entry

ONE = {"q": 1.0}


def cards(marks: Mapping[int, Sequence[float | None]]) -> list[RankInputScore]:
    """Judge id → marks for entries 1, 2, 3… (None: no submitted card)."""
    return [
        RankInputScore(judge_id=judge, entry_id=i, marks={"q": mark})
        for judge, row in marks.items()
        for i, mark in enumerate(row, start=1)
        if mark is not None
    ]


FIVE = [entry(i, code) for i, code in enumerate("ABCDE", start=1)]
# The reorder case of test_ranking: z-scores put A third, raw means put E third.
REORDER = cards({1: [3, 9, 7, 5, 6], 2: [9, 6.5, 6.5, 6.5, 6.5], 3: [5, 7, 9, 3, 6]})


def test_default_seed_is_published_constant() -> None:
    assert DEFAULT_SEED == 20230521


def test_leave_one_judge_out_matches_hand_ranking() -> None:
    # Raw means, top 1, min_judges 2. A: 9, 9, 2; B: 7, 7, 8; C: 1, 1, 1.
    # All judges: A 20/3 < B 22/3 → B. Without judge 1: A 11/2 < B 15/2 → B.
    # Without judge 3: A 9 > B 7 → A. Without judge 2: as without judge 1 → B.
    entries = [entry(1, "A"), entry(2, "B"), entry(3, "C")]
    scores = cards({1: [9, 7, 1], 2: [9, 7, 1], 3: [2, 8, 1]})
    params = RankParams(method="raw", top_n=1, min_judges=2, expert_weight=1.0)
    result = leave_one_judge_out(entries=entries, scores=scores, weights=ONE, params=params)
    assert result == {1: [2], 2: [2], 3: [1]}


def test_leave_one_judge_out_drops_entries_below_min_judges() -> None:
    # B has only judges 1 and 2; without either it has 1 card < min_judges 2 → unranked.
    entries = [entry(1, "A"), entry(2, "B")]
    scores = cards({1: [5, 9], 2: [5, 9], 3: [5, None]})
    params = RankParams(method="raw", top_n=2, min_judges=2)
    result = leave_one_judge_out(entries=entries, scores=scores, weights=ONE, params=params)
    assert result == {1: [1], 2: [1], 3: [2, 1]}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 20).map(lambda n: n / 2), min_size=4, max_size=4),
        min_size=2,
        max_size=5,
    ),
    st.sampled_from(Method),
)
def test_leave_one_judge_out_equals_ranking_without_that_judge(
    rows: list[list[float]], method: Method
) -> None:
    entries = [entry(i, f"E{i}", views=i * 7) for i in range(1, 5)]
    scores = cards(dict(enumerate(rows, start=1)))
    params = RankParams(method=method, top_n=2, min_judges=1)
    result = leave_one_judge_out(entries=entries, scores=scores, weights=ONE, params=params)
    for judge in range(1, len(rows) + 1):
        kept = [s for s in scores if s.judge_id != judge]
        expected = rank_entries(entries=entries, scores=kept, weights=ONE, params=params)
        assert result[judge] == expected.top_ids()


def runaway() -> tuple[list[RankInputEntry], list[RankInputScore]]:
    # Every judge gives W 10, L 0 and the rest 4–6: W is first and L last in every resample.
    entries = [entry(1, "W"), entry(2, "M1"), entry(3, "M2"), entry(4, "M3"), entry(5, "L")]
    scores = cards({j: [10, 4 + j % 3, 6 - j % 3, 5, 0] for j in range(1, 8)})
    return entries, scores


def test_bootstrap_runaway_winner_and_loser_are_certain() -> None:
    entries, scores = runaway()
    params = RankParams(top_n=1)
    shares = bootstrap_top_n(entries=entries, scores=scores, weights=ONE, params=params)
    assert shares == {1: 1.0, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0}
    params4 = RankParams(top_n=4, expert_weight=1.0)
    shares4 = bootstrap_top_n(entries=entries, scores=scores, weights=ONE, params=params4)
    assert (shares4[1], shares4[5]) == (1.0, 0.0)


def test_bootstrap_never_ranks_an_entry_the_real_panel_leaves_incomplete() -> None:
    # W is scored 10 by two judges only: with min_judges 3 it is incomplete, and a resample
    # drawing one of them twice must not make it rankable (nor let it take a top place).
    entries, scores = runaway()
    kept = [s for s in scores if s.entry_id != 1 or s.judge_id in (1, 2)]
    shares = bootstrap_top_n(
        entries=entries, scores=kept, weights=ONE, params=RankParams(top_n=1, min_judges=3)
    )
    assert shares[1] == 0.0
    assert sum(shares.values()) == 1.0


def test_bootstrap_is_reproducible_with_a_seed() -> None:
    params = RankParams(top_n=2, min_judges=2)
    runs = [
        bootstrap_top_n(
            entries=FIVE, scores=REORDER, weights=ONE, params=params, resamples=300, seed=7
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert all(0.0 <= share <= 1.0 for share in runs[0].values())


def test_bootstrap_shares_sum_to_top_n_when_every_entry_is_complete() -> None:
    # Complete matrix, min_judges 1: every resample ranks all 5 entries and picks exactly 2.
    params = RankParams(top_n=2, min_judges=1)
    shares = bootstrap_top_n(entries=FIVE, scores=REORDER, weights=ONE, params=params)
    assert sum(shares.values()) == pytest.approx(2.0, abs=1e-9)


@pytest.mark.parametrize("method", list(Method))
def test_bootstrap_with_one_judge_reproduces_the_ranking(method: Method) -> None:
    # With one judge every resample is that judge, so the shares are 1 for the top N of
    # rank_entries and 0 for everyone else (the batch path agrees with the scalar one).
    entries = [entry(i, f"E{i}", views=v) for i, v in enumerate([5, 50, 500, 0, 9], 1)]
    scores = cards({4: [7, 6.5, 6, 9, 3]})
    params = RankParams(method=method, top_n=3, min_judges=1)
    shares = bootstrap_top_n(entries=entries, scores=scores, weights=ONE, params=params)
    top = rank_entries(entries=entries, scores=scores, weights=ONE, params=params).top_ids()
    assert shares == {i: (1.0 if i in top else 0.0) for i in range(1, 6)}


def test_bootstrap_counts_no_entry_when_nobody_scored() -> None:
    shares = bootstrap_top_n(entries=FIVE, scores=[], weights=ONE, params=RankParams())
    assert shares == dict.fromkeys(range(1, 6), 0.0)


def test_bootstrap_refuses_zero_resamples() -> None:
    with pytest.raises(InvalidInput) as caught:
        bootstrap_top_n(entries=FIVE, scores=REORDER, weights=ONE, params=RankParams(), resamples=0)
    assert (caught.value.key, caught.value.params) == ("error.ranking_resamples", {"value": 0})


def sweep_case() -> tuple[list[RankInputEntry], list[RankInputScore]]:
    # P: mark 10, 0 views → E 100, A 0 → F = 100w. Q: mark 0, 9 views → E 0, A 100 →
    # F = 100(1 − w). Q leads below w = .5; at .5 F ties → higher E → P.
    return [entry(1, "P", views=0), entry(2, "Q", views=9)], cards({1: [10, 0], 2: [10, 0]})


def test_weight_sweep_marks_where_the_top_changes() -> None:
    entries, scores = sweep_case()
    params = RankParams(method="raw", top_n=1, min_judges=2)
    points = weight_sweep(entries=entries, scores=scores, weights=ONE, params=params)
    assert len(points) == 101
    assert points[0] == SweepPoint(0.0, (2,))
    assert points[49] == SweepPoint(0.49, (2,))
    assert points[50] == SweepPoint(0.5, (1,))
    assert points[100] == SweepPoint(1.0, (1,))
    assert sweep_changes(points) == [0.5]


def test_weight_sweep_point_equals_ranking_at_that_weight() -> None:
    params = RankParams(top_n=3, min_judges=2)
    entries = [
        entry(i, c, views=v)
        for i, c, v in [(1, "A", 90), (2, "B", 5), (3, "C", 0), (4, "D", 400), (5, "E", 20)]
    ]
    points = weight_sweep(entries=entries, scores=REORDER, weights=ONE, params=params, steps=11)
    for point in points:
        at = RankParams(top_n=3, min_judges=2, expert_weight=point.weight)
        ranking = rank_entries(entries=entries, scores=REORDER, weights=ONE, params=at)
        assert list(point.top_ids) == ranking.top_ids()


def test_weight_sweep_refuses_a_single_step() -> None:
    with pytest.raises(InvalidInput) as caught:
        weight_sweep(entries=FIVE, scores=REORDER, weights=ONE, params=RankParams(), steps=1)
    assert caught.value.key == "error.ranking_sweep_steps"


def test_sweep_changes_ignore_reordering_within_the_top() -> None:
    points = [SweepPoint(0.0, (1, 2)), SweepPoint(0.5, (2, 1)), SweepPoint(1.0, (2, 3))]
    assert sweep_changes(points) == [1.0]


def test_method_comparison_flags_disagreements() -> None:
    # Top 3 (w = 1): zscore B, C, A; raw B, C, E; trimmed = raw (3 totals < 5) → A and E differ.
    params = RankParams(top_n=3, expert_weight=1.0)
    tops = method_comparison(entries=FIVE, scores=REORDER, weights=ONE, params=params)
    assert tops == {Method.ZSCORE: [2, 3, 1], Method.RAW: [2, 3, 5], Method.TRIMMED: [2, 3, 5]}
    assert method_disagreements(tops) == [1, 5]


def test_method_disagreements_empty_when_all_agree() -> None:
    assert method_disagreements({Method.ZSCORE: [1, 2], Method.RAW: [2, 1]}) == []
    assert method_disagreements({}) == []


def test_top_changes_names_what_left_and_what_came_in_order() -> None:
    assert top_changes([1, 2, 3, 4], [2, 1, 5, 3]) == ([4], [5])
    assert top_changes([1, 2], [2, 1]) == ([], [])
    assert top_changes([1, 2], []) == ([1, 2], [])
