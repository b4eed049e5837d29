"""Who scores what: judges assigned to entries, and conflicts of interest (unit or declared)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from scoring.records.judging import Assignment, Conflict
from scoring.storage.rows import Cursor, fetch_records, insert_record


def add_assignment(cur: Cursor, assignment: Assignment) -> None:
    """Assign a judge to an entry (no-op if already assigned)."""
    cur.execute(
        "INSERT INTO assignments VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            assignment.campaign_id,
            assignment.judge_id,
            assignment.entry_id,
            assignment.assigned_at,
            assignment.seed,
        ],
    )


def list_assignments(cur: Cursor, campaign_id: int) -> list[Assignment]:
    """Every assignment of a campaign."""
    return fetch_records(
        cur,
        Assignment,
        "SELECT * FROM assignments WHERE campaign_id = ? ORDER BY judge_id, entry_id",
        [campaign_id],
    )


def assigned_pairs(cur: Cursor, campaign_id: int) -> frozenset[tuple[int, int]]:
    """Every (judge id, entry id) assigned in a campaign."""
    rows = cur.execute(
        "SELECT judge_id, entry_id FROM assignments WHERE campaign_id = ?", [campaign_id]
    ).fetchall()
    return frozenset((int(j), int(e)) for j, e in rows)


def add_conflict(cur: Cursor, conflict: Conflict) -> None:
    """Record that a judge may not score an entry."""
    insert_record(cur, "conflicts", conflict)


def list_conflicts(cur: Cursor, campaign_id: int) -> list[Conflict]:
    """Every conflict of a campaign's entries."""
    return fetch_records(
        cur,
        Conflict,
        "SELECT c.* FROM conflicts c JOIN entries e ON e.id = c.entry_id"
        " WHERE e.campaign_id = ? ORDER BY c.judge_id, c.entry_id",
        [campaign_id],
    )


def open_pairs(cur: Cursor, pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of the (judge id, entry id) pairs given, those assigned and barred by no conflict or
    recusal (one query for any number of pairs)."""
    rows = cur.execute(
        "SELECT a.judge_id, a.entry_id FROM assignments a"
        " JOIN (SELECT unnest(?::INTEGER[]) AS judge_id, unnest(?::INTEGER[]) AS entry_id) p"
        " ON p.judge_id = a.judge_id AND p.entry_id = a.entry_id"
        " WHERE NOT EXISTS (SELECT 1 FROM conflicts c"
        "                   WHERE c.judge_id = a.judge_id AND c.entry_id = a.entry_id)",
        [[j for j, _ in pairs], [e for _, e in pairs]],
    ).fetchall()
    return {(int(j), int(e)) for j, e in rows}


def pairs_with_marks(cur: Cursor, campaign_id: int) -> set[tuple[int, int]]:
    """(judge, entry) pairs whose scorecard holds at least one mark."""
    rows = cur.execute(
        "SELECT DISTINCT s.judge_id, s.entry_id FROM scorecards s"
        " JOIN marks m ON m.scorecard_id = s.id WHERE s.campaign_id = ?",
        [campaign_id],
    ).fetchall()
    return {(int(j), int(e)) for j, e in rows}


def replace_assignments(
    cur: Cursor, campaign_id: int, pairs: Iterable[tuple[int, int]], *, at: datetime, seed: int
) -> tuple[int, int]:
    """Make the campaign's assignments exactly ``pairs``; drop empty drafts of removed pairs.

    Returns (added, removed). Scorecards with marks are never touched here: callers keep
    their pairs in ``pairs``.
    """
    wanted = set(pairs)
    current = {(a.judge_id, a.entry_id) for a in list_assignments(cur, campaign_id)}
    removed = current - wanted
    for judge_id, entry_id in sorted(removed):
        cur.execute(
            "DELETE FROM assignments WHERE judge_id = ? AND entry_id = ?", [judge_id, entry_id]
        )
        cur.execute(
            "DELETE FROM scorecards WHERE judge_id = ? AND entry_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM marks m WHERE m.scorecard_id = scorecards.id)",
            [judge_id, entry_id],
        )
    for judge_id, entry_id in sorted(wanted - current):
        add_assignment(
            cur,
            Assignment(
                campaign_id=campaign_id,
                judge_id=judge_id,
                entry_id=entry_id,
                assigned_at=at,
                seed=seed,
            ),
        )
    return len(wanted - current), len(removed)


def list_conflicts_all(cur: Cursor) -> list[Conflict]:
    """Every conflict of the installation (keys are judge × entry, entries are unique)."""
    return fetch_records(cur, Conflict, "SELECT * FROM conflicts ORDER BY judge_id, entry_id")
