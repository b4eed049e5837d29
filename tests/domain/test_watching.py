"""Watch coverage arithmetic: one computation for the share and the parts still to watch."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.watching import (
    coverage,
    merge_ranges,
    unwatched_ranges,
    watched_share,
    whole_percent,
    whole_seconds,
)


def test_ranges_from_two_visits_are_merged_and_clipped() -> None:
    merged = merge_ranges([[0, 4], [6, 8]], [[3.5, 6.5], [9, 20]], duration=12.0)
    assert merged == [(0.0, 8.0), (9.0, 12.0)]


def test_empty_backwards_and_broken_ranges_are_ignored() -> None:
    assert merge_ranges([[5, 5], [7, 3], [math.nan, 4], [2, math.nan]], duration=10.0) == []


def test_share_counts_only_played_parts() -> None:
    assert watched_share([(0.0, 3.0), (6.0, 9.0)], 12.0) == 0.5


def test_last_quarter_second_counts_as_seen_once_playing_reaches_it() -> None:
    seen = coverage([(0.0, 11.8)], 12.0)
    assert (seen.watched, seen.unwatched, seen.share) == ([(0.0, 11.8)], [], 1.0)
    assert coverage([(0.0, 11.7)], 12.0).share == 0.975
    assert coverage([(0.0, 11.7)], 12.0).unwatched == [(11.7, 12.0)]


def test_first_quarter_second_counts_as_seen_once_playing_starts_in_it() -> None:
    assert coverage([(0.2, 12.0)], 12.0).share == 1.0
    assert coverage([(0.3, 12.0)], 12.0).unwatched == [(0.0, 0.3)]


def test_seeking_past_a_part_leaves_it_unwatched() -> None:
    seen = coverage([[0, 2], [10, 12]], 12.0)
    assert (seen.share, seen.unwatched) == (4.0 / 12.0, [(2.0, 10.0)])
    assert unwatched_ranges(merge_ranges([[0, 2], [10, 12]], duration=12.0), 12.0) == [(2.0, 10.0)]


def test_a_short_skip_in_the_middle_is_still_a_gap() -> None:
    seen = coverage([(0.0, 4.3), (4.4, 10.0)], 10.0)
    assert (seen.share, seen.unwatched) == (0.99, [(4.3, 4.4)])


def test_unwatched_ranges_at_start_and_end() -> None:
    assert coverage([(3.0, 5.0)], 10.0).unwatched == [(0.0, 3.0), (5.0, 10.0)]


def test_nothing_watched_is_all_unwatched() -> None:
    assert (coverage([], 10.0).share, coverage([], 10.0).unwatched) == (0.0, [(0.0, 10.0)])


def test_zero_or_unknown_duration_has_zero_share_and_no_gaps() -> None:
    assert (coverage([(0, 5)], 0.0).share, coverage([(0, 5)], 0.0).unwatched) == (0.0, [])
    assert watched_share([], math.nan) == 0.0


def test_the_demo_draft_case_watching_more_raises_the_share() -> None:
    # Reported: a draft said 40 % watched while 0:00–0:10 was listed as unwatched, and
    # watching 0:04–0:07 then lowered the share to 32 %.
    before = coverage([(0.0, 4.0)], 10.0)
    after = coverage([*before.watched, (4.0, 7.0)], 10.0)
    assert (before.share, before.unwatched) == (0.4, [(4.0, 10.0)])
    assert (after.share, after.unwatched) == (0.7, [(7.0, 10.0)])


def test_gaps_read_in_whole_seconds_never_past_the_shown_duration() -> None:
    gaps = [(4.3, 4.4), (4.6, 7.2), (9.6, 10.015)]
    assert whole_seconds(gaps, 10.015) == [(4, 8), (9, 10)]
    assert whole_seconds([(0.0, 0.3)], 12.0) == [(0, 1)]


def test_whole_percent_rounds_down() -> None:
    assert [whole_percent(s) for s in (0.0, 0.29, 0.8999, 0.9, 0.995, 1.0)] == [
        0,
        29,
        89,
        90,
        99,
        100,
    ]


DURATION = st.floats(min_value=0.1, max_value=600.0)
TIME = st.floats(min_value=-5.0, max_value=700.0, allow_nan=False)
RANGES = st.lists(st.tuples(TIME, TIME), max_size=8)


@given(DURATION, RANGES, RANGES)
def test_watching_more_never_lowers_the_share(
    duration: float, first: list[tuple[float, float]], more: list[tuple[float, float]]
) -> None:
    before = coverage(first, duration)
    after = coverage([*first, *more], duration)
    assert after.share >= before.share
    assert sum(b - a for a, b in after.unwatched) <= sum(b - a for a, b in before.unwatched) + 1e-9


@given(DURATION, RANGES)
def test_share_and_unwatched_come_from_one_computation(
    duration: float, ranges: list[tuple[float, float]]
) -> None:
    seen = coverage(ranges, duration)
    missing_ms = sum(round(b * 1000) - round(a * 1000) for a, b in seen.unwatched)
    total_ms = round(duration * 1000)
    assert seen.share == (total_ms - missing_ms) / total_ms
    assert 0.0 <= seen.share <= 1.0
    assert (seen.share == 1.0) == (seen.unwatched == [])
    for start, end in seen.unwatched:  # a gap never overlaps a played range
        assert all(end <= a or start >= b for a, b in seen.watched)
    assert watched_share(ranges, duration) == seen.share
    assert unwatched_ranges(ranges, duration) == seen.unwatched


@given(DURATION, RANGES)
def test_the_stored_ranges_give_the_same_coverage_again(
    duration: float, ranges: list[tuple[float, float]]
) -> None:
    seen = coverage(ranges, duration)
    assert coverage(seen.watched, duration) == seen
    assert merge_ranges(ranges, duration=duration) == seen.watched
