"""The staged rows of a views import typed, grouped and compared with the stored
snapshots in SQL, and what the check reads of them (``StagedFile``).

Reads the staging tables of ``view_staging`` (``vi_raw`` and the cell maps ``vi_m_<field>``)
and adds ``vi_rows`` (the typed rows), ``vi_good`` (one row per entry × platform × time)
and ``vi_stored`` (those already stored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from scoring.domain.view_checks import StagedCounts, StagedFile, StagedRow
from scoring.errors import InvalidInput
from scoring.storage.rows import Cursor

COUNTS: Final = ("views", "likes", "comments", "shares")  # view_snapshots' count columns
KEY: Final = ("entry_id", "platform", "captured_at")
FIELDS: Final = ("code", "platform", "captured_at", *COUNTS)
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
Refused = Mapping[str, dict[str, InvalidInput] | None]  # field → refused text → why (None: no map)


def compare(
    cur: Cursor,
    columns: Mapping[str, int],
    refused: Refused,
    *,
    bulk: bool,
    campaign_id: int,
    replace: bool,
    keep_rejected: bool,
) -> StagedFile:
    """Type, group and compare the staged rows; read what the check needs of them.

    ``replace``: rows differing from stored ones are no problem, so they are not read;
    ``keep_rejected``: also read the cells of rows with a refused cell (for the CSV of
    rejected rows).
    """
    refusing = {field: bad for field, bad in refused.items() if bad}
    mapped = {field for field, bad in refused.items() if bad is not None}
    type_rows(cur, columns, mapped=mapped, refusing=set(refusing))
    group_rows(cur)
    compare_stored(cur, list(columns))
    cells = {field: refused_cells(cur, field, columns[field]) for field in refusing}
    clashing = clashing_rows(cur)
    conflicts = [] if replace else stored_conflicts(cur)
    lines = {r.line for r in clashing} | {r.line for r, _ in conflicts}
    if keep_rejected:
        lines |= {line for found in cells.values() for line, _ in found}
    return StagedFile(
        bulk=bulk,
        counts=staged_counts(cur, any_bad=bool(refusing)),
        refused=refusing,
        refused_cells=cells,
        clashing=clashing,
        conflicts=conflicts,
        cells=staged_cells(cur, sorted(lines)) if lines else {},
        new_platforms=tuple(new_platforms(cur, campaign_id)),
    )


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
    for field in FIELDS:
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
        if field in COUNTS:
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
    key, on = ", ".join(KEY), " AND ".join(f"d.{k} = r.{k}" for k in KEY)
    cur.execute(
        f"CREATE TEMP TABLE vi_dups AS SELECT {key} FROM vi_rows WHERE NOT bad"
        f" GROUP BY {key} HAVING count(*) > 1"
    )
    clash = " OR ".join(
        f"coalesce(min({f}) <> max({f}), false) OR count({f}) NOT IN (0, count(*))" for f in COUNTS
    )
    lowest = ", ".join(f"min({f}) AS {f}" for f in COUNTS)
    cur.execute(
        f"CREATE TEMP TABLE vi_repeated AS SELECT {key}, count(*) AS copies, {lowest},"
        f" ({clash}) AS clash FROM vi_rows r SEMI JOIN vi_dups d ON {on} WHERE NOT r.bad"
        f" GROUP BY {key}"
    )
    cur.execute(
        f"CREATE TEMP VIEW vi_good AS SELECT {key}, 1 AS copies, {', '.join(COUNTS)},"
        f" false AS clash FROM vi_rows r ANTI JOIN vi_dups d ON {on} WHERE NOT r.bad"
        " UNION ALL SELECT * FROM vi_repeated"
    )


def compare_stored(cur: Cursor, counted: Sequence[str]) -> None:
    """Build ``vi_stored``: agreeing groups already stored; ``same`` if a stored row has
    the same ``counted`` counts (those the file has a column for)."""
    key = " AND ".join(f"s.{k} = g.{k}" for k in KEY)
    same = " AND ".join(f"s.{f} IS NOT DISTINCT FROM g.{f}" for f in COUNTS if f in counted)
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
        FROM vi_good g LEFT JOIN vi_stored o USING ({", ".join(KEY)})
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
    key = " AND ".join(f"g.{k} = v.{k}" for k in KEY)
    rows = cur.execute(
        f"SELECT {_ROW_SQL} FROM vi_rows v JOIN vi_good g ON {key}"
        " WHERE g.clash AND NOT v.bad ORDER BY v.line"
    ).fetchall()
    return [_staged(r) for r in rows]


def stored_conflicts(cur: Cursor) -> list[tuple[StagedRow, StagedRow]]:
    """Every staged row that differs from the stored row of its entry × platform × time,
    paired with that stored row (given the staged row's line)."""
    stored_key = " AND ".join(f"s.{k} = v.{k}" for k in KEY)
    group_key = " AND ".join(f"o.{k} = v.{k}" for k in KEY)
    stored = ", ".join(f"s.{f}" for f in COUNTS)
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
