"""View snapshots: each entry's views, likes, comments and shares per platform over time,
and the latest totals the ranking reads (V_e of SPEC §6)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from scoring.records.views import ViewSnapshot
from scoring.storage.rows import Cursor, fetch_records, insert_record


def add_snapshot(cur: Cursor, snapshot: ViewSnapshot) -> None:
    """Insert one snapshot row."""
    insert_record(cur, "view_snapshots", snapshot)


def list_snapshots(cur: Cursor, entry_id: int) -> list[ViewSnapshot]:
    """An entry's snapshots by platform and time."""
    return fetch_records(
        cur,
        ViewSnapshot,
        "SELECT * FROM view_snapshots WHERE entry_id = ? ORDER BY platform, captured_at",
        [entry_id],
    )


def campaign_snapshots(cur: Cursor, campaign_id: int) -> list[ViewSnapshot]:
    """Every snapshot of a campaign's entries, by entry, platform and time."""
    return fetch_records(
        cur,
        ViewSnapshot,
        "SELECT s.* FROM view_snapshots s JOIN entries e ON e.id = s.entry_id"
        " WHERE e.campaign_id = ? ORDER BY s.entry_id, s.platform, s.captured_at",
        [campaign_id],
    )


def snapshots_digest(cur: Cursor, campaign_id: int) -> tuple[int, int]:
    """How many snapshots a campaign has and a digest of their contents: what anomaly
    flags were computed from is still there while both are the same."""
    row = cur.execute(
        "SELECT count(*), coalesce(sum(hash(s.entry_id, s.platform, s.captured_at, s.views,"
        " s.likes, s.comments, s.shares)), 0) % 18446744073709551557"
        " FROM view_snapshots s JOIN entries e ON e.id = s.entry_id WHERE e.campaign_id = ?",
        [campaign_id],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


_LATEST: Final = """
    SELECT s.* FROM view_snapshots s JOIN entries e ON e.id = s.entry_id
    WHERE e.campaign_id = ? AND s.captured_at <= ?
    QUALIFY row_number() OVER (
        PARTITION BY s.entry_id, s.platform ORDER BY s.captured_at DESC, s.views DESC) = 1
"""


def latest_snapshots(cur: Cursor, campaign_id: int, cutoff: datetime) -> list[ViewSnapshot]:
    """Per entry and platform, the latest snapshot at or before ``cutoff``."""
    sql = f"{_LATEST} ORDER BY s.entry_id, s.platform"
    return fetch_records(cur, ViewSnapshot, sql, [campaign_id, cutoff])


def audience_totals(cur: Cursor, campaign_id: int, cutoff: datetime) -> dict[int, int]:
    """Entry id → sum over platforms of the latest views at or before ``cutoff`` (SPEC §6.4).

    The latest snapshot per entry and platform is taken with ``arg_max`` (an aggregate:
    no sort of the snapshots); of two snapshots taken at the same time the larger count
    counts, as in ``latest_snapshots``.
    """
    rows = cur.execute(
        "SELECT e.id, coalesce(sum(l.views), 0) FROM entries e LEFT JOIN ("
        "  SELECT s.entry_id,"
        "      arg_max(s.views, struct_pack(t := s.captured_at, v := s.views)) AS views"
        "  FROM view_snapshots s JOIN entries x ON x.id = s.entry_id"
        "  WHERE x.campaign_id = ? AND s.captured_at <= ?"
        "  GROUP BY s.entry_id, s.platform"
        ") l ON l.entry_id = e.id"
        " WHERE e.campaign_id = ? AND e.stage = 'received' GROUP BY e.id",
        [campaign_id, cutoff, campaign_id],
    ).fetchall()
    return {int(entry_id): int(views) for entry_id, views in rows}
