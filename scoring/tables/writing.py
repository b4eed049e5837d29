"""Writing tables as files people open in Excel or WPS (SPEC §7).

CSV is UTF-8 with a BOM (so Excel and WPS read Chinese correctly) and CRLF line ends;
XLSX carries a header block above the table. Every text cell that a spreadsheet would
read as a formula is prefixed with ``'`` (SPEC §7).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from scoring.tables.reading import guard_cell

Cell = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    """A table to export: header block lines, column names, rows."""

    title: str
    block: Sequence[tuple[str, str]]  # (label, value) lines above the table (XLSX only)
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def _safe(value: Cell) -> Cell:
    return guard_cell(value) if isinstance(value, str) else value


def to_csv(sheet: Sheet) -> bytes:
    """The table as CSV bytes: UTF-8 with BOM, CRLF, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def to_xlsx(sheet: Sheet) -> bytes:
    """The table as an XLSX workbook with the header block above it."""
    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet.title[:31]
    for label, value in sheet.block:
        page.append([_safe(label), _safe(value)])
        page.cell(row=page.max_row, column=1).font = Font(bold=True)
    if sheet.block:
        page.append([])
    page.append([_safe(h) for h in sheet.headers])
    for cell in page[page.max_row]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        page.append([_safe(v) for v in row])
    for column in page.columns:
        width = max(len(str(c.value or "")) for c in column)
        page.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encode(sheet: Sheet, file_name: str) -> bytes:
    """CSV or XLSX by the file name's ending."""
    return to_xlsx(sheet) if file_name.lower().endswith(".xlsx") else to_csv(sheet)
