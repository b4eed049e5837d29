"""The append-only audit log: this module only INSERTs and SELECTs (a test checks)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from scoring.records.audit import AuditEvent, NewAuditEvent
from scoring.storage.rows import Cursor, fetch_records, insert_record


def append_event(cur: Cursor, event: NewAuditEvent) -> None:
    """Add one line to the audit log."""
    insert_record(cur, "audit_log", event)


def append_events(cur: Cursor, events: Sequence[NewAuditEvent]) -> None:
    """Add several lines in one statement, in the order given (their ids follow it)."""
    if not events:
        return
    cur.execute(
        "INSERT INTO audit_log (logged_at, actor, campaign_id, action, target, details) VALUES "
        + ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(events)),
        [
            value
            for e in events
            for value in (
                e.logged_at,
                e.actor,
                e.campaign_id,
                e.action,
                e.target,
                json.dumps(e.details, ensure_ascii=False),
            )
        ],
    )


@dataclass(frozen=True, kw_only=True)
class AuditFilter:
    """What to show of the audit log; None means any."""

    actor: str | None = None
    action: str | None = None
    target: str | None = None
    campaign_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 1000


def list_events(cur: Cursor, flt: AuditFilter) -> list[AuditEvent]:
    """Events matching ``flt``, newest first."""
    clauses: list[str] = ["TRUE"]
    params: list[object] = []
    for column, value in (
        ("actor", flt.actor),
        ("action", flt.action),
        ("target", flt.target),
        ("campaign_id", flt.campaign_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if flt.since is not None:
        clauses.append("logged_at >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append("logged_at < ?")
        params.append(flt.until)
    sql = (
        f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)}"
        " ORDER BY logged_at DESC, id DESC LIMIT ?"
    )
    return fetch_records(cur, AuditEvent, sql, [*params, flt.limit])


def has_cookie_login(cur: Cursor, actor: str, issued_at: str, since: datetime) -> bool:
    """Whether ``actor`` came back with the login cookie issued at ``issued_at`` (as stored)
    since ``since``."""
    row = cur.execute(
        "SELECT count(*) FROM audit_log WHERE actor = ? AND action = 'login.resumed'"
        " AND logged_at >= ? AND json_extract_string(details, '$.issued_at') = ?",
        [actor, since, issued_at],
    ).fetchone()
    return bool(row and row[0])


def list_actions(cur: Cursor) -> list[str]:
    """Distinct action names present in the log."""
    rows = cur.execute("SELECT DISTINCT action FROM audit_log ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def count_actions(cur: Cursor, campaign_id: int) -> dict[str, int]:
    """How many lines of each action the log holds for a campaign."""
    rows = cur.execute(
        "SELECT action, count(*) FROM audit_log WHERE campaign_id = ? GROUP BY action",
        [campaign_id],
    ).fetchall()
    return {action: int(count) for action, count in rows}
