"""The log of imported files (views, paper score sheets): who, when, which file (its
sha256), and what the import did."""

from __future__ import annotations

from scoring.records.views import ImportRecord, NewImportRecord
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new


def add_import(cur: Cursor, record: NewImportRecord) -> ImportRecord:
    """Log one imported file; return the record with its id."""
    return insert_new(cur, "imports", record, ImportRecord)


def list_imports(cur: Cursor, campaign_id: int) -> list[ImportRecord]:
    """A campaign's import log, newest first."""
    return fetch_records(
        cur,
        ImportRecord,
        "SELECT * FROM imports WHERE campaign_id = ? ORDER BY imported_at DESC, id DESC",
        [campaign_id],
    )


def find_import(cur: Cursor, *, campaign_id: int, kind: str, sha256: str) -> ImportRecord | None:
    """The first import of a file with these contents into a campaign, or None."""
    return fetch_one(
        cur,
        ImportRecord,
        "SELECT * FROM imports WHERE campaign_id = ? AND kind = ? AND sha256 = ?"
        " ORDER BY imported_at, id LIMIT 1",
        [campaign_id, kind, sha256],
    )
