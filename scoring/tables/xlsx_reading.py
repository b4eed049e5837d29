"""The one filled sheet of an XLSX upload, streamed row by row within fixed limits.

openpyxl (read-only) widens each row to its last cell, and the reader once kept every
widened row: a 17 KB workbook with one cell in column XFD on 3 000 rows became 49 million
empty cells (20 s, 430 MB) before any check, and memory grew with the rows. Now the rows
stream through, and a workbook is refused, with the sheet and cell named, as soon as it shows

- a value right of column ``AX`` (``MAX_COLUMNS`` = 50; the widest table here, the entry
  register, has 25 columns; empty formatted cells out there are ignored);
- a value below row ``MAX_ROWS`` (300 000; a CSV has no such limit);
- before anything is parsed: a sheet, or another XML part (shared texts, styles), that
  unpacks to more than ``MAX_PART_BYTES`` (128 MB). The ZIP's declared sizes can be trusted
  here: ``zipfile`` never inflates a member past its declared size.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final, cast

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

from scoring.errors import InvalidInput
from scoring.tables.xlsx_formulas import refuse_unsaved_formulas

MAX_COLUMNS: Final = 50  # column AX
MAX_ROWS: Final = 300_000
MAX_PART_BYTES: Final = 128 * 1024 * 1024
MB: Final = 1024 * 1024
_MERGE_REF: Final = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\""
)

Record = tuple[int, list[str]]
Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


def xlsx_records(data: bytes, file_name: str) -> Iterator[Record]:
    """(line, cell texts) of the workbook's one filled visible sheet, merges filled in.

    File-level problems raise InvalidInput: at once (size, sheets, unsaved formulas) or
    while the rows stream (a value beyond the limits, a merged header, broken XML).
    """
    sizes = _refuse_large_parts(data, file_name)
    book = _open_book(data, file_name)
    try:
        sheet = _filled_sheet(book, sizes, file_name)
        path = str(sheet._worksheet_path)  # stable in the pinned openpyxl 3.1; tests cover it
        refuse_unsaved_formulas(data, path, file_name=file_name)
        merges = _Merges(_merged_ranges(data, path))
        rows = _SheetRows(sheet=sheet, file_name=file_name, merges=merges)
    except BaseException:
        book.close()
        raise
    return rows.records(book)


def _refuse_large_parts(data: bytes, file_name: str) -> dict[str, int]:
    """Each part's unpacked size; a part other than a sheet beyond the limit refuses the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidInput("table.unreadable_xlsx", file=file_name) from exc
    for info in infos:
        sheet_part = info.filename.startswith("xl/worksheets/")
        if not sheet_part and info.file_size > MAX_PART_BYTES:
            raise InvalidInput(
                "table.xlsx_part_too_large",
                file=file_name,
                part=info.filename,
                size_mb=round(info.file_size / MB),
                limit_mb=MAX_PART_BYTES // MB,
            )
    return {info.filename: info.file_size for info in infos}


def _open_book(data: bytes, file_name: str) -> Any:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; cell values are unaffected.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile, …) for junk
        raise InvalidInput("table.unreadable_xlsx", file=file_name) from exc


def _filled_sheet(book: Any, sizes: dict[str, int], file_name: str) -> Any:
    """The one visible sheet holding a value; several or none refuse the file."""
    sheets = [s for s in book.worksheets if s.sheet_state == "visible"]
    for sheet in sheets:
        size = sizes.get(str(sheet._worksheet_path).lstrip("/"), 0)
        if size > MAX_PART_BYTES:
            raise InvalidInput(
                "table.xlsx_sheet_too_large",
                file=file_name,
                sheet=sheet.title,
                size_mb=round(size / MB),
                limit_mb=MAX_PART_BYTES // MB,
            )
        sheet.reset_dimensions()  # some writers store a wrong size; read it all
    try:
        filled = [s for s in sheets if _has_values(s)]
    except Exception as exc:
        raise InvalidInput("table.unreadable_xlsx", file=file_name) from exc
    if len(filled) > 1:
        names = ", ".join(s.title for s in filled)
        raise InvalidInput("table.several_sheets", file=file_name, sheets=names)
    if not filled:
        raise InvalidInput("table.no_rows", file=file_name)
    return filled[0]


def _has_values(sheet: Any) -> bool:
    return any(not _blank(row) for row in sheet.iter_rows(values_only=True))


def _blank(row: tuple[Any, ...]) -> bool:
    # count() runs in C: a row widened to 16 384 empty cells costs microseconds, not a loop.
    return row.count(None) == len(row) or not any(_cell_text(v) for v in row if v is not None)


