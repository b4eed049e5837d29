"""Viewing figures and the log of imported files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class ViewSnapshot:
    """Viewing figures of one entry on one platform at one capture time."""

    entry_id: int
    platform: str
    captured_at: datetime
    views: int
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    import_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class NewImportRecord:
    """One file fed to an importer, with its counts."""

    campaign_id: int
    kind: str
    file_name: str
    sha256: str
    rows_read: int
    rows_imported: int
    rows_duplicate: int
    rows_rejected: int
    username: str
    imported_at: datetime


@dataclass(frozen=True, kw_only=True)
class ImportRecord(NewImportRecord):
    """``NewImportRecord`` as stored, with the id the store gave it."""

    id: int
