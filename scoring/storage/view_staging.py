"""Staging tables of a views import: the file's rows typed, grouped and compared in SQL
before anything is written.

Staging lives in temporary tables of the importing cursor (gone when it closes): ``vi_raw``
holds the file's cells as text with their line, ``vi_m_<field>`` what each distinct cell
text parsed to (filled by the caller, which parses in Python), ``vi_rows`` the typed rows,
``vi_good`` one row per entry × platform × time, ``vi_stored`` those already stored.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

import duckdb

if TYPE_CHECKING:  # pandas is imported where used: ~0.6 s that most commands never need
    import pandas  # type: ignore[import-untyped]  # no stubs pinned; used for DataFrame only

from scoring.storage.rows import Cursor

_COUNTS: Final = ("views", "likes", "comments", "shares")  # view_snapshots' count columns
# A cell SQL may cast itself: plain ASCII digits, at most 18 of them (< 2**63). Every other
# count goes through the Python parser (SPEC §5: "12,345", "1.2万", full-width digits …).
_DIGITS: Final = "'[0-9]{1,18}'"
_MAP_TYPES: Final = {"code": "INTEGER", "platform": "VARCHAR", "captured_at": "TIMESTAMPTZ"}
_KEY: Final = ("entry_id", "platform", "captured_at")
_FIELDS: Final = ("code", "platform", "captured_at", *_COUNTS)
_ROW: Final = (
    "line",
    "entry_id",
    "platform",
    "captured_at",
    "views",
    "likes",
    "comments",
    "shares",
)
_ROW_SQL: Final = ", ".join(f"v.{c}" for c in _ROW)


class CsvRefused(Exception):
    """DuckDB's reader refused the CSV; the transaction is spoilt, read it the exact way."""


@dataclass(frozen=True, kw_only=True)
class StagedRow:
    """One typed, well-formed row of the file being imported."""

    line: int
    entry_id: int
    platform: str
    captured_at: datetime
    views: int
    likes: int | None
    comments: int | None
    shares: int | None


@dataclass(frozen=True, kw_only=True)
class StagedCounts:
    """What the staged file holds, before the caller decides what to write."""

    rows: int  # non-blank rows read
    bad: int  # rows with a refused cell
    clashing: int  # rows in a group of the file that disagree among themselves
    copies: int  # extra identical copies within agreeing groups
    new: int  # agreeing groups not stored yet
    same: int  # agreeing groups stored already with the same numbers
    differ: int  # agreeing groups stored with other numbers
    differ_rows: int  # rows of those groups


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


def type_rows(
    cur: Cursor, columns: Mapping[str, int], *, mapped: set[str], refusing: set[str]
) -> None:
    """Build ``vi_rows`` from ``vi_raw`` and the cell maps of the ``mapped`` fields;
    ``bad`` when a cell's text is one its map refused (only ``refusing`` maps have any).

    ``columns``: field → staged column; a field missing from it is NULL. A count's map
    holds every text of its column that is not plain digits (``distinct_cells``), so a
    text the map lacks is plain digits and SQL casts it; no map: all are plain digits.
    """
    values, joins, bad = [], [], []
    for field in _FIELDS:
        column = columns.get(field)
        name = "entry_id" if field == "code" else field
        if column is None:
            values.append(f"NULL AS {name}")
            continue
        cell, found = f"r.c{column}", f"m_{field}"
        parsed = "NULL"
        if field in mapped:
            joins.append(f" LEFT JOIN vi_m_{field} {found} ON {found}.raw = {cell}")
            if field in refusing:
                bad.append(f"coalesce({found}.bad, false)")
            parsed = f"{found}.val"
        if field in _COUNTS:
            cast = f"CAST({cell} AS BIGINT)"
            parsed = f"CASE WHEN {found}.raw IS NULL THEN {cast} ELSE {parsed} END"
            parsed = parsed if field in mapped else cast
        values.append(f"{parsed} AS {name}")
    cur.execute(
        f"CREATE TEMP TABLE vi_rows AS SELECT r.line, {', '.join(values)},"
        f" {' OR '.join(bad) or 'false'} AS bad FROM vi_raw r{''.join(joins)}"
    )


