"""Reading an uploaded table (CSV or XLSX) into rows of text, shared by every importer.

The kind is sniffed from the content, never trusted from the name (SPEC §9): XLSX by its
ZIP magic, everything else as CSV in UTF-8 (with or without BOM) or GB18030 (SPEC §5).
Line numbers are the row numbers a person sees in Excel/WPS, so reports point at them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

from scoring.errors import InvalidInput
from scoring.tables.xlsx_formulas import refuse_unsaved_formulas

XLSX_MAGIC: Final = b"PK\x03\x04"
# Legacy .xls and password-protected .xlsx are OLE2 compound files; openpyxl reads neither.
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS: Final = ",\t;"
SNIFF_CHARS: Final = 32_768  # enough lines for csv.Sniffer; more only slows it down
LISTED_LINES: Final = 10  # a message names at most this many lines, then counts the rest
_MERGE_REF: Final = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\""
)

Record = tuple[int, list[str]]


@dataclass(frozen=True, slots=True)
class TableRow:
    """One non-blank data row: its line as Excel shows it, and header → stripped text."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A whole table read into memory."""

    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    encoding: str  # "utf-8", "utf-8-sig", "gb18030" or "xlsx"


@dataclass(frozen=True)
class TableStream:
    """A table whose rows are produced on demand (one pass; file-level errors may end it)."""

    headers: tuple[str, ...]
    encoding: str
    rows: Iterator[TableRow]


@dataclass(frozen=True)
class CsvFormat:
    """What a bulk reader (DuckDB ``read_csv``) needs to read a CSV the way we do."""

    encoding: str
    delimiter: str


def read_table(data: bytes, *, file_name: str) -> Table:
    """Read a CSV or XLSX upload into headers and rows; file-level problems raise InvalidInput."""
    stream = stream_table(data, file_name=file_name)
    rows = tuple(stream.rows)
    if not rows:
        raise InvalidInput("table.no_rows", file=file_name)
    return Table(headers=stream.headers, rows=rows, encoding=stream.encoding)


def stream_table(data: bytes, *, file_name: str) -> TableStream:
    """Like ``read_table`` but yields rows lazily; ``table.extra_cells`` is raised at the end."""
    if is_xlsx(data):
        headers, records = _xlsx_records(data, file_name)
        return TableStream(headers, "xlsx", _rows(headers, records, file_name))
    if file_name.lower().endswith((".xlsx", ".xlsm")) and not data.startswith(OLE_MAGIC):
        raise InvalidInput("table.not_a_workbook", file=file_name)  # else: "unknown columns"
    csv_format, text = _sniff(data, file_name)
    records = _csv_records(text, csv_format.delimiter, file_name)
    headers, _ = _split_header(records, file_name)
    return TableStream(headers, csv_format.encoding, _rows(headers, records, file_name))


def is_xlsx(data: bytes) -> bool:
    """True when the bytes are a ZIP container (XLSX), whatever the file is called."""
    return data.startswith(XLSX_MAGIC)


def sniff_csv(data: bytes, *, file_name: str) -> CsvFormat:
    """Encoding and delimiter of a CSV upload, for a bulk reader; same errors as ``read_table``."""
    if is_xlsx(data):
        raise ValueError("sniff_csv needs CSV bytes; check is_xlsx() first")
    return _sniff(data, file_name)[0]


def utf8_bytes(data: bytes, csv_format: CsvFormat) -> bytes:
    """The CSV re-encoded as UTF-8 without BOM (DuckDB reads no GB18030 without an extension)."""
    if csv_format.encoding == "utf-8":
        return data
    if csv_format.encoding == "utf-8-sig":
        return data[len(codecs.BOM_UTF8) :]
    return data.decode(csv_format.encoding).encode("utf-8")


# --- CSV ---------------------------------------------------------------------------------


def _sniff(data: bytes, file_name: str) -> tuple[CsvFormat, str]:
    text, encoding = _decode(data, file_name)
    return CsvFormat(encoding=encoding, delimiter=_delimiter(text)), text


def _decode(data: bytes, file_name: str) -> tuple[str, str]:
    if not data:
        raise InvalidInput("table.empty_file", file=file_name)
    if data.startswith(OLE_MAGIC):
        raise InvalidInput("table.old_excel", file=file_name)
    encodings = ("utf-8-sig",) if data.startswith(codecs.BOM_UTF8) else ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # NUL never occurs in a text table; it does in UTF-16 and binary files, which both
        # codecs above would otherwise "decode".
        if "\x00" not in text:
            return text, encoding
        break
    raise InvalidInput("table.unknown_encoding", file=file_name)


def _delimiter(text: str) -> str:
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ","
    header = next((line for line in sample.splitlines() if line.strip()), "")
    if found in header:
        return found
    # The sniffer guessed from cell contents; the header line is the better witness.
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(text: str, delimiter: str, file_name: str) -> Iterator[Record]:
    # newline="" keeps line breaks inside quoted cells intact, as the csv module requires.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    try:
        for record in reader:
            line += 1
            yield line, [cell.strip() for cell in record]
    except csv.Error as exc:
        raise InvalidInput("table.malformed_csv", file=file_name, line=line + 1) from exc


