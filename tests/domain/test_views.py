"""Viewing figures (SPEC §5): times, view headers and view rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.platforms import Platform
from scoring.domain.views import (
    RowProblem,
    ViewRow,
    local_time_text,
    map_view_headers,
    parse_capture,
    parse_entry_code,
    parse_time,
    parse_view_row,
)
from scoring.errors import InvalidInput

# --- times -------------------------------------------------------------------------------


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-21T10:00:00+08:00", utc(2023, 5, 21, 2, 0)),
        ("2023-05-21T02:00:00Z", utc(2023, 5, 21, 2, 0)),
        ("2023-05-21T10:00:00+09:00", utc(2023, 5, 21, 1, 0)),
        ("2023-05-21 10:00", utc(2023, 5, 21, 2, 0)),  # no zone: Asia/Shanghai, UTC+8
        ("2023-05-21 10:00:00", utc(2023, 5, 21, 2, 0)),
        ("2023/5/21 10:00", utc(2023, 5, 21, 2, 0)),
        ("2023/5/21 10:00:30", utc(2023, 5, 21, 2, 0, 30)),
        ("2023/05/21 9:05", utc(2023, 5, 21, 1, 5)),
        ("2023.5.21 10:00", utc(2023, 5, 21, 2, 0)),
        ("2023年5月21日 10:00", utc(2023, 5, 21, 2, 0)),
        ("2023年5月21日10时", utc(2023, 5, 21, 2, 0)),
        ("2023年5月21日10点", utc(2023, 5, 21, 2, 0)),
        ("2023年5月21日 10时30分15秒", utc(2023, 5, 21, 2, 30, 15)),
        ("２０２３年５月２１日　１０：００", utc(2023, 5, 21, 2, 0)),
        ("2023-05-21", utc(2023, 5, 20, 16, 0)),  # a date alone: local midnight
        ("2023/5/21", utc(2023, 5, 20, 16, 0)),
        ("2023年5月21日", utc(2023, 5, 20, 16, 0)),
    ],
)
def test_time_forms_parsed_to_utc(text: str, expected: datetime) -> None:
    assert parse_time(text) == expected


def test_time_without_zone_uses_the_zone_given() -> None:
    assert parse_time("2023/5/21 10:00", zone="Europe/London") == utc(2023, 5, 21, 9, 0)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023-13-45", "time.impossible"),
        ("2023/2/30 10:00", "time.impossible"),
        ("2023年2月29日", "time.impossible"),
        ("2023/5/21 24:00", "time.impossible"),
        ("2023/5/21 10:60", "time.impossible"),
        ("abc", "time.not_a_time"),
        ("10:00", "time.not_a_time"),
        ("45067.5", "time.not_a_time"),
        ("2023-5/21", "time.not_a_time"),
        ("", "time.empty"),
    ],
)
def test_time_errors_have_their_own_keys(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(text)
    assert caught.value.key == key


@given(st.datetimes(min_value=datetime(1970, 1, 2), timezones=st.just(UTC)))
def test_iso_time_round_trips(moment: datetime) -> None:
    assert parse_time(moment.isoformat()) == moment


# --- view headers ------------------------------------------------------------------------

CHINESE = ["作品编号", "平台", "播放量", "点赞数", "评论数", "转发数·分享数", "采集时间"]
FIELDS = ["code", "platform", "views", "likes", "comments", "shares", "captured_at"]


def test_chinese_headers_mapped() -> None:
    assert map_view_headers(CHINESE) == dict(zip(FIELDS, CHINESE, strict=True))


def test_english_and_alias_headers_mapped() -> None:
    headers = ["Code", "platform", "观看次数", "点赞", "评论", "分享数", "统计时间"]
    assert map_view_headers(headers) == dict(zip(FIELDS, headers, strict=True))


def test_bilingual_headers_mapped() -> None:
    headers = ["作品编号/code", "平台 / platform", "播放量（views）", "转发数/分享数", "采集时间"]
    assert map_view_headers(headers) == {
        "code": "作品编号/code",
        "platform": "平台 / platform",
        "views": "播放量（views）",
        "shares": "转发数/分享数",
        "captured_at": "采集时间",
    }


def test_reading_aid_columns_accepted_and_ignored() -> None:
    headers = ["序号", "作品编号", "作品名称", "平台", "播放量", "采集时间", "备注"]
    assert map_view_headers(headers) == {
        "code": "作品编号",
        "platform": "平台",
        "views": "播放量",
        "captured_at": "采集时间",
    }


def test_columns_of_a_rejected_rows_file_accepted_and_ignored() -> None:
    headers = [*CHINESE, "原行号/line", "问题列/column", "问题值/value", "问题/problem"]
    assert map_view_headers(headers) == dict(zip(FIELDS, CHINESE, strict=True))


def test_unknown_header_refused_naming_it_and_the_accepted_ones() -> None:

    with pytest.raises(InvalidInput) as caught:
        map_view_headers([*CHINESE, "收藏数", "作品编号/平台"])
    assert caught.value.key == "views.unknown_columns"
    assert caught.value.params == {
        "columns": "收藏数, 作品编号/平台",
        "accepted": "作品编号/code, 平台/platform, 播放量/views, 点赞数/likes, 评论数/comments, "
        "转发数·分享数/shares, 采集时间/captured_at",
        "ignored": "序号, 作品名称, title, 备注, note, 原行号/line, 问题列/column, 问题值/value, "
        "问题/problem",
    }


def test_missing_required_headers_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        map_view_headers(["作品编号", "点赞数"])
    assert caught.value.key == "views.missing_columns"
    assert caught.value.params["columns"] == "平台/platform, 播放量/views, 采集时间/captured_at"


def test_two_headers_for_one_field_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        map_view_headers([*CHINESE, "views"])
    assert (caught.value.key, caught.value.params) == (
        "views.duplicate_column",
        {"columns": "播放量, views"},
    )


# --- view rows ---------------------------------------------------------------------------

COLUMNS = dict(zip(FIELDS, CHINESE, strict=True))
NOW = utc(2023, 6, 1, 0, 0)
START = utc(2023, 5, 1, 0, 0)


def row(**changes: str) -> dict[str, str]:
    cells = dict(
        zip(
            CHINESE,
            ["GS-2023-001", "抖音", "1.2万", "120", "", "3", "2023/5/21 10:00"],
            strict=True,
        )
    )
    return cells | {COLUMNS[field]: text for field, text in changes.items()}


def test_good_row_parsed() -> None:
    parsed = parse_view_row(row(), line=7, columns=COLUMNS, now=NOW, campaign_start=START)
    assert parsed == ViewRow(
        line=7,
        code="GS-2023-001",
        platform=Platform("douyin", known=True),
        captured_at=utc(2023, 5, 21, 2, 0),
        views=12000,
        likes=120,
        comments=None,
        shares=3,
    )


def test_optional_count_columns_may_be_absent() -> None:
    columns = {f: COLUMNS[f] for f in ("code", "platform", "views", "captured_at")}
    parsed = parse_view_row(row(), line=2, columns=columns, now=NOW)
    assert isinstance(parsed, ViewRow)
    assert (parsed.likes, parsed.comments, parsed.shares) == (None, None, None)


def test_every_problem_of_a_row_reported() -> None:
    cells = row(code="", views="abc", likes="-1", comments="1.5", captured_at="2023/6/2 10:00")
    problems = parse_view_row(cells, line=9, columns=COLUMNS, now=NOW)
    assert problems == [
        RowProblem(line=9, column="作品编号", value="", key="views.code_empty", params={}),
        RowProblem(
            line=9, column="播放量", value="abc", key="count.not_a_number", params={"value": "abc"}
        ),
        RowProblem(
            line=9, column="点赞数", value="-1", key="count.negative", params={"value": "-1"}
        ),
        RowProblem(
            line=9,
            column="评论数",
            value="1.5",
            key="count.fractional",
            params={"value": "1.5", "amount": "1.5"},
        ),
        RowProblem(
            line=9,
            column="采集时间",
            value="2023/6/2 10:00",
            key="time.in_future",
            params={"value": "2023/6/2 10:00", "now": "2023-06-01 08:00"},
        ),
    ]


def test_capture_right_at_now_accepted_one_second_later_refused() -> None:
    at_now = parse_view_row(row(captured_at="2023/6/1 08:00"), line=2, columns=COLUMNS, now=NOW)
    later = parse_view_row(row(captured_at="2023/6/1 08:00:01"), line=2, columns=COLUMNS, now=NOW)
    assert isinstance(at_now, ViewRow)
    assert isinstance(later, list)
    assert [p.key for p in later] == ["time.in_future"]


def test_capture_before_the_campaign_refused() -> None:
    problems = parse_view_row(
        row(captured_at="2023/4/30 23:59"), line=3, columns=COLUMNS, now=NOW, campaign_start=START
    )
    assert problems == [
        RowProblem(
            line=3,
            column="采集时间",
            value="2023/4/30 23:59",
            key="time.before_campaign",
            params={"value": "2023/4/30 23:59", "start": "2023-05-01 08:00"},
        ),
    ]


def test_missing_platform_and_time_reported() -> None:
    problems = parse_view_row(row(platform="", captured_at=""), line=4, columns=COLUMNS, now=NOW)
    assert isinstance(problems, list)
    assert [(p.column, p.key) for p in problems] == [
        ("平台", "platform.empty"),
        ("采集时间", "time.empty"),
    ]


# --- single cells (what the bulk importer parses once per distinct value) ----------------


def test_entry_code_stripped_and_empty_refused() -> None:
    assert parse_entry_code("  GS-2023-001 ") == "GS-2023-001"
    with pytest.raises(InvalidInput) as caught:
        parse_entry_code("   ")
    assert (caught.value.key, caught.value.params) == ("views.code_empty", {})


def test_capture_checked_against_now_and_the_campaign_start() -> None:
    assert parse_capture("2023/5/21 10:00", now=NOW, campaign_start=START) == utc(2023, 5, 21, 2, 0)
    assert parse_capture("2023/5/1 08:00", now=NOW, campaign_start=START) == START
    with pytest.raises(InvalidInput) as early:
        parse_capture("2023/5/1 07:59", now=NOW, campaign_start=START)
    assert (early.value.key, early.value.params) == (
        "time.before_campaign",
        {"value": "2023/5/1 07:59", "start": "2023-05-01 08:00"},
    )


def test_capture_without_a_campaign_start_only_checks_now() -> None:
    assert parse_capture("1999/1/1", now=NOW, campaign_start=None) == utc(1998, 12, 31, 16, 0)


def test_local_time_text_uses_the_wall_clock_of_the_zone() -> None:
    assert local_time_text(utc(2023, 5, 31, 16, 30)) == "2023-06-01 00:30"
    assert local_time_text(utc(2023, 5, 31, 16, 30), "UTC") == "2023-05-31 16:30"
