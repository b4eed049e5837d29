"""A table read for staging in SQL: its headers, the CSV a bulk reader may take as it is,
and the exact rows of ``scoring.tables.reading`` for every other case.

The bulk reader (DuckDB ``read_csv``) numbers records, not lines; it is offered the file
only when line 1 holds the header whole and plainly, and the caller compares the records
it read with ``BulkCsv.records()`` before trusting its line numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Final

from scoring.tables import reading

BATCH_ROWS: Final = 50_000  # rows per batch on the row-by-row path (bounds memory)
Batch = tuple[list[int], list[list[str]]]  # the rows' lines, and per column their cell texts


@dataclass(frozen=True)
class BulkCsv:
    """UTF-8 CSV bytes with the header on line 1, and the records to expect after it."""

    text: bytes
    delimiter: str
    records: Callable[[], int]


@dataclass(frozen=True)
class TableSource:
    """A views (or other) table ready to stage: headers, bulk CSV if allowed, exact rows."""

    headers: tuple[str, ...]
    bulk: BulkCsv | None
    data: bytes
    file_name: str
    stream: reading.TableStream | None = field(default=None, repr=False)

    def batches(self) -> Iterator[Batch]:
        """The non-blank rows with their lines, column-wise, ``BATCH_ROWS`` at a time."""
        stream = self.stream or reading.stream_table(self.data, file_name=self.file_name)
        while batch := list(islice(stream.rows, BATCH_ROWS)):
            cells = [[row.cells[h] for row in batch] for h in stream.headers]
            yield [row.line for row in batch], cells


def read_source(
    data: bytes, *, file_name: str, bulk: bool, lines: Callable[[], int]
) -> TableSource:
    """Read the headers (file-level problems raise InvalidInput) and offer the bulk CSV when
    ``bulk`` is allowed, the file is a CSV and its first line is the plain header.

    ``lines``: gives ``lines_after_header(data)`` (the caller may count them in a thread).
    """
    if bulk and not reading.is_xlsx(data):
        csv_format = reading.sniff_csv(data, file_name=file_name)
        text = reading.utf8_bytes(data, csv_format)
        headers = _first_line_headers(text, csv_format.delimiter, file_name)
        if headers is not None:
            return TableSource(headers, BulkCsv(text, csv_format.delimiter, lines), data, file_name)
    stream = reading.stream_table(data, file_name=file_name)
    return TableSource(stream.headers, None, data, file_name, stream)


def _first_line_headers(text: bytes, delimiter: str, file_name: str) -> tuple[str, ...] | None:
    """The headers when line 1 holds them whole and plainly; checked as ``reading`` does."""
    end = text.find(b"\n")
    first = text if end < 0 else text[: end + 1]
    line = first.decode("utf-8")
    # Blank (the header is further down) or an odd number of quotes (a header cell goes on
    # to the next line): let the exact reader find the header.
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
