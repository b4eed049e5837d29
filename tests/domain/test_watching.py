"""Watch coverage arithmetic."""

from __future__ import annotations

from scoring.domain.watching import merge_ranges, unwatched_ranges, watched_share


def test_ranges_from_two_visits_are_merged_and_clipped() -> None:
    merged = merge_ranges([[0, 4], [6, 8]], [[3.5, 6.5], [9, 20]], duration=12.0)
    assert merged == [(0.0, 8.0), (9.0, 12.0)]


def test_empty_and_backwards_ranges_are_ignored() -> None:
    assert merge_ranges([[5, 5], [7, 3]], duration=10.0) == []


def test_share_counts_only_played_parts() -> None:
    assert watched_share([(0.0, 3.0), (6.0, 9.0)], 12.0) == 0.5


def test_last_quarter_second_counts_as_seen() -> None:
    assert watched_share([(0.0, 11.8)], 12.0) == 1.0
    assert watched_share([(0.0, 11.7)], 12.0) == 11.7 / 12.0


def test_seeking_past_a_part_leaves_it_unwatched() -> None:
    ranges = merge_ranges([[0, 2], [10, 12]], duration=12.0)
    assert watched_share(ranges, 12.0) == 4.0 / 12.0
    assert unwatched_ranges(ranges, 12.0) == [(2.0, 10.0)]


def test_unwatched_ranges_at_start_and_end() -> None:
    assert unwatched_ranges([(3.0, 5.0)], 10.0) == [(0.0, 3.0), (5.0, 10.0)]


def test_zero_duration_has_zero_share() -> None:
    assert watched_share([], 0.0) == 0.0
