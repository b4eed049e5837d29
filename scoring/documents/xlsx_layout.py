"""Print layout shared by the XLSX forms: borders, wrapped text, widths, A4 page setup."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from scoring.tables.writing import Cell, append_row

BODY_FONT: Final = "宋体"
HEAD_FONT: Final = "黑体"
LINE_POINTS: Final = 15.0  # height of one line of 11 pt text
_THIN: Final = Side(style="thin", color="000000")
BOX: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_LEFT: Final = Alignment(wrap_text=True, vertical="center", horizontal="left")
WRAP_CENTER: Final = Alignment(wrap_text=True, vertical="center", horizontal="center")


def text_width(text: str) -> int:
    """Width in spreadsheet units: a CJK or full-width character takes two, ASCII one."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    return sum(max(1, math.ceil(text_width(part) / max(width - 1, 1))) for part in text.split("\n"))


def set_widths(page: Any, widths: Sequence[float]) -> None:
    """Column widths in spreadsheet units (a Chinese character is about two)."""
    for index, width in enumerate(widths, start=1):
        page.column_dimensions[get_column_letter(index)].width = width


def fit_height(page: Any, row: int, widths: Sequence[float], spans: Sequence[int] = ()) -> None:
    """Give ``row`` the height its wrapped texts need (spreadsheets do not measure on open)."""
    spans = list(spans) or [1] * len(widths)
    needed, column = 1, 1
    for span in spans:
        value = page.cell(row=row, column=column).value
        width = sum(widths[column - 1 : column - 1 + span])
        needed = max(needed, lines_needed("" if value is None else str(value), width))
        column += span
    page.row_dimensions[row].height = LINE_POINTS * needed + 6


def boxed_row(page: Any, values: Sequence[Cell], *, align: Sequence[Alignment], bold: bool) -> int:
    """Append a bordered row of wrapped cells and return its number."""
    append_row(page, values)
    row = page.max_row
    for index, cell in enumerate(page[row]):
        cell.border = BOX
        cell.alignment = align[index] if index < len(align) else WRAP_LEFT
        cell.font = Font(name=HEAD_FONT if bold else BODY_FONT, size=11, bold=bold)
    return row


def banner(page: Any, row: int, text: str, *, columns: int, size: int, center: bool) -> None:
    """A line of text across the first ``columns`` columns (title, 报送单位 line)."""
    cell = page.cell(row=row, column=1, value=text)
    cell.font = Font(name=HEAD_FONT if center else BODY_FONT, size=size, bold=center)
    cell.alignment = Alignment(horizontal="center" if center else "left", vertical="center")
    page.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    page.row_dimensions[row].height = size * 1.8


def a4(page: Any, *, landscape: bool, header_row: int | None = None) -> None:
    """A4, fitted to the page width, the header row repeated on every printed page."""
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.orientation = "landscape" if landscape else "portrait"
    page.page_setup.fitToWidth = 1
    page.page_setup.fitToHeight = 0
    page.sheet_properties.pageSetUpPr.fitToPage = True
    page.print_options.horizontalCentered = True
    page.page_margins.left = page.page_margins.right = 0.6
    page.page_margins.top = page.page_margins.bottom = 0.7
    if header_row is not None:
        page.print_title_rows = f"{header_row}:{header_row}"