# --- shared header and row handling ------------------------------------------------------


def _split_header(records: Iterator[Record], file_name: str) -> tuple[tuple[str, ...], int]:
    """Consume records up to the header (the first non-blank row); check its names."""
    for line, cells in records:
        if any(cells):
            return _check_headers(cells, line=line, file_name=file_name), line
    raise InvalidInput("table.no_rows", file=file_name)


def _check_headers(cells: list[str], *, line: int, file_name: str) -> tuple[str, ...]:
    names = [cell.lstrip("\ufeff").strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        column = get_column_letter(position)
        if not name:
            raise InvalidInput("table.empty_header", file=file_name, line=line, column=column)
        if name in seen:
            raise InvalidInput("table.duplicate_header", file=file_name, line=line, column=name)
        seen.add(name)
    return tuple(names)


def _rows(
    headers: tuple[str, ...], records: Iterator[Record], file_name: str
) -> Iterator[TableRow]:
    width = len(headers)
    overflowing: list[int] = []
    for line, cells in records:
        if len(cells) != width:
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            elif any(cells[width:]):
                # Values right of the last header are usually an unquoted "12,345" that split
                # a cell in two; reading on would shift numbers silently.
                overflowing.append(line)
            del cells[width:]
        if any(cells):  # a blank line is skipped, but it keeps its number
            yield TableRow(line, dict(zip(headers, cells, strict=True)))
    if overflowing:
        shown = ", ".join(str(n) for n in overflowing[:LISTED_LINES])
        more = len(overflowing) - LISTED_LINES
        lines = f"{shown} (+{more})" if more > 0 else shown
        raise InvalidInput("table.extra_cells", file=file_name, lines=lines, count=len(overflowing))


# --- XLSX --------------------------------------------------------------------------------


def _xlsx_records(data: bytes, file_name: str) -> tuple[tuple[str, ...], Iterator[Record]]:
    grid, sheet_path = _xlsx_grid(data, file_name)
    refuse_unsaved_formulas(data, sheet_path, file_name=file_name)
    header_line = next((i for i, cells in enumerate(grid, start=1) if any(cells)), None)
    if header_line is None:
        raise InvalidInput("table.no_rows", file=file_name)
    _apply_merges(grid, _merged_ranges(data, sheet_path), header_line, file_name)
    records = iter(list(enumerate(grid, start=1)))
    headers, _ = _split_header(records, file_name)
    return headers, records


def _xlsx_grid(data: bytes, file_name: str) -> tuple[list[list[str]], str]:
    """The one visible non-empty sheet as text cells, and its path inside the ZIP."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; cell values are unaffected.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = [s for s in book.worksheets if s.sheet_state == "visible"]
                for sheet in sheets:
                    sheet.reset_dimensions()  # some writers store a wrong size; read it all
                filled = [s for s in sheets if _has_values(s)]
                if len(filled) > 1:
                    names = ", ".join(s.title for s in filled)
                    raise InvalidInput("table.several_sheets", file=file_name, sheets=names)
                if not filled:
                    raise InvalidInput("table.no_rows", file=file_name)
                rows = filled[0].iter_rows(values_only=True)
                grid = [[_cell_text(value) for value in row] for row in rows]
                # Read-only sheets do not parse <mergeCells>; the private path is stable in
                # the pinned openpyxl 3.1 and is checked by the merged-header tests.
                return grid, str(filled[0]._worksheet_path)
            finally:
                book.close()
    except InvalidInput:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile, …) for junk
        raise InvalidInput("table.unreadable_xlsx", file=file_name) from exc


def _has_values(sheet: Any) -> bool:
    return any(_cell_text(v) for row in sheet.iter_rows(values_only=True) for v in row)


def _merged_ranges(data: bytes, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, scanned from the sheet XML."""
    found: set[bytes] = set()
    tail = b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet_path.lstrip("/")) as xml:
        while chunk := xml.read(1 << 20):
            window = tail + chunk
            found.update(m.group(1) for m in _MERGE_REF.finditer(window))
            tail = window[-256:]  # an element split across two chunks is seen whole
    return sorted(range_boundaries(ref.decode("ascii")) for ref in found)


def _apply_merges(
    grid: list[list[str]], merges: list[tuple[int, int, int, int]], header_line: int, file_name: str
) -> None:
    """Refuse merges in the header row; elsewhere repeat the value over its merged area."""
    in_header = [m for m in merges if m[1] <= header_line <= m[3]]
    if in_header:
        cells = ", ".join(_range_name(m) for m in in_header)
        raise InvalidInput("table.merged_header", file=file_name, line=header_line, cells=cells)
    for min_col, min_row, max_col, max_row in merges:
        if min_row > len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col <= len(top) else ""
        for row in grid[min_row - 1 : max_row]:
            row.extend([""] * (max_col - len(row)))
            row[min_col - 1 : max_col] = [value] * (max_col - min_col + 1)


def _range_name(bounds: tuple[int, int, int, int]) -> str:
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
