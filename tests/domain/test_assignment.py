"""Who scores what (SPEC §4 "Assignment"): every judge, or k judges per entry.

The optimality oracle solves the balancing question as a linear programme: the constraint
matrix (one row per entry, one per judge, one column per pair) is the incidence matrix of
a bipartite graph, which is totally unimodular, so a feasible LP means a real plan exists.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from scoring.domain.assignment import (
    EntryParties,
    JudgeUnit,
    Pair,
    assign_every_judge,
    has_unit_conflict,
    trace_links,
    unit_conflicts,
)
from scoring.domain.balanced_assignment import AssignmentPlan, assign_per_entry, plan_every_judge
from scoring.errors import InvalidInput

# --- helpers ------------------------------------------------------------------------------


def _spread(plan: AssignmentPlan) -> int:
    return max(plan.loads.values()) - min(plan.loads.values())


def _judges_per_entry(plan: AssignmentPlan) -> Counter[int]:
    return Counter(entry for _, entry in plan.pairs)


def _graph_connected(judges: list[int], entries: list[int], pairs: tuple[Pair, ...]) -> bool:
    """Plain search over the judge–entry graph, independent of the module's union-find."""
    neighbours: dict[tuple[str, int], set[tuple[str, int]]] = {("j", j): set() for j in judges}
    neighbours.update({("e", e): set() for e in entries})
    for judge, entry in pairs:
        neighbours[("j", judge)].add(("e", entry))
        neighbours[("e", entry)].add(("j", judge))
    start = next(iter(neighbours))
    seen, stack = {start}, [start]
    while stack:
        for nxt in neighbours[stack.pop()] - seen:
            seen.add(nxt)
            stack.append(nxt)
    return len(seen) == len(neighbours)


def _window_feasible(
    case: Request, *, demand: dict[int, int], kept: Set[Pair], low: int, high: int
) -> bool:
    """Is there a plan whose every load lies in [low, high]? (LP; exact, see module doc)."""
    pairs = [(j, e) for j in case.judges for e in case.entries if (j, e) not in case.barred]
    entry_rows = np.array([[1.0 if p[1] == e else 0.0 for p in pairs] for e in case.entries])
    judge_rows = np.array([[1.0 if p[0] == j else 0.0 for p in pairs] for j in case.judges])
    result = linprog(
        c=np.zeros(len(pairs)),
        A_ub=np.vstack([judge_rows, -judge_rows]),
        b_ub=np.array([high] * len(case.judges) + [-low] * len(case.judges)),
        A_eq=entry_rows,
        b_eq=np.array([demand[e] for e in case.entries]),
        bounds=[(1, 1) if p in kept else (0, 1) for p in pairs],
        method="highs",
    )
    return bool(result.status == 0)


# --- requests drawn by Hypothesis -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Request:
    """One drawn assignment request."""

    judges: list[int]
    entries: list[int]
    barred: set[Pair]
    per_entry: int
    keep: set[Pair]
    seed: int

    def plan(self) -> AssignmentPlan:
        return assign_per_entry(
            judge_ids=self.judges,
            entry_ids=self.entries,
            barred=self.barred,
            per_entry=self.per_entry,
            seed=self.seed,
            keep=self.keep,
        )


