"""Staging a views import: the file read into temporary tables, each distinct cell text
parsed once, the rows compared (``view_comparison``) and, when the check accepts them,
written to ``view_snapshots`` with their import log line.

Staging lives in temporary tables of the importing cursor (gone when it closes): ``vi_raw``
holds the file's cells as text with their line, ``vi_m_<field>`` what each distinct cell
text parsed to. DuckDB reads the CSV in bulk when its records are the file's lines
(issue 4); otherwise, and for XLSX, ``scoring.tables.reading`` reads it row by row into
the same table, so what follows is shared and line numbers are always those it reports.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import duckdb

if TYPE_CHECKING:  # pandas is imported where used: ~0.6 s that most commands never need
    import pandas  # type: ignore[import-untyped]  # no stubs pinned; used for DataFrame only

from scoring.domain.view_checks import ImportOptions, StagedFile
from scoring.errors import InvalidInput
from scoring.records.views import ImportRecord, NewImportRecord
from scoring.storage import entries, imports, view_comparison
from scoring.storage.rows import Cursor
from scoring.storage.view_comparison import COUNTS, FIELDS, KEY, Refused
from scoring.tables.sources import BulkCsv, TableSource

# A cell SQL may cast itself: plain ASCII digits, at most 18 of them (< 2**63). Every other
# count goes through the Python parser (SPEC §5: "12,345", "1.2万", full-width digits …).
_DIGITS: Final = "'[0-9]{1,18}'"
_MAP_TYPES: Final = {"code": "INTEGER", "platform": "VARCHAR", "captured_at": "TIMESTAMPTZ"}
# Field, its distinct texts → what each parsed to (None: refused), and the refused ones' reasons.
ParseCells = Callable[[str, list[str]], tuple[list[object], dict[str, InvalidInput]]]


@dataclass(frozen=True)
class ImportBasis:
    """What a views file is checked against: the campaign's entry codes (code → id) and
    the earlier import of the same bytes, if any."""

    codes: dict[str, int]
    earlier: ImportRecord | None


def import_basis(cur: Cursor, *, campaign_id: int, sha256: str) -> ImportBasis:
    """The entry codes a views file may name, and whether it was imported before."""
    codes = {e.code: e.id for e in entries.list_entries(cur, campaign_id)}
    earlier = imports.find_import(cur, campaign_id=campaign_id, kind="views", sha256=sha256)
    return ImportBasis(codes, earlier)


class CsvRefused(Exception):
    """DuckDB's reader refused the CSV; the transaction is spoilt, read it the exact way."""


@contextmanager
def staged(
    cur: Cursor,
    source: TableSource,
    *,
    columns: Mapping[str, int],
    parse: ParseCells,
    campaign_id: int,
    how: ImportOptions,
) -> Iterator[StagedFile]:
    """Stage the file, compare its rows with the stored ones and yield what was found;
    the staging tables are dropped afterwards (after a failure, the rollback drops them).

    ``columns``: field → column of the file; ``parse``: checks the distinct texts of one
    field; ``how``: a ``replace`` reads no conflicts with stored rows, a ``skip_bad`` reads
    the cells of rows with a refused cell too (for the CSV of rejected rows). Raises
    CsvRefused when DuckDB refuses the file (read it again without bulk).
    """
    bulk, refused = _stage(cur, source, columns, parse)
    yield view_comparison.compare(
        cur,
        columns,
        refused,
        bulk=bulk,
        campaign_id=campaign_id,
        replace=how.replace,
        keep_rejected=how.skip_bad,
    )
    drop_staging(cur)


def _stage(
    cur: Cursor, source: TableSource, columns: Mapping[str, int], parse: ParseCells
) -> tuple[bool, Refused]:
    """Stage in bulk if offered and safe, else row by row; parse each column's texts."""
    if source.bulk is not None and _stage_bulk(cur, source.bulk, len(source.headers)):
        refused = _parse_cells(cur, columns, parse)
        # Rows without a code may be blank rows, which only the exact reader skips.
        if not any(not text.strip() for text in refused.get("code") or {}):
            return True, refused
        drop_staging(cur)
    create_staging(cur, len(source.headers))
    for lines, cells in source.batches():
        append_rows(cur, lines, cells)
    return False, _parse_cells(cur, columns, parse)


def _stage_bulk(cur: Cursor, bulk: BulkCsv, width: int) -> bool:
    """DuckDB reads the file; False (and nothing staged) when its line numbers are off."""
    if stage_csv(cur, bulk.text, delimiter=bulk.delimiter, width=width) == bulk.records():
        return True
    drop_staging(cur)
    return False


def _parse_cells(cur: Cursor, columns: Mapping[str, int], parse: ParseCells) -> Refused:
    """Parse every distinct text of each column once and load the results for SQL to join.

    Returns field → the refused texts with their reasons (None: the field needed no map).
    """
    refused: dict[str, dict[str, InvalidInput] | None] = {}
    distinct = distinct_cells(cur, {c: f in COUNTS for f, c in columns.items()})
    for field, column in columns.items():
        raws = distinct[column]
        if not raws:
            refused[field] = None
            continue
        values, bad = parse(field, raws)
        load_cell_map(cur, field, raws, values, [raw in bad for raw in raws])
        refused[field] = bad
    return refused


