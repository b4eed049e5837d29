"""Reading a workbook row by row, within its limits: columns up to AX, 300 000 rows, parts
of at most 128 MB unpacked; every refusal names the sheet and the cell."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from scoring.errors import InvalidInput
from scoring.tables.reading import read_table
from scoring.tables.xlsx_reading import MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS

HEADER = ["作品编号", "平台", "播放量", "采集时间"]
ROW = ["GS-2023-001", "抖音", 12, "2023/6/8 10:00"]


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook(*rows: list[object], title: str = "播放数据") -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def refusal(data: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_table(data, file_name="v.xlsx")
    return caught.value


def test_a_value_far_right_on_every_row_is_refused_at_its_first_cell() -> None:
    book = workbook(HEADER, title="Sheet")
    for line in range(2, 3002):  # the 17 KB workbook that once took 20 s and 430 MB
        book.active.cell(row=line, column=16384, value="x")  # type: ignore[union-attr]

    error = refusal(saved(book))

    assert error.message("en") == (
        "Sheet “Sheet” of “v.xlsx” has a value in cell XFD2, right of column AX (the 50th)."
        " Tables are read up to column AX: delete what is right of it (or move it to another"
        " file) and import again."
    )
    assert error.message("zh") == (
        "“v.xlsx”的工作表「Sheet」在单元格 XFD2 有内容，超出了 AX 列（第 50 列）。"
        "导入的表格最多读到 AX 列：请删除 AX 列右边的内容（或移到另一个文件），再重新导入。"
    )


def test_column_ax_is_read_and_ay_is_refused() -> None:
    header = [f"h{n}" for n in range(1, MAX_COLUMNS + 1)]
    full = [f"v{n}" for n in range(1, MAX_COLUMNS + 1)]
    table = read_table(saved(workbook(header, full)), file_name="v.xlsx")
    assert table.rows[0].cells["h50"] == "v50"

    error = refusal(saved(workbook(header, [*full, "too far"])))
    assert (error.key, error.params["cell"], error.params["sheet"]) == (
        "table.xlsx_too_wide",
        "AY2",
        "播放数据",
    )


def test_empty_formatted_cells_beyond_ax_are_ignored() -> None:
    book = workbook(HEADER, ROW)
    for line in (1, 2, 3):
        book.active.cell(row=line, column=16384).font = Font(bold=True)  # type: ignore[union-attr]
    book.active.cell(row=2, column=200, value="   ")  # type: ignore[union-attr]

    table = read_table(saved(book), file_name="v.xlsx")

    assert [(r.line, r.cells["作品编号"]) for r in table.rows] == [(2, "GS-2023-001")]


def test_a_value_below_the_last_row_read_is_refused() -> None:
    book = workbook(HEADER, ROW)
    book.active.cell(row=MAX_ROWS + 1, column=3, value=7)  # type: ignore[union-attr]

    error = refusal(saved(book))

    assert error.message("en") == (
        "Sheet “播放数据” of “v.xlsx” has data in row 300001 (cell C300001), beyond the 300000"
        " rows a workbook is read to. Split the table into files of at most 300000 rows, or"
        " save it as CSV (not limited this way), and import again."
    )


def test_the_last_row_read_is_still_read() -> None:
    book = workbook(HEADER)
    book.active.cell(row=MAX_ROWS, column=1, value="GS-2023-009")  # type: ignore[union-attr]
    table = read_table(saved(book), file_name="v.xlsx")
    assert [(r.line, r.cells["作品编号"]) for r in table.rows] == [(MAX_ROWS, "GS-2023-009")]


def padded(data: bytes, part: str, size: int) -> bytes:
    """The workbook with ``part`` padded by trailing blanks to ``size`` bytes unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename != part:
                dst.writestr(info, content)
                continue
            with dst.open(part, "w", force_zip64=True) as member:
                member.write(content)
                chunk = b" " * (1 << 20)
                left = size - len(content)
                while left > 0:
                    member.write(chunk[:left])
                    left -= len(chunk)
    return out.getvalue()


def test_a_sheet_that_unpacks_beyond_the_limit_is_refused_unread() -> None:
    data = padded(saved(workbook(HEADER, ROW)), "xl/worksheets/sheet1.xml", MAX_PART_BYTES + 1)

    error = refusal(data)

    assert (error.key, error.params) == (
        "table.xlsx_sheet_too_large",
        {"file": "v.xlsx", "sheet": "播放数据", "size_mb": 128, "limit_mb": 128},
    )


def test_another_part_that_unpacks_beyond_the_limit_is_refused_unopened() -> None:
    book = Workbook()
    data = padded(saved(book), "xl/styles.xml", MAX_PART_BYTES + (1 << 20))

    error = refusal(data)

    assert error.message("en") == (
        "The part xl/styles.xml of “v.xlsx” is 129 MB once unpacked, more than the 128 MB"
        " read, so the workbook was not opened. Save it as CSV and import again."
    )


def test_a_merge_reaching_past_ax_is_filled_up_to_ax_only() -> None:
    book = workbook(HEADER, ROW, ["note"])
    book.active.merge_cells("A3:XFD3")  # type: ignore[union-attr]

    error = refusal(saved(book))

    assert (error.key, error.params["lines"]) == ("table.extra_cells", "3")


def test_merged_data_cells_below_the_header_repeat_their_value() -> None:
    book = workbook(HEADER, ROW, [None, "快手", 5, "2023/6/9 10:00"])
    book.active.merge_cells("A2:A3")  # type: ignore[union-attr]

    table = read_table(saved(book), file_name="v.xlsx")

    assert [(r.line, r.cells["作品编号"], r.cells["平台"]) for r in table.rows] == [
        (2, "GS-2023-001", "抖音"),
        (3, "GS-2023-001", "快手"),
    ]
