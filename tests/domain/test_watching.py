"""Watch coverage arithmetic: one computation for the share and the parts still to watch."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.watching import (
    coverage,
    credit,
    merge_ranges,
    seconds_of_bytes,
    stored_coverage,
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


# --- what the server credits of a report ----------------------------------------------------


def test_sent_bytes_carry_their_share_of_the_media_data_and_headers_carry_none() -> None:
    payload = (1_000, 11_000)  # the mdat: 10 000 bytes over 20 s, 500 bytes a second
    assert seconds_of_bytes(0, 1_000, payload=payload, duration=20.0) == (0.0, 0.0)
    assert seconds_of_bytes(0, 3_500, payload=payload, duration=20.0) == (0.0, 5.0)
    assert seconds_of_bytes(6_000, 20_000, payload=payload, duration=20.0) == (10.0, 20.0)
    assert seconds_of_bytes(0, 500, payload=(0, 0), duration=20.0) == (0.0, 0.0)


def test_a_forged_report_is_credited_only_where_the_video_was_sent() -> None:
    got = credit([], [[0, 15]], served=[[0, 2.5], [9, 10]], allowance=600, duration=15.0)
    assert got == [(0.0, 2.5), (9.0, 10.0)]


def test_no_more_is_credited_than_the_time_since_the_entry_was_opened() -> None:
    got = credit([], [[0, 15]], served=[[0, 15]], allowance=6.0, duration=15.0)
    assert got == [(0.0, 6.0)]
    later = credit(got, [[0, 15]], served=[[0, 15]], allowance=10.5, duration=15.0)
    assert later == [(0.0, 10.5)]


def test_the_allowance_counts_what_was_credited_before_and_new_parts_go_earliest_first() -> None:
    before = [[0.0, 4.0]]
    got = credit(before, [[2, 6], [10, 14]], served=[[0, 15]], allowance=7.0, duration=15.0)
    assert got == [(0.0, 6.0), (10.0, 11.0)]  # 4 s before + 2 s + 1 s = 7 s


def test_a_report_never_takes_back_what_was_credited() -> None:
    before = [[0.0, 9.0]]
    assert credit(before, [], served=[], allowance=0.0, duration=15.0) == [(0.0, 9.0)]
    assert credit(before, [[0, 1]], served=[[0, 1]], allowance=1, duration=15.0) == [(0.0, 9.0)]


@given(DURATION, RANGES, RANGES, RANGES, st.floats(min_value=0, max_value=500))
def test_credit_lies_within_report_and_sending_and_never_shrinks(
    duration: float,
    before: list[tuple[float, float]],
    reported: list[tuple[float, float]],
    served: list[tuple[float, float]],
    allowance: float,
) -> None:
    old = merge_ranges(before, duration=duration)
    got = credit(old, reported, served=served, allowance=allowance, duration=duration)
    assert coverage(got, duration).share >= coverage(old, duration).share
    seen, sent = merge_ranges(reported, duration=duration), merge_ranges(served, duration=duration)
    new_ms = _ms_length(got) - _ms_length(old)
    assert new_ms <= max(0, math.floor(allowance * 1000) - _ms_length(old))
    for start, end in merge_ranges(got, duration=duration):
        for a, b in _gaps(old, start, end):  # every new part was both reported and sent
            assert _inside(a, b, seen) and _inside(a, b, sent)


def _ms_length(ranges: list[tuple[float, float]]) -> int:
    return sum(round(b * 1000) - round(a * 1000) for a, b in ranges)


def _gaps(old: list[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    parts, cursor = [], start
    for a, b in old:
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            parts.append((cursor, a))
        cursor = max(cursor, b)
    return [*parts, (cursor, end)] if cursor < end else parts


def _inside(a: float, b: float, ranges: list[tuple[float, float]]) -> bool:
    return any(x <= a + 1e-9 and b <= y + 1e-9 for x, y in ranges)


def test_a_cards_stored_coverage_rounds_the_share_to_four_places() -> None:
    seen = stored_coverage([[0.0, 1.0]], 3.0)
    assert (seen.share, seen.unwatched, seen.watched) == (0.3333, [(1.0, 3.0)], [(0.0, 1.0)])
    assert stored_coverage(None, 3.0).share == 0.0  # no card yet
    assert stored_coverage([[0.0, 1.0]], None).share == 0.0  # no duration read
