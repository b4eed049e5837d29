"""What an import says about a file that is not the workbook it claims to be, and about
formula cells whose result was never saved (they are not "empty")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from scoring.cli import main
from scoring.errors import InvalidInput
from scoring.tables.reading import OLE_MAGIC, read_table
from scoring.tables.xlsx_formulas import unsaved_formulas

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list[object]]) -> bytes:
    """An XLSX written by openpyxl, which stores formulas without their results."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet_xml(data: bytes, change: dict[bytes, bytes]) -> bytes:
    """The workbook with its sheet's XML edited (what Excel writes differs in details)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == SHEET:
                for old, new in change.items():
                    assert old in content, old
                    content = content.replace(old, new)
            dst.writestr(info, content)
    return out.getvalue()


def refusal(data: bytes, file_name: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_table(data, file_name=file_name)
    return caught.value


FORMULAS = [["作品编号", "播放量"], ["GS-1", "=1+2"], ["GS-2", "=B2*2"], ["GS-3", 5]]


def test_formula_cells_without_saved_results_are_named() -> None:
    error = refusal(workbook(FORMULAS), "views.xlsx")
    assert (error.key, error.params) == (
        "table.formula_not_saved",
        {"file": "views.xlsx", "cells": "B2, B3", "count": 2},
    )
    assert error.message("en") == (
        "“views.xlsx” has 2 formula cell(s) without a saved result (B2, B3); they would read"
        " as empty. This happens with files written by a program that does not calculate."
        " Open the file in Excel or WPS, save it once (that stores the results), and import"
        " it again."
    )


def test_many_unsaved_formulas_are_listed_ten_then_counted() -> None:
    rows = [["作品编号", "播放量"], *[[f"GS-{n}", f"={n}+1"] for n in range(1, 13)]]
    error = refusal(workbook(rows), "v.xlsx")
    assert error.params["cells"] == "B2, B3, B4, B5, B6, B7, B8, B9, B10, B11 …"
    assert error.params["count"] == 12


def test_formulas_saved_by_excel_are_read_as_their_results() -> None:
    saved = with_sheet_xml(
        workbook(FORMULAS),
        {b"<f>1+2</f><v />": b"<f>1+2</f><v>3</v>", b"<f>B2*2</f><v />": b"<f>B2*2</f><v>6</v>"},
    )
    table = read_table(saved, file_name="views.xlsx")
    assert [r.cells["播放量"] for r in table.rows] == ["3", "6", "5"]


def test_a_formula_whose_saved_result_is_empty_text_reads_as_empty() -> None:
    data = with_sheet_xml(
        workbook([["作品编号", "备注"], ["GS-1", '=""']]),
        {b'<c r="B2"><f>""</f><v />': b'<c r="B2" t="str"><f>""</f><v></v>'},
    )
    assert unsaved_formulas(data, SHEET) == []
    assert read_table(data, file_name="x.xlsx").rows[0].cells == {"作品编号": "GS-1", "备注": ""}


def test_a_workbook_without_formulas_has_none_unsaved() -> None:
    assert unsaved_formulas(workbook([["作品编号"], ["GS-1"]]), SHEET) == []


def test_cells_split_across_read_chunks_are_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from scoring.tables import xlsx_formulas

    monkeypatch.setattr(xlsx_formulas, "CHUNK", 7)
    monkeypatch.setattr(xlsx_formulas, "KEEP", 4096)
    rows = [["作品编号", "播放量"], *[[f"GS-{n}", n if n % 3 else f"={n}"] for n in range(1, 30)]]
    assert unsaved_formulas(workbook(rows), SHEET) == [f"B{n + 1}" for n in range(3, 30, 3)]


def test_text_named_xlsx_is_not_a_workbook_and_says_what_to_do() -> None:
    error = refusal("作品编号,作品名称\nGS-1,题目\n".encode(), "entries.xlsx")
    assert error.message("zh") == (
        "文件“entries.xlsx”的扩展名是 .xlsx，但内容并不是 Excel 工作簿。如果它其实是 CSV"
        " 表格，请把扩展名改为 .csv 后再导入；否则请在 Excel/WPS 中打开并另存为 .xlsx 工作簿。"
    )


def test_an_old_excel_file_named_xlsx_keeps_its_own_message() -> None:
    assert refusal(OLE_MAGIC + b"\0" * 100, "old.xlsx").key == "table.old_excel"


def test_entries_import_of_a_text_named_xlsx_exit_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init"], stdout=io.StringIO()) == 0
    table = tmp_path / "entries.xlsx"
    table.write_text("作品编号,作品名称\nGS-1,题目\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--data-dir", str(data), "--lang", "en", "entries", "import", str(table)],
        stdout=out,
        stderr=err,
    )
    assert (code, out.getvalue()) == (1, "")
    assert err.getvalue().startswith(
        "Error: “entries.xlsx” is named like an Excel workbook (.xlsx) but its content is not"
    )
