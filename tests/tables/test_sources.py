"""A table read for staging (scoring.tables.sources): the bulk CSV is offered only when line
1 is the plain header; otherwise the exact rows, with their lines, column-wise."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.errors import InvalidInput
from scoring.tables.sources import lines_after_header, read_source

VIEWS = Path(__file__).resolve().parents[1] / "fixtures" / "views"
HEADERS = ("作品编号", "平台", "播放量", "点赞数", "评论数", "转发数·分享数", "采集时间")


def fixture(name: str) -> bytes:
    return (VIEWS / name).read_bytes()


def no_lines() -> int:
    raise AssertionError("the records to expect are counted only when DuckDB reads the file")


def test_a_plain_csv_is_offered_in_bulk_as_utf8() -> None:
    data = fixture("good_gb18030.csv")
    source = read_source(data, file_name="v.csv", bulk=True, lines=lambda: 3)
    assert source.bulk is not None
    assert (source.headers, source.bulk.delimiter, source.bulk.records()) == (HEADERS, ",", 3)
    assert source.bulk.text == data.decode("gb18030").encode("utf-8")


@pytest.mark.parametrize(("name", "bulk"), [("good.csv", False), ("good.xlsx", True)])
def test_no_bulk_when_not_allowed_or_a_workbook(name: str, bulk: bool) -> None:
    source = read_source(fixture(name), file_name=name, bulk=bulk, lines=no_lines)
    assert (source.headers, source.bulk) == (HEADERS, None)


def test_a_header_below_a_blank_first_line_is_found_by_the_exact_reader() -> None:
    data = b"\r\n" + fixture("good.csv")
    source = read_source(data, file_name="v.csv", bulk=True, lines=no_lines)
    lines, cells = next(source.batches())
    assert (source.headers, source.bulk, lines) == (HEADERS, None, [3, 4, 5])
    assert cells[2] == ["12,345", "1.2万", "１２３４５"]


def test_rows_keep_their_lines_past_a_blank_line() -> None:
    source = read_source(fixture("blank_line.csv"), file_name="v.csv", bulk=True, lines=no_lines)
    batches = list(source.batches())
    assert [lines for lines, _ in batches] == [[2, 4, 5]]
    assert batches[0][1][0] == ["GS-2023-001", "GS-2023-002", "GS-2023-003"]


def test_file_level_problems_raise_before_anything_is_staged() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_source(b"\xff\xfe\x00bad", file_name="v.csv", bulk=True, lines=no_lines)
    assert (refused.value.key, refused.value.params) == (
        "table.unknown_encoding",
        {"file": "v.csv"},
    )


def test_lines_after_header_ignore_trailing_line_breaks() -> None:
    assert [lines_after_header(d) for d in (b"h", b"h\r\n", b"h\na\nb\r\n\r\n", b"h\n\nb")] == [
        0,
        0,
        2,
        2,
    ]
