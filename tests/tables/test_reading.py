"""Reading uploaded tables: encodings, delimiters, sheets, merges, line numbers, formulas."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from scoring.errors import InvalidInput
from scoring.formulas import formula_like
from scoring.tables.reading import (
    CsvFormat,
    TableRow,
    is_xlsx,
    read_table,
    sniff_csv,
    stream_table,
    utf8_bytes,
)

TABLES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
HEADER = ("作品编号", "平台", "播放量", "点赞数", "评论数", "转发数", "采集时间")
ROW_1 = dict(
    zip(
        HEADER,
        ("GS-2023-001", "抖音", "12,345", "1.2万", "35", "12", "2023/5/21 10:00"),
        strict=True,
    )
)
ROW_2 = dict(
    zip(HEADER, ("GS-2023-002", "市说新语", "3亿", "", "", "", "2023年5月21日 10:00"), strict=True)
)


def fixture(name: str) -> bytes:
    return (TABLES / name).read_bytes()


def refusal(data: bytes, file_name: str = "upload.csv") -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_table(data, file_name=file_name)
    return caught.value


def xlsx(*sheets: list[list[object]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"S{number}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- CSV encodings -----------------------------------------------------------------------


def test_gb18030_file_decoded() -> None:
    table = read_table(fixture("gb18030.csv"), file_name="gb18030.csv")
    assert table.encoding == "gb18030"
    assert table.headers == HEADER
    assert table.rows == (TableRow(2, ROW_1), TableRow(3, ROW_2))


def test_utf8_bom_file_decoded_without_the_bom_in_the_first_header() -> None:
    table = read_table(fixture("utf8_bom.csv"), file_name="utf8_bom.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers == HEADER
    assert table.rows == (TableRow(2, ROW_1), TableRow(3, ROW_2))


def test_plain_utf8_file_decoded() -> None:
    table = read_table("平台,播放量\n抖音,5\n".encode(), file_name="a.csv")
    assert (table.encoding, table.headers, table.rows) == (
        "utf-8",
        ("平台", "播放量"),
        (TableRow(2, {"平台": "抖音", "播放量": "5"}),),
    )


def test_empty_file_refused() -> None:
    error = refusal(fixture("empty.csv"), "empty.csv")
    assert (error.key, error.params) == ("table.empty_file", {"file": "empty.csv"})


@pytest.mark.parametrize("name", ["utf16_no_bom.csv", "random.bin"])
def test_unknown_encoding_refused(name: str) -> None:
    error = refusal(fixture(name), name)
    assert (error.key, error.params) == ("table.unknown_encoding", {"file": name})


def test_legacy_xls_refused_with_its_own_message() -> None:
    assert refusal(fixture("legacy.xls"), "old.xls").key == "table.old_excel"


def test_zip_that_is_not_a_workbook_refused() -> None:
    error = refusal(b"PK\x03\x04 definitely not a workbook", "x.xlsx")
    assert (error.key, error.params) == ("table.unreadable_xlsx", {"file": "x.xlsx"})


# --- CSV shape ---------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_sniffed(delimiter: str) -> None:
    data = delimiter.join(["a", "b", "c"]) + "\n" + delimiter.join(["1", "2,5", "3"]) + "\n"
    if delimiter == ",":
        data = 'a,b,c\n1,"2,5",3\n'
    table = read_table(data.encode(), file_name="t.csv")
    assert table.rows == (TableRow(2, {"a": "1", "b": "2,5", "c": "3"}),)


def test_single_column_file_falls_back_to_comma() -> None:
    table = read_table(b"code\nGS-1\nGS-2\n", file_name="t.csv")
    assert [r.cells for r in table.rows] == [{"code": "GS-1"}, {"code": "GS-2"}]


def test_blank_lines_skipped_but_counted() -> None:
    data = b"\r\na,b\r\n\r\n1,2\r\n , \r\n3,4\r\n\r\n"
    table = read_table(data, file_name="t.csv")
    # line 1 blank, 2 header, 3 blank, 4 data, 5 only spaces and a comma, 6 data
    assert table.rows == (TableRow(4, {"a": "1", "b": "2"}), TableRow(6, {"a": "3", "b": "4"}))


def test_quoted_cell_with_line_break_is_one_excel_row() -> None:
    data = b'a,b\n"two\nlines",1\nx,2\n'
    table = read_table(data, file_name="t.csv")
    assert table.rows == (
        TableRow(2, {"a": "two\nlines", "b": "1"}),
        TableRow(3, {"a": "x", "b": "2"}),
    )


def test_cells_stripped_and_short_rows_padded() -> None:
    table = read_table("a , b ,c\n  1 ,\u3000二\u3000\n".encode(), file_name="t.csv")
    assert table.headers == ("a", "b", "c")
    assert table.rows == (TableRow(2, {"a": "1", "b": "二", "c": ""}),)


def test_trailing_empty_cells_and_header_columns_ignored() -> None:
    table = read_table(b"a,b,,\n1,2,,\n", file_name="t.csv")
    assert (table.headers, table.rows) == (("a", "b"), (TableRow(2, {"a": "1", "b": "2"}),))


def test_values_beyond_the_last_header_refused_with_their_lines() -> None:
    data = b"code,views\nA,12,345\nB,7\nC,1,000\n"  # unquoted thousands separators
    error = refusal(data, "v.csv")
    assert (error.key, error.params) == (
        "table.extra_cells",
        {"file": "v.csv", "lines": "2, 4", "count": 2},
    )


def test_many_overflowing_lines_listed_up_to_ten() -> None:
    data = b"a\n" + b"1,2\n" * 12
    assert refusal(data).params["lines"] == "2, 3, 4, 5, 6, 7, 8, 9, 10, 11 (+2)"


def test_duplicate_header_refused() -> None:
    error = refusal("平台,播放量,平台\n抖音,1,快手\n".encode(), "d.csv")
    assert (error.key, error.params) == (
        "table.duplicate_header",
        {"file": "d.csv", "line": 1, "column": "平台"},
    )


def test_empty_header_in_the_middle_refused_with_its_column_letter() -> None:
    error = refusal(b"\na,,c\n1,2,3\n", "e.csv")
    assert (error.key, error.params) == (
        "table.empty_header",
        {"file": "e.csv", "line": 2, "column": "B"},
    )


@pytest.mark.parametrize("data", [b"\n\n \n", b"a,b\n", b"a,b\n\n,\n"])
def test_file_without_data_rows_refused(data: bytes) -> None:
    error = refusal(data, "n.csv")
    assert (error.key, error.params) == ("table.no_rows", {"file": "n.csv"})


def test_stream_yields_rows_then_raises_for_overflow() -> None:
    stream = stream_table(b"a\n1\n2,3\n", file_name="s.csv")
    rows = stream.rows
    assert next(rows) == TableRow(2, {"a": "1"})
    assert next(rows) == TableRow(3, {"a": "2"})
    with pytest.raises(InvalidInput) as caught:
        next(rows)
    assert caught.value.key == "table.extra_cells"


def test_text_named_xlsx_is_said_to_be_no_workbook() -> None:
    error = refusal(b"a\n1\n", "looks.xlsx")  # read as CSV it gave "unknown column a"
    assert (error.key, error.params) == ("table.not_a_workbook", {"file": "looks.xlsx"})


# --- the bulk-reader helpers ---------------------------------------------------------------


def test_sniff_csv_reports_encoding_and_delimiter() -> None:
    assert sniff_csv(fixture("gb18030.csv"), file_name="g.csv") == CsvFormat("gb18030", ",")
    assert sniff_csv("a\tb\n1\t2\n".encode("utf-8-sig"), file_name="t.tsv") == CsvFormat(
        "utf-8-sig", "\t"
    )


def test_sniff_csv_raises_the_same_file_errors() -> None:
    with pytest.raises(InvalidInput) as caught:
        sniff_csv(b"", file_name="z.csv")
    assert caught.value.key == "table.empty_file"


def test_utf8_bytes_transcodes_gb18030_and_drops_the_bom() -> None:
    text = "平台,播放量\n抖音,5\n"
    assert utf8_bytes(text.encode("gb18030"), CsvFormat("gb18030", ",")) == text.encode()
    assert utf8_bytes(text.encode("utf-8-sig"), CsvFormat("utf-8-sig", ",")) == text.encode()


def test_is_xlsx_looks_at_the_content() -> None:
    assert is_xlsx(fixture("one_sheet.xlsx"))
    assert not is_xlsx(fixture("gb18030.csv"))


# --- XLSX --------------------------------------------------------------------------------


def test_xlsx_with_one_sheet_read_as_text() -> None:
    table = read_table(fixture("one_sheet.xlsx"), file_name="one.xlsx")
    assert (table.encoding, table.headers) == ("xlsx", HEADER)
    # an empty "Sheet2" and a hidden sheet with data are ignored; row 3 is blank
    assert table.rows == (
        TableRow(
            2,
            dict(
                zip(
                    HEADER,
                    ("GS-2023-001", "抖音", "12345", "120", "3.5", "", "2023-05-21 10:00:00"),
                    strict=True,
                )
            ),
        ),
        TableRow(
            4,
            dict(
                zip(
                    HEADER,
                    ("GS-2023-002", "快手", "98765", "0", "0", "0", "2023-05-22"),
                    strict=True,
                )
            ),
        ),
    )


def test_xlsx_with_two_filled_sheets_refused_naming_them() -> None:
    error = refusal(fixture("two_sheets.xlsx"), "two.xlsx")
    assert (error.key, error.params) == (
        "table.several_sheets",
        {"file": "two.xlsx", "sheets": "第一批, 第二批"},
    )


def test_xlsx_with_merged_title_over_the_header_refused() -> None:
    error = refusal(fixture("merged_header.xlsx"), "m.xlsx")
    assert (error.key, error.params) == (
        "table.merged_header",
        {"file": "m.xlsx", "line": 1, "cells": "A1:G1"},
    )


def test_xlsx_merged_data_cells_repeat_their_value() -> None:
    table = read_table(fixture("merged_data.xlsx"), file_name="m.xlsx")
    assert [(r.line, r.cells["作品编号"], r.cells["平台"]) for r in table.rows] == [
        (2, "GS-2023-001", "抖音"),
        (3, "GS-2023-001", "快手"),
    ]


def test_xlsx_named_csv_read_as_xlsx() -> None:
    assert read_table(fixture("one_sheet.xlsx"), file_name="views.csv").encoding == "xlsx"


def test_xlsx_values_shown_as_a_person_sees_them() -> None:
    row = [12345.0, 0.1, True, datetime(2023, 5, 21, 10, 0, 30), time(9, 5), date(2023, 1, 2)]
    table = read_table(xlsx([list("abcdef"), row]), file_name="v.xlsx")
    assert table.rows[0].cells == {
        "a": "12345",
        "b": "0.1",
        "c": "TRUE",
        "d": "2023-05-21 10:00:30",
        "e": "09:05:00",
        "f": "2023-01-02",
    }


def test_xlsx_header_row_may_start_lower_down() -> None:
    table = read_table(xlsx([[], [], ["a", "b"], [1, 2]]), file_name="v.xlsx")
    assert table.rows == (TableRow(4, {"a": "1", "b": "2"}),)


@pytest.mark.parametrize("sheets", [([],), ([["a", "b"]],), ([], [])])
def test_xlsx_without_data_rows_refused(sheets: tuple[list[list[object]], ...]) -> None:
    assert refusal(xlsx(*sheets), "n.xlsx").key == "table.no_rows"


def test_xlsx_duplicate_header_refused() -> None:
    error = refusal(xlsx([["a", "a"], [1, 2]]), "d.xlsx")
    assert (error.key, error.params) == (
        "table.duplicate_header",
        {"file": "d.xlsx", "line": 1, "column": "a"},
    )


# --- formulas (SPEC §7) ------------------------------------------------------------------


def test_formula_cell_of_a_csv_detected() -> None:
    table = read_table(fixture("formula.csv"), file_name="f.csv")
    flagged = [(r.line, h) for r in table.rows for h, v in r.cells.items() if formula_like(v)]
    assert flagged == [(4, "作品编号")]
    assert table.rows[2].cells["作品编号"] == '=HYPERLINK("http://x")'


cell_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))


@given(
    st.lists(st.tuples(cell_text, cell_text), max_size=8), st.sampled_from(["utf-8", "utf-8-sig"])
)
def test_csv_written_by_the_csv_module_reads_back(rows: list[tuple[str, str]], enc: str) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([("h1", "h2"), *rows])
    expected = [
        TableRow(line, {"h1": a.strip(), "h2": b.strip()})
        for line, (a, b) in enumerate(rows, start=2)
        if a.strip() or b.strip()
    ]
    data = out.getvalue().encode(enc)
    assert list(stream_table(data, file_name="p.csv").rows) == expected
