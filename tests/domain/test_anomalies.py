"""Anomaly flags on viewing figures (SPEC §5).

Spike groups use views whose 1+v are powers of ten, so every Δlog10 is a whole number
and the medians and MADs in the comments are exact.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scoring.domain.anomalies import Flag, detect_anomalies, robust_z, spike_fires
from scoring.enums import FlagKind
from scoring.records.views import ViewSnapshot


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


DAY1 = utc(2023, 5, 20, 2, 0)  # 2023-05-20 10:00 Beijing
DAY2 = utc(2023, 5, 21, 2, 0)  # 2023-05-21 10:00 Beijing


def shot(
    entry: int, at: datetime, views: int, *counts: int | None, platform: str = "douyin"
) -> ViewSnapshot:
    likes, comments, shares = (*counts, None, None, None)[:3]
    return ViewSnapshot(
        entry_id=entry,
        platform=platform,
        captured_at=at,
        views=views,
        likes=likes,
        comments=comments,
        shares=shares,
    )


def pairs(*moves: tuple[int, int]) -> list[ViewSnapshot]:
    """Entry i+1 goes from moves[i][0] views on day 1 to moves[i][1] on day 2."""
    return [s for i, (a, b) in enumerate(moves, 1) for s in (shot(i, DAY1, a), shot(i, DAY2, b))]


def kinds(flags: list[Flag]) -> list[tuple[int, str]]:
    return [(f.entry_id, f.kind.value) for f in flags]


def test_count_down_flagged_per_field() -> None:
    flags = detect_anomalies([shot(1, DAY1, 100, 10, 5), shot(1, DAY2, 90, 9, 5)])
    down = [f for f in flags if f.kind == FlagKind.COUNT_DOWN]
    assert [f.params for f in down] == [
        {"field": "views", "before": 100, "after": 90, "previous_at": "2023-05-20 10:00"},
        {"field": "likes", "before": 10, "after": 9, "previous_at": "2023-05-20 10:00"},
    ]
    assert {f.captured_at for f in down} == {DAY2}


def test_unchanged_or_newly_given_counts_not_flagged_as_down() -> None:
    flags = detect_anomalies([shot(1, DAY1, 100, None, 5), shot(1, DAY2, 100, 3, None)])
    assert [f for f in flags if f.kind == FlagKind.COUNT_DOWN] == []


def test_count_down_compares_captures_in_time_order() -> None:
    flags = detect_anomalies([shot(1, DAY2, 100), shot(1, DAY1, 90)])  # given out of order
    assert [f for f in flags if f.kind == FlagKind.COUNT_DOWN] == []


def test_likes_over_views_flagged_and_equal_not() -> None:
    flags = detect_anomalies([shot(1, DAY1, 100, 101), shot(2, DAY1, 100, 100)])
    assert flags == [
        Flag(
            entry_id=1,
            platform="douyin",
            kind=FlagKind.LIKES_OVER_VIEWS,
            captured_at=DAY1,
            params={"likes": 101, "views": 100},
        ),
    ]


@pytest.mark.parametrize(
    ("views", "counts", "fires"),
    [
        (20_000, (10, 5, 5), False),  # 20/20 000 = exactly 0.1 %
        (20_000, (10, 5, 4), True),  # 19/20 000 = 0.095 %
        (10_000, (0, 0, 0), False),  # exactly 10 000 views: not "more than"
        (10_001, (10, None, None), True),  # 10/10 001 < 0.1 %; missing counts are 0
        (1_000_000, (None, None, None), False),  # no engagement given at all
    ],
)
def test_low_engagement_threshold(views: int, counts: tuple[int | None, ...], fires: bool) -> None:
    flags = detect_anomalies([shot(1, DAY1, views, *counts)])
    assert kinds(flags) == ([(1, "low_engagement")] if fires else [])


def test_low_engagement_params() -> None:
    [flag] = detect_anomalies([shot(1, DAY1, 20_000, 10, 5, 4)])
    assert flag.params == {"views": 20_000, "engagement": 19, "rate_percent": 0.095}


def test_low_engagement_judged_on_the_latest_capture_only() -> None:
    series = [shot(1, DAY1, 20_000, 1, 0, 0), shot(1, DAY2, 20_000, 40, 0, 0)]
    assert [f for f in detect_anomalies(series) if f.kind == FlagKind.LOW_ENGAGEMENT] == []


def test_spike_predicate_is_strict_at_both_thresholds() -> None:
    assert not spike_fires(z=3.5, gain=5_000)
    assert spike_fires(z=3.5000001, gain=5_000)
    assert not spike_fires(z=10.0, gain=1_000)
    assert spike_fires(z=10.0, gain=1_001)


def test_robust_z_formula() -> None:
    assert robust_z(7.0, median=1.0, mad=2.0) == pytest.approx(0.6745 * 3)


def test_spike_flagged_when_z_above_threshold() -> None:
    # x = Δlog10(1+v) = [0, 1, 1, 2, 7] (entry 5: 9 → 99 999 999, i.e. 10 → 10^8)
    # median 1; |x − 1| = [1, 0, 0, 1, 6] → MAD 1; z5 = 0.6745·6 = 4.047 > 3.5
    flags = detect_anomalies(pairs((99, 99), (9, 99), (99, 999), (9, 999), (9, 99_999_999)))
    assert kinds(flags) == [(5, "spike")]
    assert flags[0].captured_at == DAY2
    assert flags[0].params == {
        "z": pytest.approx(4.047),
        "gain": 99_999_990,
        "before": 9,
        "after": 99_999_999,
        "previous_at": "2023-05-20 10:00",
        "median": 1.0,
        "mad": 1.0,
        "date": "2023-05-21",
        # (1+views) grew 10^7-fold (x = 7); the median x of 1 is a 10-fold growth
        "growth": pytest.approx(10**7 - 1),
        "typical_growth": 9.0,
        "times": pytest.approx((10**7 - 1) / 9),
    }


def test_spike_not_flagged_when_z_below_threshold() -> None:
    # x = [0, 1, 1, 2, 6]; median 1; MAD 1; z5 = 0.6745·5 = 3.3725 ≤ 3.5 despite a huge gain
    flags = detect_anomalies(pairs((99, 99), (9, 99), (99, 999), (9, 999), (9, 9_999_999)))
    assert flags == []


@pytest.mark.parametrize(("after", "fires"), [(1_000, False), (1_001, True)])
def test_spike_needs_a_gain_of_more_than_1000(after: int, fires: bool) -> None:
    # x = [0, 0, log 2, log 2, log(1+after)] with log 2 = 0.30103; median log 2, MAD log 2;
    # z5 = 0.6745·(log10(1+after) − log10 2)/log10 2 = 0.6745·log2((1+after)/2)
    #    = 0.6745·8.96726 = 6.0484 (after 1000) or 0.6745·8.96870 = 6.0494 (after 1001)
    flags = detect_anomalies(pairs((0, 0), (0, 0), (0, 1), (0, 1), (0, after)))
    assert kinds(flags) == ([(5, "spike")] if fires else [])
    if fires:
        assert flags[0].params["z"] == pytest.approx(6.0494, abs=1e-4)
        # x = [0, 0, log 2, log 2, …]: the median growth is a doubling, 100 %
        assert flags[0].params["typical_growth"] == pytest.approx(1.0)
        assert flags[0].params["growth"] == pytest.approx(after)


def test_group_without_spread_not_scorable() -> None:
    # x = [1, 1, 5]; median 1; |x − 1| = [0, 0, 4] → MAD 0: no z can be computed
    flags = detect_anomalies(pairs((9, 99), (9, 99), (9, 999_999)))
    assert kinds(flags) == [(1, "not_scorable"), (2, "not_scorable"), (3, "not_scorable")]
    assert flags[0].params == {"date": "2023-05-21", "entries": 3}


def test_intervals_grouped_by_local_date_of_the_later_capture() -> None:
    # 16:30 UTC on 20 May is 00:30 on 21 May in Beijing: the group's date is the 21st
    late = utc(2023, 5, 20, 16, 30)
    [flag] = detect_anomalies([shot(1, DAY1, 9), shot(1, late, 99)])
    assert (flag.kind, flag.params["date"]) == (FlagKind.NOT_SCORABLE, "2023-05-21")


def test_same_day_intervals_of_one_entry_join_into_one() -> None:
    # entry 5: 9 (day 1) → 9 999 (day 2, 10:00) → 99 999 999 (day 2, 20:00): one x of 8 − 1 = 7
    # x = [0, 1, 1, 2, 7]; median 1, MAD 1; z5 = 4.047 — two separate x (3 and 4) would not be
    evening = DAY2 + timedelta(hours=10)
    series = pairs((99, 99), (9, 99), (99, 999), (9, 999))
    series += [shot(5, DAY1, 9), shot(5, DAY2, 9_999), shot(5, evening, 99_999_999)]
    [flag] = detect_anomalies(series)
    assert (flag.kind, flag.captured_at, flag.params["before"]) == (FlagKind.SPIKE, evening, 9)


def test_platforms_scored_separately() -> None:
    # The same moves on another platform form their own group with the same result.
    series = pairs((99, 99), (9, 99), (99, 999), (9, 999), (9, 99_999_999))
    series += [shot(s.entry_id, s.captured_at, s.views, platform="kuaishou") for s in series]
    flags = detect_anomalies(series)
    assert [(f.entry_id, f.platform, f.kind.value) for f in flags] == [
        (5, "douyin", "spike"),
        (5, "kuaishou", "spike"),
    ]


def test_flag_kinds_are_the_spec_words() -> None:
    assert [k.value for k in FlagKind] == [
        "count_down",
        "likes_over_views",
        "spike",
        "low_engagement",
        "not_scorable",
    ]
