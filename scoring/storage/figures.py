"""Viewing-figure snapshots and the import log."""

from __future__ import annotations

from scoring.records import ImportRecord, ViewSnapshot
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_record


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


def add_import(cur: Cursor, record: ImportRecord) -> ImportRecord:
    """Log one imported file; return the record with its id."""
    new_id = insert_record(cur, "imports", record)
    found = fetch_one(cur, ImportRecord, "SELECT * FROM imports WHERE id = ?", [new_id])
    assert found is not None
    return found


def list_imports(cur: Cursor, campaign_id: int) -> list[ImportRecord]:
    """A campaign's import log, newest first."""
    return fetch_records(
        cur,
        ImportRecord,
        "SELECT * FROM imports WHERE campaign_id = ? ORDER BY imported_at DESC, id DESC",
        [campaign_id],
    )
