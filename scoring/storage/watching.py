"""Evidence of watching: when a judge first opened an entry or a calibration clip, and what
of its video the media route sent them (``entry_openings``, ``served_parts``). ``subject``
is 'entry' or 'clip'; ``entry_id`` is then the entry's or the clip's id."""

from __future__ import annotations

from datetime import datetime

from scoring.records.judging import NewServedPart
from scoring.storage.rows import Cursor, insert_record


def note_opening(
    cur: Cursor, *, judge_id: int, entry_id: int, at: datetime, subject: str = "entry"
) -> None:
    """Remember that the judge opened the entry (or clip) at ``at``; the earliest is kept."""
    cur.execute(
        "INSERT INTO entry_openings (judge_id, subject, entry_id, opened_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (judge_id, subject, entry_id) DO UPDATE"
        " SET opened_at = least(entry_openings.opened_at, excluded.opened_at)",
        [judge_id, subject, entry_id, at],
    )


def opened_at(
    cur: Cursor, *, judge_id: int, entry_id: int, subject: str = "entry"
) -> datetime | None:
    """When the judge first opened the entry (or clip), or None if they never have."""
    row = cur.execute(
        "SELECT opened_at FROM entry_openings WHERE judge_id = ? AND subject = ? AND entry_id = ?",
        [judge_id, subject, entry_id],
    ).fetchone()
    return None if row is None else row[0]


def add_served_part(cur: Cursor, part: NewServedPart) -> None:
    """Record bytes the media route sent to a judge."""
    insert_record(cur, "served_parts", part)


def served_seconds(
    cur: Cursor, *, judge_id: int, entry_id: int, subject: str = "entry"
) -> list[tuple[float, float]]:
    """The parts of the entry's (or clip's) video, in seconds as sent and unmerged, the
    judge was sent."""
    rows = cur.execute(
        "SELECT start_s, end_s FROM served_parts"
        " WHERE judge_id = ? AND subject = ? AND entry_id = ? ORDER BY start_s, end_s",
        [judge_id, subject, entry_id],
    ).fetchall()
    return [(float(a), float(b)) for a, b in rows]