@st.composite
def requests(
    draw: st.DrawFn, *, barred: bool = True, keep: bool = True, max_barred_per_judge: int = 60
) -> Request:
    n = draw(st.integers(3, 15))
    m = draw(st.integers(1, 60))
    k = draw(st.integers(1, min(5, n)))
    judges, entries = list(range(1, n + 1)), list(range(101, 101 + m))
    every = [(j, e) for j in judges for e in entries]
    chosen: set[Pair] = set()
    if barred:
        chosen = draw(st.sets(st.sampled_from(every), max_size=max(1, n * m // 5)))
    # Limit the density: each entry keeps k eligible judges, each judge a barred budget.
    per_entry, per_judge = Counter[int](), Counter[int]()
    limited = set()
    for judge, entry in sorted(chosen):
        if per_entry[entry] < n - k and per_judge[judge] < max_barred_per_judge:
            limited.add((judge, entry))
            per_entry[entry] += 1
            per_judge[judge] += 1
    kept = draw(st.sets(st.sampled_from(every), max_size=m)) if keep else set()
    seed = draw(st.integers(0, 2**32))
    return Request(
        judges=judges, entries=entries, barred=limited, per_entry=k, keep=kept, seed=seed
    )


def _demand(case: Request) -> dict[int, int]:
    """Judges each entry must get: k, or more when more kept (non-barred) pairs sit on it."""
    kept_on = Counter(e for j, e in case.keep if (j, e) not in case.barred)
    return {e: max(case.per_entry, kept_on[e]) for e in case.entries}


# --- properties ---------------------------------------------------------------------------


@given(requests(keep=False))
def test_assign_per_entry_seats_exactly_k_judges_without_keep(case: Request) -> None:
    plan = case.plan()
    assert _judges_per_entry(plan) == dict.fromkeys(case.entries, case.per_entry)


@given(requests())
def test_assign_per_entry_seats_k_judges_or_every_kept_one(case: Request) -> None:
    plan = case.plan()
    assert _judges_per_entry(plan) == _demand(case)


@given(requests())
def test_assign_per_entry_never_seats_a_barred_pair(case: Request) -> None:
    plan = case.plan()
    assert set(plan.pairs).isdisjoint(case.barred)
    assert len(set(plan.pairs)) == len(plan.pairs)


@given(requests())
def test_assign_per_entry_keeps_marked_pairs_and_drops_conflicted_ones(case: Request) -> None:
    plan = case.plan()
    assert plan.kept == tuple(sorted(case.keep - case.barred))
    assert plan.dropped_conflicted == tuple(sorted(case.keep & case.barred))
    assert set(plan.kept) <= set(plan.pairs)


@given(requests())
def test_assign_per_entry_loads_count_every_judge(case: Request) -> None:
    plan = case.plan()
    counted = Counter(judge for judge, _ in plan.pairs)
    assert plan.loads == {j: counted[j] for j in case.judges}
    assert plan.pairs == tuple(sorted(plan.pairs))
    assert plan.seed == case.seed


@given(requests(barred=False, keep=False))
def test_assign_per_entry_balances_to_one_without_conflicts(case: Request) -> None:
    assert _spread(case.plan()) <= 1


@given(requests(keep=False, max_barred_per_judge=2))
def test_assign_per_entry_balances_to_two_when_each_judge_is_barred_at_most_twice(
    case: Request,
) -> None:
    assert _spread(case.plan()) <= 2


@given(requests())
def test_assign_per_entry_spread_within_barred_plus_kept_bound(case: Request) -> None:
    plan = case.plan()
    most_barred = max(Counter(j for j, _ in case.barred).values(), default=0)
    most_kept = max(Counter(j for j, _ in plan.kept).values(), default=0)
    assert _spread(plan) <= max(1, most_barred + most_kept)


@settings(max_examples=60, deadline=None)
@given(requests())
def test_assign_per_entry_spread_is_the_smallest_possible(case: Request) -> None:
    plan = case.plan()
    spread, kept = _spread(plan), set(plan.kept)
    demand = _demand(case)
    total, n = sum(demand.values()), len(case.judges)
    narrower = spread - 1
    lows = range(max(0, -(-total // n) - narrower), total // n + 1) if narrower >= 0 else []
    assert not any(
        _window_feasible(case, demand=demand, kept=kept, low=low, high=low + narrower)
        for low in lows
    )


@given(requests(barred=False, keep=False))
def test_assign_per_entry_links_judges_exactly_when_enough_pairs(case: Request) -> None:
    plan = case.plan()
    n, m, k = len(case.judges), len(case.entries), case.per_entry
    assert plan.connected == (m * (k - 1) >= n - 1)
    assert _graph_connected(case.judges, case.entries, plan.pairs) == plan.connected


@given(st.integers(3, 15), st.integers(0, 2**32))
def test_assign_per_entry_links_a_spanning_tree_when_pairs_are_just_enough(
    judges: int, seed: int
) -> None:
    # k = 2 and judges − 1 entries: 2(n − 1) pairs = (judges + entries) − 1, a spanning tree
    # at best; least-loaded filling alone often leaves two groups, the swaps must join them.
    plan = assign_per_entry(
        judge_ids=range(judges), entry_ids=range(judges - 1), barred=set(), per_entry=2, seed=seed
    )
    assert plan.connected is True
    assert _graph_connected(list(range(judges)), list(range(judges - 1)), plan.pairs)
    assert _spread(plan) <= 1


@given(st.integers(3, 15), st.integers(0, 2**32), st.data())
def test_assign_per_entry_linking_swaps_never_move_kept_pairs(
    judges: int, seed: int, data: st.DataObject
) -> None:
    # Same tight shape, where swaps are common, with one kept pair on some entries.
    keep = {(data.draw(st.integers(0, judges - 1)), e) for e in range(0, judges - 1, 2)}
    plan = assign_per_entry(
        judge_ids=range(judges),
        entry_ids=range(judges - 1),
        barred=set(),
        per_entry=2,
        seed=seed,
        keep=keep,
    )
    assert set(plan.kept) == keep
    assert keep <= set(plan.pairs)
    assert _judges_per_entry(plan) == dict.fromkeys(range(judges - 1), 2)


@given(requests())
def test_assign_per_entry_connected_flag_tells_the_truth(case: Request) -> None:
    plan = case.plan()
    assert _graph_connected(case.judges, case.entries, plan.pairs) == plan.connected


@given(requests(), st.randoms(use_true_random=False))
def test_assign_per_entry_same_seed_same_plan_whatever_the_input_order(
    case: Request, shuffler: random.Random
) -> None:
    first = case.plan()
    judges, entries = list(case.judges), list(case.entries)
    shuffler.shuffle(judges)
    shuffler.shuffle(entries)
    again = assign_per_entry(
        judge_ids=judges,
        entry_ids=entries,
        barred=frozenset(case.barred),
        per_entry=case.per_entry,
        seed=case.seed,
        keep=frozenset(case.keep),
    )
    assert again == first


@given(requests())
def test_plan_every_judge_is_every_non_barred_pair(case: Request) -> None:
    plan = plan_every_judge(judge_ids=case.judges, entry_ids=case.entries, barred=case.barred)
    every = {(j, e) for j in case.judges for e in case.entries}
    assert set(plan.pairs) == every - case.barred
    assert plan.kept == ()


# --- hand-worked cases --------------------------------------------------------------------


def test_assign_per_entry_three_judges_six_entries_two_each() -> None:
    plan = assign_per_entry(
        judge_ids=[1, 2, 3], entry_ids=[10, 11, 12, 13, 14, 15], barred=set(), per_entry=2, seed=5
    )
    # 6 entries × 2 judges = 12 seats over 3 judges: 4 each.
    assert plan.loads == {1: 4, 2: 4, 3: 4}
    assert _judges_per_entry(plan) == dict.fromkeys([10, 11, 12, 13, 14, 15], 2)
    assert plan.connected is True
    assert plan.kept == ()
    assert plan.dropped_conflicted == ()


def test_assign_per_entry_conflicts_force_the_only_possible_plan() -> None:
    # Each entry bars one judge, leaving exactly two for k = 2.
    plan = assign_per_entry(
        judge_ids=[1, 2, 3],
        entry_ids=[10, 11, 12],
        barred={(1, 10), (2, 11), (3, 12)},
        per_entry=2,
        seed=9,
    )
    assert plan.pairs == ((1, 11), (1, 12), (2, 10), (2, 12), (3, 10), (3, 11))
    assert plan.loads == {1: 2, 2: 2, 3: 2}
    assert plan.connected is True


def test_assign_per_entry_conflict_sends_a_judge_to_the_other_entry() -> None:
    # Judge 1 may not score entry 10, so both free seats there go to 2 and 3; levelling
    # (4 seats over 3 judges: loads 2, 1, 1) then puts judge 1 on entry 11.
    plan = assign_per_entry(
        judge_ids=[1, 2, 3], entry_ids=[10, 11], barred={(1, 10)}, per_entry=2, seed=0
    )
    assert [j for j, e in plan.pairs if e == 10] == [2, 3]
    assert [e for j, e in plan.pairs if j == 1] == [11]
    assert sorted(plan.loads.values()) == [1, 1, 2]


def test_assign_per_entry_levels_what_the_greedy_start_leaves_uneven() -> None:
    # 2 entries × 2 = 4 seats over 4 judges: one each. Judge 2 may only take entry 11 and
    # judge 4 only entry 10. With seed 2 the greedy start seats judge 1 on both entries
    # and judge 2 on none (loads 2, 0, 1, 1); levelling must hand one seat on.
    plan = assign_per_entry(
        judge_ids=[1, 2, 3, 4], entry_ids=[10, 11], barred={(2, 10), (4, 11)}, per_entry=2, seed=2
    )
    assert plan.loads == {1: 1, 2: 1, 3: 1, 4: 1}
    assert {(2, 11), (4, 10)} <= set(plan.pairs)
    assert _judges_per_entry(plan) == {10: 2, 11: 2}


def test_assign_per_entry_levels_along_a_chain_of_hand_ons() -> None:
    # Judge 3 may only take entry 11, judge 1 only 10 and 12. Seed 2 starts with judge 1 on
    # 10 and 12, judge 2 on 11, judge 3 idle. Judge 1 cannot hand to 3 directly: 1 hands
    # an entry to 2 and 2 hands 11 to 3. Balanced plans: 3 on 11, 1 and 2 split 10 and 12.
    plan = assign_per_entry(
        judge_ids=[1, 2, 3],
        entry_ids=[10, 11, 12],
        barred={(1, 11), (3, 10), (3, 12)},
        per_entry=1,
        seed=2,
    )
    assert plan.loads == {1: 1, 2: 1, 3: 1}
    assert plan.pairs in {((1, 10), (2, 12), (3, 11)), ((1, 12), (2, 10), (3, 11))}


def test_assign_per_entry_kept_pairs_may_exceed_k() -> None:
    plan = assign_per_entry(
        judge_ids=[1, 2, 3],
        entry_ids=[10, 11],
        barred=set(),
        per_entry=1,
        seed=3,
        keep={(1, 10), (2, 10)},
    )
    # Entry 10 keeps both marked judges; entry 11 goes to the only idle judge, 3.
    assert plan.pairs == ((1, 10), (2, 10), (3, 11))
    assert plan.kept == ((1, 10), (2, 10))
    assert plan.loads == {1: 1, 2: 1, 3: 1}


def test_assign_per_entry_kept_pairs_count_toward_loads_even_when_lopsided() -> None:
    plan = assign_per_entry(
        judge_ids=[1, 2, 3],
        entry_ids=[10, 11, 12, 13],
        barred=set(),
        per_entry=1,
        seed=4,
        keep={(1, 10), (1, 11), (1, 12)},
    )
    # Judge 1 holds 3 marked entries; entry 13 goes to 2 or 3; spread 3 − 0 = 3 = K.
    assert plan.pairs[:3] == ((1, 10), (1, 11), (1, 12))
    assert sorted(plan.loads.values()) == [0, 1, 3]
    assert plan.connected is False


def test_assign_per_entry_drops_a_kept_pair_now_in_conflict() -> None:
    plan = assign_per_entry(
        judge_ids=[1, 2],
        entry_ids=[10],
        barred={(1, 10)},
        per_entry=1,
        seed=0,
        keep={(1, 10)},
    )
    assert plan.pairs == ((2, 10),)
    assert plan.kept == ()
    assert plan.dropped_conflicted == ((1, 10),)


def test_assign_per_entry_one_judge_per_entry_cannot_link_judges() -> None:
    plan = assign_per_entry(judge_ids=[1, 2], entry_ids=[10, 11], barred=set(), per_entry=1, seed=0)
    assert plan.loads == {1: 1, 2: 1}
    assert plan.connected is False


def test_assign_per_entry_all_judges_per_entry_is_every_pair() -> None:
    plan = assign_per_entry(judge_ids=[2, 1], entry_ids=[11, 10], barred=set(), per_entry=2, seed=1)
    assert plan.pairs == ((1, 10), (1, 11), (2, 10), (2, 11))


def test_assign_per_entry_same_seed_same_plan_other_seeds_differ() -> None:
    def plan_for(seed: int) -> tuple[Pair, ...]:
        return assign_per_entry(
            judge_ids=range(1, 7), entry_ids=range(10, 22), barred=set(), per_entry=2, seed=seed
        ).pairs

    assert plan_for(42) == plan_for(42)
    assert len({plan_for(seed) for seed in range(10)}) > 1


@pytest.mark.parametrize(
    ("judges", "entries", "barred", "per_entry", "keep", "key", "params"),
    [
        ([], [10], set(), 1, set(), "error.assignment_no_judges", {}),
        ([1], [], set(), 1, set(), "error.assignment_no_entries", {}),
        ([1, 2], [10], set(), 0, set(), "error.assignment_per_entry_too_small", {"per_entry": 0}),
        (
            [1, 2, 3],
            [10],
            set(),
            4,
            set(),
            "error.assignment_per_entry_too_large",
            {"per_entry": 4, "judges": 3},
        ),
        (
            [1, 2, 3],
            [10, 11, 12],
            {(1, 11), (2, 11), (2, 12), (3, 12)},
            2,
            set(),
            "error.assignment_too_few_eligible",
            {"entries": "11, 12", "per_entry": 2},
        ),
        (
            [1, 2],
            [10],
            set(),
            1,
            {(9, 10), (1, 77)},
            "error.assignment_keep_unknown",
            {"pairs": "1/77, 9/10"},
        ),
    ],
)
def test_assign_per_entry_refuses_impossible_requests(
    judges: list[int],
    entries: list[int],
    barred: set[Pair],
    per_entry: int,
    keep: set[Pair],
    key: str,
    params: dict[str, object],
) -> None:
    with pytest.raises(InvalidInput) as caught:
        assign_per_entry(
            judge_ids=judges,
            entry_ids=entries,
            barred=barred,
            per_entry=per_entry,
            seed=0,
            keep=keep,
        )
    assert caught.value.key == key
    assert caught.value.params == params


def test_plan_every_judge_skips_barred_and_reports_kept_and_dropped() -> None:
    plan = plan_every_judge(
        judge_ids=[1, 2],
        entry_ids=[10, 11],
        barred={(1, 11)},
        keep={(1, 11), (2, 10)},
        seed=8,
    )
    assert plan.pairs == ((1, 10), (2, 10), (2, 11))
    assert plan.loads == {1: 1, 2: 2}
    assert plan.kept == ((2, 10),)
    assert plan.dropped_conflicted == ((1, 11),)
    assert plan.seed == 8
    assert plan.connected is True


def test_plan_every_judge_matches_assign_every_judge() -> None:
    barred = {(2, 10), (3, 11)}
    plan = plan_every_judge(judge_ids=[3, 1, 2], entry_ids=[11, 10], barred=barred)
    assert list(plan.pairs) == assign_every_judge([1, 2, 3], [10, 11], barred)
    assert plan.pairs == ((1, 10), (1, 11), (2, 11), (3, 10))


def test_plan_every_judge_entry_nobody_may_score_is_unlinked() -> None:
    plan = plan_every_judge(judge_ids=[1], entry_ids=[10, 11], barred={(1, 11)})
    assert plan.pairs == ((1, 10),)
    assert plan.connected is False


# --- unit conflicts (the existing helpers) ------------------------------------------------


def test_unit_conflict_ignores_whitespace_and_blank_units() -> None:
    entry = EntryParties(entry_id=10, producer="甘肃 广电", submitter="S", recommender="R")
    assert has_unit_conflict(JudgeUnit(judge_id=1, unit="甘肃广电"), entry) is True
    assert has_unit_conflict(JudgeUnit(judge_id=2, unit="  "), entry) is False


def test_unit_conflicts_lists_every_shared_unit_pair() -> None:
    judges = [JudgeUnit(judge_id=1, unit="A"), JudgeUnit(judge_id=2, unit="B")]
    entries = [
        EntryParties(entry_id=10, producer="A", submitter="X", recommender="Y"),
        EntryParties(entry_id=11, producer="X", submitter="Y", recommender="B"),
    ]
    assert unit_conflicts(judges, entries) == {(1, 10), (2, 11)}


# --- links in the judge–entry graph -------------------------------------------------------


def test_trace_links_finds_the_cycle_and_the_idle_judge() -> None:
    # 1–10–2–11–1 is a cycle closed by the last pair; judge 3 holds nothing.
    links = trace_links(
        judge_ids=[1, 2, 3], entry_ids=[10, 11], pairs=[(1, 10), (2, 10), (2, 11), (1, 11)]
    )
    assert links.cycle_pairs == ((1, 11),)
    assert links.connected is False
    assert len(set(links.component.values())) == 2
    assert links.component[(0, 1)] == links.component[(1, 11)] != links.component[(0, 3)]


def test_trace_links_a_path_is_connected_without_cycles() -> None:
    links = trace_links(judge_ids=[1, 2], entry_ids=[10], pairs=[(1, 10), (2, 10)])
    assert links.connected is True
    assert links.cycle_pairs == ()