def group_rows(cur: Cursor) -> None:
    """Define ``vi_good``: the well-formed rows, one per entry × platform × time, with
    ``copies`` (rows of the file) and ``clash`` (the copies disagree on a count).

    Keys that occur once (nearly all) are read from ``vi_rows`` as they are; only repeated
    keys pay for the aggregate that compares their copies.
    """
    key, on = ", ".join(_KEY), " AND ".join(f"d.{k} = r.{k}" for k in _KEY)
    cur.execute(
        f"CREATE TEMP TABLE vi_dups AS SELECT {key} FROM vi_rows WHERE NOT bad"
        f" GROUP BY {key} HAVING count(*) > 1"
    )
    clash = " OR ".join(
        f"coalesce(min({f}) <> max({f}), false) OR count({f}) NOT IN (0, count(*))" for f in _COUNTS
    )
    lowest = ", ".join(f"min({f}) AS {f}" for f in _COUNTS)
    cur.execute(
        f"CREATE TEMP TABLE vi_repeated AS SELECT {key}, count(*) AS copies, {lowest},"
        f" ({clash}) AS clash FROM vi_rows r SEMI JOIN vi_dups d ON {on} WHERE NOT r.bad"
        f" GROUP BY {key}"
    )
    cur.execute(
        f"CREATE TEMP VIEW vi_good AS SELECT {key}, 1 AS copies, {', '.join(_COUNTS)},"
        f" false AS clash FROM vi_rows r ANTI JOIN vi_dups d ON {on} WHERE NOT r.bad"
        " UNION ALL SELECT * FROM vi_repeated"
    )


def compare_stored(cur: Cursor, counted: Sequence[str]) -> None:
    """Build ``vi_stored``: agreeing groups already stored; ``same`` if a stored row has
    the same ``counted`` counts (those the file has a column for)."""
    key = " AND ".join(f"s.{k} = g.{k}" for k in _KEY)
    same = " AND ".join(f"s.{f} IS NOT DISTINCT FROM g.{f}" for f in _COUNTS if f in counted)
    cur.execute(
        f"CREATE TEMP TABLE vi_stored AS SELECT g.entry_id, g.platform, g.captured_at,"
        f" bool_or({same}) AS same FROM vi_good g JOIN view_snapshots s ON {key}"
        " WHERE NOT g.clash GROUP BY g.entry_id, g.platform, g.captured_at"
    )


def staged_counts(cur: Cursor, *, any_bad: bool) -> StagedCounts:
    """Count the staged rows by what they are (``any_bad``: some cell map refused a text)."""
    bad = "(SELECT count(*) FROM vi_rows WHERE bad)" if any_bad else "0"
    found = cur.execute(
        f"""
        SELECT (SELECT count(*) FROM vi_raw), {bad},
               coalesce(sum(g.copies) FILTER (WHERE g.clash), 0),
               coalesce(sum(g.copies - 1) FILTER (WHERE NOT g.clash), 0),
               count(*) FILTER (WHERE NOT g.clash AND o.same IS NULL),
               count(*) FILTER (WHERE o.same), count(*) FILTER (WHERE NOT o.same),
               coalesce(sum(g.copies) FILTER (WHERE NOT o.same), 0)
        FROM vi_good g LEFT JOIN vi_stored o USING ({", ".join(_KEY)})
        """
    ).fetchone()
    assert found is not None
    names = ("rows", "bad", "clashing", "copies", "new", "same", "differ", "differ_rows")
    return StagedCounts(**{name: int(value) for name, value in zip(names, found, strict=True)})


def refused_cells(cur: Cursor, field: str, column: int) -> list[tuple[int, str]]:
    """(line, text) of every staged cell of ``field`` whose text its cell map refused."""
    rows = cur.execute(
        f"SELECT r.line, r.c{column} FROM vi_raw r JOIN vi_m_{field} m ON m.raw = r.c{column}"
        " WHERE m.bad ORDER BY r.line"
    ).fetchall()
    return [(int(line), str(text)) for line, text in rows]