@dataclass
class _SheetRows:
    """The rows of one sheet as text, checked against the limits as they come."""

    sheet: Any
    file_name: str
    merges: _Merges
    header_seen: bool = False

    def records(self, book: Any) -> Iterator[Record]:
        """Every row (blank ones too, so line numbers stay those Excel shows)."""
        try:
            rows = self.sheet.iter_rows(values_only=True)
            for line, row in enumerate(rows, start=1):
                yield line, self._cells(line, row)
        except InvalidInput:
            raise
        except Exception as exc:  # broken XML half-way down the sheet
            raise InvalidInput("table.unreadable_xlsx", file=self.file_name) from exc
        finally:
            book.close()

    def _cells(self, line: int, row: tuple[Any, ...]) -> list[str]:
        if len(row) > MAX_COLUMNS and not _blank(row[MAX_COLUMNS:]):
            self._refuse("table.xlsx_too_wide", line, _first_filled(row, MAX_COLUMNS))
        cells = [_cell_text(value) for value in row[:MAX_COLUMNS]]
        if any(cells):
            if line > MAX_ROWS:
                self._refuse("table.xlsx_too_long", line, _first_filled(row, 0))
            if not self.header_seen:
                self.header_seen = True
                self._refuse_merged_header(line)
        self.merges.fill(line, cells)
        return cells

    def _refuse(self, key: str, line: int, column: int) -> None:
        raise InvalidInput(
            key,
            file=self.file_name,
            sheet=self.sheet.title,
            cell=f"{get_column_letter(column)}{line}",
            line=line,
            last_column=get_column_letter(MAX_COLUMNS),
            max_columns=MAX_COLUMNS,
            max_rows=MAX_ROWS,
        )

    def _refuse_merged_header(self, line: int) -> None:
        in_header = [m for m in self.merges.ranges if m[1] <= line <= m[3]]
        if in_header:
            cells = ", ".join(_range_name(m) for m in in_header)
            raise InvalidInput("table.merged_header", file=self.file_name, line=line, cells=cells)


def _first_filled(row: tuple[Any, ...], after: int) -> int:
    """The column number of the first cell right of column ``after`` that holds a value."""
    return next(
        column
        for column, value in enumerate(row[after:], start=after + 1)
        if value is not None and _cell_text(value)
    )


@dataclass
class _Merges:
    """Merged ranges below the header: each repeats its top-left value over its area."""

    ranges: list[Bounds]
    _next: int = 0
    _open: list[tuple[Bounds, str]] = field(default_factory=list)

    def fill(self, line: int, cells: list[str]) -> None:
        """Fill the cells of ``line`` that lie in a merged range (up to ``MAX_COLUMNS``)."""
        while self._next < len(self.ranges) and self.ranges[self._next][1] <= line:
            bounds = self.ranges[self._next]
            self._next += 1
            if bounds[1] == line:  # a range above the first row seen is never reached
                value = cells[bounds[0] - 1] if bounds[0] <= len(cells) else ""
                self._open.append((bounds, value))
        self._open = [(b, v) for b, v in self._open if b[3] >= line]
        for (min_col, _, max_col, _), value in self._open:
            last = min(max_col, MAX_COLUMNS)
            if min_col > last:
                continue
            cells.extend([""] * (last - len(cells)))
            cells[min_col - 1 : last] = [value] * (last - min_col + 1)


def _merged_ranges(data: bytes, sheet_path: str) -> list[Bounds]:
    """Every merged range of the sheet, by top row, scanned from the sheet XML."""
    found: set[bytes] = set()
    tail = b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet_path.lstrip("/")) as xml:
        while chunk := xml.read(1 << 20):
            window = tail + chunk
            found.update(m.group(1) for m in _MERGE_REF.finditer(window))
            tail = window[-256:]  # an element split across two chunks is seen whole
    # The pattern only matches refs with row numbers, so no bound is None.
    bounds = [cast(Bounds, range_boundaries(ref.decode("ascii"))) for ref in found]
    return sorted(bounds, key=lambda b: (b[1], b[0]))


def _range_name(bounds: Bounds) -> str:
    min_col, min_row, max_col, max_row = bounds
    return f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"


def _cell_text(value: object) -> str:
    """A cell value as the text a person sees in the sheet."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return _datetime_text(value)
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        minutes, seconds = divmod(round(value.total_seconds()), 60)
        return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    return str(value).strip()


def _datetime_text(value: datetime) -> str:
    # Excel stores times as fractions of a day; openpyxl rounds them to milliseconds.
    if value.microsecond:
        value = value.replace(microsecond=0) + timedelta(seconds=value.microsecond >= 500_000)
    if value.time() == time(0, 0):
        return value.date().isoformat()  # a date cell: midnight is how Excel stores a date
    return value.isoformat(sep=" ")
