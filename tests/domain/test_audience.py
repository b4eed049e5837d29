"""The audience list's order: views first, then the ranking's own tie-breaks."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.domain.audience import audience_list
from scoring.domain.ranking import RankParams, rank_entries
from scoring.domain.score_table import RankInputEntry, RankInputScore
from tests.domain.rank_inputs import entry

WEIGHTS = {"a": 2.0, "b": 1.0}  # "a" is the heaviest criterion
PARAMS = RankParams(method="raw", min_judges=2, top_n=3)


def cards(entry_id: int, a: float, b: float) -> list[RankInputScore]:
    return [RankInputScore(judge_id=j, entry_id=entry_id, marks={"a": a, "b": b}) for j in (1, 2)]


ENTRIES = [
    entry(1, "E-1", 100),  # T = (2·6 + 9)/3 = 7, heavy 6
    entry(2, "E-2", 100),  # T = (2·8 + 5)/3 = 7, heavy 8: same X as E-1, heavier mark
    entry(3, "E-4", 100),  # T = 8: the highest expert score of the tie
    entry(4, "E-3", 100),  # same marks as E-1: only the code tells them apart
    entry(5, "E-5", 100),  # no scorecard
    entry(6, "E-6", 5000),  # most viewed, scored lowest
    entry(7, "E-7", 100, cqo=True),  # another list: X still compares (T = 9)
]
SCORES = [
    *cards(1, 6, 9),
    *cards(2, 8, 5),
    *cards(3, 8, 8),
    *cards(4, 6, 9),
    *cards(6, 2, 2),
    *cards(7, 9, 9),
]


def _codes(entries: list[RankInputEntry], scores: list[RankInputScore]) -> list[str]:
    ranking = rank_entries(entries=entries, scores=scores, weights=WEIGHTS, params=PARAMS)
    order = audience_list(
        entries=entries, scores=scores, weights=WEIGHTS, ranking=ranking, top_n=PARAMS.top_n
    )
    assert [line.place for line in order.lines] == list(range(1, len(entries) + 1))
    return [line.code for line in order.lines]


def test_views_first_then_expert_then_heaviest_mark_then_code() -> None:
    assert _codes(ENTRIES, SCORES) == ["E-6", "E-7", "E-4", "E-2", "E-1", "E-3", "E-5"]


def test_the_top_is_the_first_n_and_carries_the_ranking_facts() -> None:
    ranking = rank_entries(entries=ENTRIES, scores=SCORES, weights=WEIGHTS, params=PARAMS)
    order = audience_list(entries=ENTRIES, scores=SCORES, weights=WEIGHTS, ranking=ranking, top_n=3)
    top = order.top()
    assert [(line.code, line.status.value, line.rank) for line in top] == [
        ("E-6", "ranked", 5),
        ("E-7", "cqo", 1),
        ("E-4", "ranked", 1),
    ]
    assert (top[0].views, top[0].audience, top[0].audience_raw) == (
        5000,
        100.0,
        math.log10(5001),
    )
    assert order.places()[5] == 7


@settings(max_examples=60, deadline=None)
@given(st.permutations(ENTRIES), st.permutations(SCORES))
def test_input_order_never_matters(
    entries: list[RankInputEntry], scores: list[RankInputScore]
) -> None:
    assert _codes(entries, scores) == ["E-6", "E-7", "E-4", "E-2", "E-1", "E-3", "E-5"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=7, max_size=7))
def test_more_views_always_come_first(views: list[int]) -> None:
    entries = [
        RankInputEntry(**{**e.__dict__, "views": v}) for e, v in zip(ENTRIES, views, strict=True)
    ]
    ranking = rank_entries(entries=entries, scores=SCORES, weights=WEIGHTS, params=PARAMS)
    order = audience_list(entries=entries, scores=SCORES, weights=WEIGHTS, ranking=ranking, top_n=3)
    shown = [line.views for line in order.lines]
    assert shown == sorted(views, reverse=True)