def _staged(row: Sequence[object]) -> StagedRow:
    return StagedRow(**dict(zip(_ROW, row, strict=True)))  # type: ignore[arg-type]


def clashing_rows(cur: Cursor) -> list[StagedRow]:
    """Every row of a group whose copies in the file disagree, by line."""
    key = " AND ".join(f"g.{k} = v.{k}" for k in _KEY)
    rows = cur.execute(
        f"SELECT {_ROW_SQL} FROM vi_rows v JOIN vi_good g ON {key}"
        " WHERE g.clash AND NOT v.bad ORDER BY v.line"
    ).fetchall()
    return [_staged(r) for r in rows]


def stored_conflicts(cur: Cursor) -> list[tuple[StagedRow, StagedRow]]:
    """Every staged row that differs from the stored row of its entry × platform × time,
    paired with that stored row (given the staged row's line)."""
    stored_key = " AND ".join(f"s.{k} = v.{k}" for k in _KEY)
    group_key = " AND ".join(f"o.{k} = v.{k}" for k in _KEY)
    stored = ", ".join(f"s.{f}" for f in _COUNTS)
    rows = cur.execute(
        f"SELECT {_ROW_SQL}, {stored} FROM vi_rows v"
        f" JOIN vi_stored o ON {group_key} JOIN view_snapshots s ON {stored_key}"
        " WHERE NOT v.bad AND NOT o.same QUALIFY row_number() OVER ("
        " PARTITION BY v.line ORDER BY s.import_id NULLS FIRST, s.views) = 1 ORDER BY v.line"
    ).fetchall()
    return [(_staged(r[:8]), _staged((*r[:4], *r[8:]))) for r in rows]


def staged_cells(cur: Cursor, lines: Sequence[int]) -> dict[int, list[str]]:
    """Line → the staged cell texts of those lines."""
    rows = cur.execute(
        "SELECT * FROM vi_raw WHERE line IN (SELECT unnest(?::INTEGER[])) ORDER BY line",
        [list(lines)],
    ).fetchall()
    return {int(row[0]): [str(cell) for cell in row[1:]] for row in rows}


def new_platforms(cur: Cursor, campaign_id: int) -> list[str]:
    """Platforms of the agreeing staged rows that no stored snapshot of the campaign has."""
    rows = cur.execute(
        "SELECT platform FROM (SELECT DISTINCT platform FROM vi_good WHERE NOT clash"
        " EXCEPT SELECT DISTINCT s.platform FROM view_snapshots s"
        " JOIN entries e ON e.id = s.entry_id WHERE e.campaign_id = ?) ORDER BY platform",
        [campaign_id],
    ).fetchall()
    return [str(r[0]) for r in rows]


def write_staged(cur: Cursor, *, import_id: int, replace: bool) -> None:
    """Store the agreeing groups not stored yet; with ``replace`` also those stored with
    other counts, deleting the stored rows they replace."""
    key = " AND ".join(f"s.{k} = o.{k}" for k in _KEY)
    if replace:
        cur.execute(f"DELETE FROM view_snapshots s USING vi_stored o WHERE NOT o.same AND {key}")
    keep = "coalesce(o.same, false) = false" if replace else "o.same IS NULL"
    columns = ", ".join([*_KEY, *_COUNTS])
    cur.execute(
        f"INSERT INTO view_snapshots ({columns}, import_id)"
        f" SELECT {', '.join(f'g.{c}' for c in [*_KEY, *_COUNTS])}, ?"
        f" FROM vi_good g LEFT JOIN vi_stored o USING ({', '.join(_KEY)})"
        f" WHERE NOT g.clash AND {keep}",
        [import_id],
    )


def drop_staging(cur: Cursor) -> None:
    """Drop every staging table of this cursor (closing the cursor drops them too)."""
    for view in ("vi_good", "vi_raw"):
        cur.execute(f"DROP VIEW IF EXISTS {view}")
    tables = ("vi_csv", "vi_rows", "vi_dups", "vi_repeated", "vi_stored")
    for name in (*tables, *(f"vi_m_{f}" for f in _FIELDS)):
        cur.execute(f"DROP TABLE IF EXISTS {name}")