def stage_csv(cur: Cursor, data: bytes, *, delimiter: str, width: int) -> int:
    """Bulk-read UTF-8 CSV bytes (header on line 1) into ``vi_raw``; return the records read.

    ``line`` is the record number + 1, right only while records and physical lines agree:
    the caller compares the count with the file's lines. Raises CsvRefused.
    """
    names = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    cells = ", ".join(f"coalesce(c{i}, '') AS c{i}" for i in range(width))
    with tempfile.TemporaryDirectory(prefix="jurydesk-views-") as folder:
        path = Path(folder) / "views.csv"
        path.write_bytes(data)
        try:
            cur.execute(
                f"CREATE TEMP TABLE vi_csv AS SELECT {cells} FROM read_csv(?, header = true,"
                f" auto_detect = false, columns = {{{names}}}, delim = ?, quote = '\"',"
                " escape = '\"', null_padding = true)",
                [str(path), delimiter],
            )
        except duckdb.Error as exc:
            raise CsvRefused(str(exc)) from None
    # DuckDB keeps insertion order (its default) and numbers a new table's rows one after
    # another in that order, from an offset while the transaction is open: rowid − first
    # rowid is the record number. row_number() OVER () costs a third of the read.
    found = cur.execute("SELECT count(*), min(rowid), max(rowid) FROM vi_csv").fetchone()
    assert found is not None
    records, first, last = (int(v) if v is not None else 0 for v in found)
    if records and last - first + 1 != records:
        raise CsvRefused("rows are not numbered one after another")
    cur.execute(f"CREATE TEMP VIEW vi_raw AS SELECT rowid - {first} + 2 AS line, * FROM vi_csv")
    return records


def create_staging(cur: Cursor, width: int) -> None:
    """An empty ``vi_raw`` for rows the caller reads itself (``append_rows``)."""
    cells = ", ".join(f"c{i} VARCHAR" for i in range(width))
    cur.execute(f"CREATE TEMP TABLE vi_csv (line INTEGER, {cells})")
    cur.execute("CREATE TEMP VIEW vi_raw AS SELECT * FROM vi_csv")


def append_rows(cur: Cursor, lines: Sequence[int], columns: Sequence[Sequence[str]]) -> None:
    """Append rows given column-wise: their lines and, per column, their cell texts."""
    import pandas

    frame = pandas.DataFrame(
        {"line": lines, **{f"c{i}": pandas.array(c, dtype="str") for i, c in enumerate(columns)}}
    )
    _insert_frame(cur, "vi_csv", frame)


def _insert_frame(cur: Cursor, table: str, frame: pandas.DataFrame) -> None:
    # A registered DataFrame is read column-wise: far faster than list parameters.
    cur.register("vi_frame", frame)
    try:
        cur.execute(f"INSERT INTO {table} SELECT * FROM vi_frame")
    finally:
        cur.unregister("vi_frame")


def distinct_cells(cur: Cursor, columns: Mapping[int, bool]) -> dict[int, list[str]]:
    """Staged column → its distinct texts; ``columns`` maps a column to whether to leave
    out plain-digit texts (SQL casts those itself)."""
    parts = [
        f"SELECT DISTINCT {c} AS col, c{c} AS text FROM vi_raw"
        + (f" WHERE NOT regexp_full_match(c{c}, {_DIGITS})" if skip else "")
        for c, skip in columns.items()
    ]
    found = cur.execute(" UNION ALL ".join(parts)).fetchnumpy()  # one query: ~40 % faster
    texts: dict[int, list[str]] = {c: [] for c in columns}
    for column, text in zip(found["col"].tolist(), found["text"].tolist(), strict=True):
        texts[column].append(text)
    return texts


def load_cell_map(
    cur: Cursor, field: str, raws: Sequence[str], values: Sequence[object], bad: Sequence[bool]
) -> None:
    """Store what each distinct cell text of ``field`` parsed to (``bad``: it was refused)."""
    import pandas

    kind = _MAP_TYPES.get(field, "BIGINT")
    cur.execute(f"CREATE TEMP TABLE vi_m_{field} (raw VARCHAR, val {kind}, bad BOOLEAN)")
    frame = pandas.DataFrame(
        {"raw": pandas.array(raws, dtype="str"), "val": _column(kind, values), "bad": bad}
    )
    _insert_frame(cur, f"vi_m_{field}", frame)


def _column(kind: str, values: Sequence[object]) -> object:
    import pandas

    if kind == "TIMESTAMPTZ":
        return pandas.to_datetime(pandas.Series(values, dtype=object), utc=True)
    return pandas.array(values, dtype="str" if kind == "VARCHAR" else "Int64")


def write_staged(cur: Cursor, record: NewImportRecord, *, replace: bool) -> int:
    """Log the file and store the agreeing groups not stored yet; with ``replace`` also
    those stored with other counts, deleting the stored rows they replace. Returns the
    import's id."""
    logged = imports.add_import(cur, record)
    import_id = logged.id
    key = " AND ".join(f"s.{k} = o.{k}" for k in KEY)
    if replace:
        cur.execute(f"DELETE FROM view_snapshots s USING vi_stored o WHERE NOT o.same AND {key}")
    keep = "coalesce(o.same, false) = false" if replace else "o.same IS NULL"
    columns = ", ".join([*KEY, *COUNTS])
    cur.execute(
        f"INSERT INTO view_snapshots ({columns}, import_id)"
        f" SELECT {', '.join(f'g.{c}' for c in [*KEY, *COUNTS])}, ?"
        f" FROM vi_good g LEFT JOIN vi_stored o USING ({', '.join(KEY)})"
        f" WHERE NOT g.clash AND {keep}",
        [import_id],
    )
    return import_id


def drop_staging(cur: Cursor) -> None:
    """Drop every staging table of this cursor (closing the cursor drops them too)."""
    for view in ("vi_good", "vi_raw"):
        cur.execute(f"DROP VIEW IF EXISTS {view}")
    tables = ("vi_csv", "vi_rows", "vi_dups", "vi_repeated", "vi_stored")
    for name in (*tables, *(f"vi_m_{f}" for f in FIELDS)):
        cur.execute(f"DROP TABLE IF EXISTS {name}")
