"""Reading a views table into the staging tables, and parsing each distinct cell once.

Bulk path (issue 4): DuckDB reads the CSV; each DISTINCT cell text is parsed once in Python
with the domain parsers and the results are joined back in SQL (plain-digit counts are cast
in SQL). Files whose records and physical lines differ (blank lines, cells that span
lines), files with rows lacking a code (maybe blank rows), files DuckDB's reader refuses,
and XLSX go through ``scoring.tables.reading`` row by row into the same staging table, so the
checks after staging are shared and line numbers are always the ones ``tabular`` reports.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Final

from scoring.domain.views import (
    COUNT_FIELDS,
    map_view_headers,
    normalise_platform,
    parse_capture,
    parse_count,
    parse_entry_code,
)
from scoring.errors import InvalidInput
from scoring.formulas import formula_like
from scoring.storage import view_staging as staging
from scoring.storage.rows import Cursor
from scoring.tables import reading

BATCH_ROWS: Final = 50_000  # rows per insert on the row-by-row path (bounds memory)
Parser = Callable[[str], object]
Refused = dict[str, dict[str, InvalidInput] | None]  # field → refused text → why (None: no map)


@dataclass(frozen=True)
class Staged:
    """The staged file: its headers, field → column position, how it was read, and per
    field the distinct texts its parser refused."""

    headers: tuple[str, ...]
    columns: dict[str, int]
    bulk: bool
    refused: Refused


def stage_file(
    cur: Cursor,
    data: bytes,
    file_name: str,
    parsers: Mapping[str, Parser],
    *,
    bulk: bool,
    lines: Callable[[], int],
) -> Staged:
    """Stage the file (in bulk if allowed and safe) and load its parsed cell maps.

    ``lines``: gives ``lines_after_header(data)`` (the caller may count them in a thread).
    """
    use_bulk = bulk and not reading.is_xlsx(data)
    found = _stage_bulk(cur, data, file_name, lines) if use_bulk else None
    if found is not None:
        refused = parse_cells(cur, found.columns, parsers)
        if not _blank_codes(refused):
            return Staged(found.headers, found.columns, True, refused)
        # Rows without a code may be blank rows, which only tabular skips (keeping numbers).
        staging.drop_staging(cur)
    rows = _stage_rows(cur, data, file_name)
    return Staged(rows.headers, rows.columns, False, parse_cells(cur, rows.columns, parsers))


@dataclass(frozen=True)
class _Read:
    headers: tuple[str, ...]
    columns: dict[str, int]


def _stage_bulk(cur: Cursor, data: bytes, file_name: str, lines: Callable[[], int]) -> _Read | None:
    """DuckDB reads the file when its line numbers can be trusted; else None."""
    csv_format = reading.sniff_csv(data, file_name=file_name)
    text = reading.utf8_bytes(data, csv_format)
    headers = _first_line_headers(text, csv_format.delimiter, file_name)
    if headers is None:
        return None
    columns = _columns(headers)
    records = staging.stage_csv(cur, text, delimiter=csv_format.delimiter, width=len(headers))
    if records != lines():
        staging.drop_staging(cur)
        return None
    return _Read(headers, columns)


def _first_line_headers(text: bytes, delimiter: str, file_name: str) -> tuple[str, ...] | None:
    """The headers when line 1 holds them whole and plainly; checked as ``tabular`` does."""
    end = text.find(b"\n")
    first = text if end < 0 else text[: end + 1]
    line = first.decode("utf-8")
    # Blank (the header is further down) or an odd number of quotes (a header cell goes on
    # to the next line): let tabular find the header.
    if not line.strip() or line.count('"') % 2:
        return None
    cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter))
    headers = reading.stream_table(first, file_name=file_name).headers
    return headers if headers == tuple(c.strip() for c in cells) else None


def lines_after_header(data: bytes) -> int:
    """Physical lines after line 1, trailing line breaks ignored: the records to expect.

    Counted on the bytes as uploaded: in UTF-8 and in GB18030 a line feed byte is never
    part of another character, so the count equals that of the decoded text.
    """
    end = len(data)
    while end and data[end - 1] in b"\r\n":
        end -= 1
    return data.count(b"\n", 0, end)


def _stage_rows(cur: Cursor, data: bytes, file_name: str) -> _Read:
    stream = reading.stream_table(data, file_name=file_name)
    columns = _columns(stream.headers)
    staging.create_staging(cur, len(stream.headers))
    for batch in _batches(stream.rows):
        cells = [[row.cells[h] for row in batch] for h in stream.headers]
        staging.append_rows(cur, [row.line for row in batch], cells)
    return _Read(stream.headers, columns)


def _batches(rows: Iterator[reading.TableRow]) -> Iterator[list[reading.TableRow]]:
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch


def _columns(headers: tuple[str, ...]) -> dict[str, int]:
    return {field: headers.index(h) for field, h in map_view_headers(headers).items()}


# --- parsing each distinct cell once ---------------------------------------------------------


def cell_parsers(
    codes: Mapping[str, int], *, now: datetime, start: datetime | None, zone: str
) -> dict[str, Parser]:
    """Field → a parser of one cell text; it raises InvalidInput with the reason."""

    def code(text: str) -> int:
        found = parse_entry_code(text)
        _refuse_formula(found)
        if found not in codes:
            raise InvalidInput("views.unknown_code", code=found)
        return codes[found]

    def platform(text: str) -> str:
        _refuse_formula(text.strip())
        return normalise_platform(text).code

    def optional_count(text: str) -> int | None:
        return parse_count(text) if text.strip() else None

    def captured(text: str) -> datetime:
        return parse_capture(text.strip(), now=now, campaign_start=start, zone=zone)

    optional = dict.fromkeys(COUNT_FIELDS[1:], optional_count)
    return {
        "code": code,
        "platform": platform,
        "views": parse_count,
        **optional,
        "captured_at": captured,
    }


def _blank_codes(refused: Refused) -> bool:
    return any(p.key == "views.code_empty" for p in (refused.get("code") or {}).values())


def _refuse_formula(text: str) -> None:
    if formula_like(text):
        raise InvalidInput("table.formula_cell", value=text)


def parse_cells(cur: Cursor, columns: Mapping[str, int], parsers: Mapping[str, Parser]) -> Refused:
    """Parse every distinct text of each column once and load the results for SQL to join.

    Returns field → the refused texts with their reasons (None: the field needed no map).
    """
    refused: Refused = {}
    distinct = staging.distinct_cells(cur, {c: f in COUNT_FIELDS for f, c in columns.items()})
    for field, column in columns.items():
        raws = distinct[column]
        if not raws:
            refused[field] = None
            continue
        values, bad = _parse_all(raws, parsers[field])
        staging.load_cell_map(cur, field, raws, values, [raw in bad for raw in raws])
        refused[field] = bad
    return refused


def _parse_all(raws: list[str], parse: Parser) -> tuple[list[object], dict[str, InvalidInput]]:
    """Each text parsed (None when refused), and the refused texts with their reasons."""
    values: list[object] = []
    bad: dict[str, InvalidInput] = {}
    keep = values.append  # a tight loop: a million-row file has ~10⁵ distinct counts
    for raw in raws:
        try:
            keep(parse(raw))
        except InvalidInput as problem:
            keep(None)
            bad[raw] = problem
    return values, bad
