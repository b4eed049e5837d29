"""Media hints of stored originals, and the pairs of originals that show the same film."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scoring.enums import JobStatus
from scoring.records.media import MediaFile, MediaHints, MediaMatch
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_record

# Every column but the signature (up to ~100 KB a minute of video), which only the
# comparison of films reads.
_LISTED = "sha256, status, progress, error, measures, measured_at"


def media_waiting_for_hints(cur: Cursor) -> list[MediaFile]:
    """Originals not measured yet (no row, or one left pending), oldest first."""
    return fetch_records(
        cur,
        MediaFile,
        "SELECT m.* FROM media_files m LEFT JOIN media_hints h ON h.sha256 = m.sha256"
        " WHERE h.sha256 IS NULL OR h.status = 'pending' ORDER BY m.stored_at, m.sha256",
    )


def set_hints_state(
    cur: Cursor, sha256: str, *, status: JobStatus, progress: float, error: str | None = None
) -> None:
    """Record how far the measuring of one original has got."""
    cur.execute(
        "INSERT INTO media_hints (sha256, status, progress, error) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (sha256) DO UPDATE SET status = excluded.status,"
        " progress = excluded.progress, error = excluded.error",
        [sha256, status, progress, error],
    )


def save_hints(
    cur: Cursor,
    sha256: str,
    *,
    measures: dict[str, Any],
    signature: bytes | None,
    measured_at: datetime,
) -> None:
    """Store what was measured; the original is done."""
    cur.execute("DELETE FROM media_hints WHERE sha256 = ?", [sha256])
    insert_record(
        cur,
        "media_hints",
        MediaHints(
            sha256=sha256,
            status=JobStatus.DONE,
            progress=1.0,
            measures=measures,
            signature=signature,
            measured_at=measured_at,
        ),
    )


def get_hints(cur: Cursor, sha256: str) -> MediaHints | None:
    """What is known of one original's hints (without its signature), or None."""
    return fetch_one(
        cur, MediaHints, f"SELECT {_LISTED} FROM media_hints WHERE sha256 = ?", [sha256]
    )


def campaign_hints(cur: Cursor, campaign_id: int) -> list[MediaHints]:
    """The hint rows of the originals a campaign's entries use (without signatures)."""
    return fetch_records(
        cur,
        MediaHints,
        f"SELECT {_LISTED} FROM media_hints WHERE sha256 IN"
        " (SELECT media_sha256 FROM entries WHERE campaign_id = ?) ORDER BY sha256",
        [campaign_id],
    )


def signatures_except(cur: Cursor, sha256: str) -> list[tuple[str, bytes]]:
    """(sha256, signature) of every other measured original that has one."""
    rows = cur.execute(
        "SELECT sha256, signature FROM media_hints WHERE status = 'done'"
        " AND signature IS NOT NULL AND sha256 <> ? ORDER BY sha256",
        [sha256],
    ).fetchall()
    return [(str(r[0]), bytes(r[1])) for r in rows]


def replace_matches(cur: Cursor, sha256: str, matches: list[MediaMatch]) -> None:
    """Replace every pair that involves ``sha256``."""
    cur.execute("DELETE FROM media_matches WHERE sha_a = ? OR sha_b = ?", [sha256, sha256])
    for found in matches:
        insert_record(cur, "media_matches", found)


def matches_of(cur: Cursor, sha256s: list[str]) -> list[MediaMatch]:
    """Every pair that involves one of ``sha256s``."""
    if not sha256s:
        return []
    return fetch_records(
        cur,
        MediaMatch,
        "SELECT * FROM media_matches WHERE list_contains(?, sha_a) OR list_contains(?, sha_b)"
        " ORDER BY sha_a, sha_b",
        [sha256s, sha256s],
    )


def requeue_interrupted_hints(cur: Cursor) -> int:
    """Put measuring left 'running' by a stopped process back in the queue."""
    rows = cur.execute(
        "UPDATE media_hints SET status = 'pending', progress = 0"
        " WHERE status = 'running' RETURNING sha256"
    ).fetchall()
    return len(rows)
