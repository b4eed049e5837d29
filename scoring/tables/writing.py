"""Writing tables as files people open in Excel or WPS (SPEC §7).

CSV is UTF-8 with a BOM (so Excel and WPS read Chinese correctly) and CRLF line ends;
XLSX carries a header block above the table. A text cell that a spreadsheet would read as
a formula is prefixed with ``'`` in CSV (SPEC §7); in XLSX it stays a text cell with the
quote-prefix style, which shows the text as it is (no visible apostrophe) and keeps it text
when edited. Text stays text in XLSX, so codes such as ``007`` survive; CSV cannot say so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font

from scoring.formulas import formula_like, guard_cell

Cell = str | int | float | None
PRODUCT: Final = "JuryDesk 微视频作品评审台"  # the author of every workbook


@dataclass(frozen=True)
class Sheet:
    """A table to export: header block lines, column names, rows."""

    title: str
    block: Sequence[tuple[str, str]]  # (label, value) lines above the table (XLSX only)
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    campaign: str = ""  # named in the workbook's properties
    # CSV only: lines below the table after one blank line, each in the first column (a
    # CSV has no second sheet, and its columns must stay the table's)
    notes_below: Sequence[str] = ()


def _safe(value: Cell) -> Cell:
    return guard_cell(value) if isinstance(value, str) else value


def to_csv(sheet: Sheet) -> bytes:
    """The table as CSV bytes: UTF-8 with BOM, CRLF, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    if sheet.notes_below:
        writer.writerow([])
        for line in sheet.notes_below:
            writer.writerow([_safe(line)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def as_text(cell: Any) -> None:
    """Keep a formula-like text cell text: quote-prefix style instead of a visible ``'``."""
    if isinstance(cell.value, str) and formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def append_row(page: Any, values: Sequence[Cell]) -> None:
    """Append one row of values, formula-like texts kept as text."""
    page.append(list(values))
    for cell in page[page.max_row]:
        as_text(cell)


def new_workbook(*, title: str, campaign: str) -> Any:
    """An empty workbook whose properties name the product and the campaign."""
    book = Workbook()
    props = book.properties
    props.creator = props.lastModifiedBy = PRODUCT
    props.title = f"{title} · {campaign}" if campaign else title
    props.subject = campaign
    return book


def to_xlsx(sheet: Sheet) -> bytes:
    """The table as an XLSX workbook with the header block above it."""
    book = new_workbook(title=sheet.title, campaign=sheet.campaign)
    page = book.active
    assert page is not None
    page.title = sheet.title[:31]
    for label, value in sheet.block:
        append_row(page, [label, value])
        page.cell(row=page.max_row, column=1).font = Font(bold=True)
    if sheet.block:
        page.append([])
    append_row(page, sheet.headers)
    for cell in page[page.max_row]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        append_row(page, row)
    for column in page.columns:
        width = max(len(str(c.value or "")) for c in column)
        page.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encode(sheet: Sheet, file_name: str) -> bytes:
    """CSV or XLSX by the file name's ending."""
    return to_xlsx(sheet) if file_name.lower().endswith(".xlsx") else to_csv(sheet)
