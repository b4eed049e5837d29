"""Reading an uploaded table (CSV or XLSX) into rows of text, shared by every importer.

The kind is sniffed from the content, never trusted from the name (SPEC §9): XLSX by its
ZIP magic, everything else as CSV in UTF-8 (with or without BOM) or GB18030 (SPEC §5).
Line numbers are the row numbers a person sees in Excel/WPS, so reports point at them.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from openpyxl.utils.cell import get_column_letter

from scoring.errors import InvalidInput
from scoring.tables.xlsx_reading import xlsx_records

XLSX_MAGIC: Final = b"PK\x03\x04"
# Legacy .xls and password-protected .xlsx are OLE2 compound files; openpyxl reads neither.
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS: Final = ",\t;"
SNIFF_CHARS: Final = 32_768  # enough lines for csv.Sniffer; more only slows it down
LISTED_LINES: Final = 10  # a message names at most this many lines, then counts the rest

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
        records = xlsx_records(data, file_name)
        headers, _ = _split_header(records, file_name)
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
