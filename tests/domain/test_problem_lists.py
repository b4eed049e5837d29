"""The first problems of each kind, in their order, and a count of the rest per kind."""

from __future__ import annotations

from scoring.domain.problem_lists import ShortList, Unlisted, first_of_each_kind
from scoring.domain.views import RowProblem


def problem(line: int, column: str, key: str) -> RowProblem:
    return RowProblem(line=line, column=column, value=f"v{line}", key=key, params={})


def test_short_lists_are_shown_whole_in_their_order() -> None:
    problems = [problem(2, "播放量", "count.negative"), problem(2, "平台", "platform.invalid")]
    assert first_of_each_kind(problems, per_kind=1) == ShortList(tuple(problems), ())


def test_each_kind_is_cut_after_its_first_problems_and_the_rest_counted() -> None:
    codes = [problem(n, "作品编号", "views.unknown_code") for n in range(2, 8)]
    counts = [problem(n, "播放量", "count.not_a_number") for n in range(2, 5)]
    other = problem(6, "播放量", "count.negative")  # same column, another kind
    problems = sorted([*codes, *counts, other], key=lambda p: p.line)

    cut = first_of_each_kind(problems, per_kind=2)

    assert cut.shown == (codes[0], counts[0], codes[1], counts[1], other)
    assert cut.unlisted == (Unlisted(codes[1], 4), Unlisted(counts[1], 1))


def test_nothing_listed_nothing_cut() -> None:
    assert first_of_each_kind([]) == ShortList((), ())
