"""Entry rows and the stored media files they point to.

The office's queries (listing, the entry table, judging, ranking, exports) read received
works only (``RECEIVED``): a recommending unit's draft is in ``list_all_entries`` (for the
compliance checks) and in ``list_unit_entries`` (for its own unit), nowhere else.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Final

from scoring.enums import EntryStage, JobStatus
from scoring.records.entries import Entry, EntryHead, EntrySummary, NewEntry
from scoring.records.judging import QueueItem
from scoring.records.media import MediaFile
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new, insert_record

_ENTRY_COLUMNS = tuple(f.name for f in fields(Entry) if f.name not in {"id", "created_at"})
RECEIVED: Final = EntryStage.RECEIVED.value


def add_entry(cur: Cursor, entry: NewEntry) -> Entry:
    """Insert an entry and return it with its id."""
    return insert_new(cur, "entries", entry, Entry)


def update_entry(cur: Cursor, entry: Entry) -> None:
    """Overwrite every field of the stored entry with the same id (except created_at)."""
    values = [getattr(entry, name) for name in _ENTRY_COLUMNS]
    sets = ", ".join(f"{name} = ?" for name in _ENTRY_COLUMNS)
    cur.execute(f"UPDATE entries SET {sets} WHERE id = ?", [*values, entry.id])


def get_entry(cur: Cursor, entry_id: int) -> Entry | None:
    """Return one entry or None."""
    return fetch_one(cur, Entry, "SELECT * FROM entries WHERE id = ?", [entry_id])


def get_entry_by_code(cur: Cursor, campaign_id: int, code: str) -> Entry | None:
    """Return the entry of a campaign with this code, or None."""
    return fetch_one(
        cur, Entry, "SELECT * FROM entries WHERE campaign_id = ? AND code = ?", [campaign_id, code]
    )


def list_entries(cur: Cursor, campaign_id: int) -> list[Entry]:
    """Every entry of a campaign the office has received (no unit's drafts), by code."""
    return fetch_records(
        cur,
        Entry,
        "SELECT * FROM entries WHERE campaign_id = ? AND stage = ? ORDER BY code",
        [campaign_id, RECEIVED],
    )


def list_all_entries(cur: Cursor, campaign_id: int) -> list[Entry]:
    """Every entry of a campaign, units' drafts included (the compliance checks), by code."""
    return fetch_records(
        cur, Entry, "SELECT * FROM entries WHERE campaign_id = ? ORDER BY code", [campaign_id]
    )


def recommenders(cur: Cursor, campaign_id: int) -> list[str]:
    """The recommending units named by a campaign's received entries, each once, in order."""
    rows = cur.execute(
        "SELECT DISTINCT recommender FROM entries WHERE campaign_id = ? AND stage = ?"
        " AND recommender <> '' ORDER BY recommender",
        [campaign_id, RECEIVED],
    ).fetchall()
    return [str(r) for (r,) in rows]


def list_unit_entries(cur: Cursor, campaign_id: int, unit: str) -> list[Entry]:
    """The entries a recommending unit registered (drafts and forwarded), by code."""
    return fetch_records(
        cur,
        Entry,
        "SELECT * FROM entries WHERE campaign_id = ? AND unit = ? ORDER BY code",
        [campaign_id, unit],
    )


def forward_entries(cur: Cursor, entry_ids: list[int], *, now: datetime) -> None:
    """Hand a unit's drafts to the office: received from ``now`` on."""
    for entry_id in entry_ids:
        cur.execute(
            "UPDATE entries SET stage = ?, forwarded_at = ?, updated_at = ? WHERE id = ?",
            [RECEIVED, now, now, entry_id],
        )


def list_entry_heads(cur: Cursor, campaign_id: int) -> list[EntryHead]:
    """Code, title, category, CQO mark and recommender of every received entry of a
    campaign, by code."""
    return fetch_records(
        cur,
        EntryHead,
        "SELECT id, code, title, category, cqo_case, recommender FROM entries"
        " WHERE campaign_id = ? AND stage = ? ORDER BY code",
        [campaign_id, RECEIVED],
    )


def get_entries(cur: Cursor, entry_ids: list[int]) -> dict[int, Entry]:
    """The entries with these ids, by id (ids not found are left out)."""
    found = fetch_records(
        cur, Entry, "SELECT * FROM entries WHERE id IN (SELECT unnest(?::INTEGER[]))", [entry_ids]
    )
    return {e.id: e for e in found}


def add_media_file(cur: Cursor, media: MediaFile) -> None:
    """Record a stored original (the caller has written the file already)."""
    insert_record(cur, "media_files", media)


def get_media_file(cur: Cursor, sha256: str) -> MediaFile | None:
    """Return what is known of one stored file, or None."""
    return fetch_one(cur, MediaFile, "SELECT * FROM media_files WHERE sha256 = ?", [sha256])


def entry_summaries(cur: Cursor, campaign_id: int) -> list[EntrySummary]:
    """The coordinators' entry table: entries with media facts and scorecard counts."""
    return fetch_records(
        cur,
        EntrySummary,
        """
        SELECT e.id, e.code, e.title, e.category, e.producer, e.recommender, e.cqo_case,
               e.submitter, e.platform_links,
               m.width, m.height, m.duration_s,
               (SELECT count(*) FROM assignments a WHERE a.entry_id = e.id) AS judges_assigned,
               (SELECT count(*) FROM scorecards s
                 WHERE s.entry_id = e.id AND s.status = 'submitted') AS scorecards_submitted
        FROM entries e LEFT JOIN media_files m ON m.sha256 = e.media_sha256
        WHERE e.campaign_id = ? AND e.stage = ?
        ORDER BY e.code
        """,
        [campaign_id, RECEIVED],
    )


def judge_queue(cur: Cursor, campaign_id: int, judge_id: int) -> list[QueueItem]:
    """The entries assigned to one judge with the state of their scorecard."""
    return fetch_records(
        cur,
        QueueItem,
        """
        SELECT e.id AS entry_id, e.code, e.title, e.category, m.duration_s,
               CASE WHEN m.width IS NULL THEN NULL
                    WHEN m.width > m.height THEN 'landscape'
                    WHEN m.width < m.height THEN 'portrait' ELSE 'square' END AS orientation,
               coalesce(s.status, 'not_started') AS status,
               (SELECT count(*) FROM marks k WHERE k.scorecard_id = s.id) AS marks_given
        FROM assignments a
        JOIN entries e ON e.id = a.entry_id
        LEFT JOIN media_files m ON m.sha256 = e.media_sha256
        LEFT JOIN scorecards s ON s.entry_id = e.id AND s.judge_id = a.judge_id
        WHERE a.campaign_id = ? AND a.judge_id = ?
          AND NOT EXISTS (SELECT 1 FROM conflicts c
                          WHERE c.judge_id = a.judge_id AND c.entry_id = a.entry_id)
        ORDER BY e.code
        """,
        [campaign_id, judge_id],
    )


def assigned_parties(
    cur: Cursor, campaign_id: int, judge_id: int
) -> dict[int, tuple[str, str, str, str]]:
    """Entry id → (producer, submitter, recommender, contact) for a judge's entries."""
    rows = cur.execute(
        "SELECT e.id, e.producer, e.submitter, e.recommender, e.contact FROM assignments a"
        " JOIN entries e ON e.id = a.entry_id WHERE a.campaign_id = ? AND a.judge_id = ?",
        [campaign_id, judge_id],
    ).fetchall()
    return {int(r[0]): (str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows}


def set_preview_state(
    cur: Cursor, sha256: str, *, status: JobStatus, progress: float, error: str | None = None
) -> None:
    """Record how far the preview of one original has got."""
    cur.execute(
        "UPDATE media_files SET preview_status = ?, preview_progress = ?, preview_error = ?"
        " WHERE sha256 = ?",
        [status, progress, error, sha256],
    )


def media_waiting_for_preview(cur: Cursor) -> list[MediaFile]:
    """Originals whose preview is pending, oldest first."""
    return fetch_records(
        cur,
        MediaFile,
        "SELECT * FROM media_files WHERE preview_status = 'pending' ORDER BY stored_at, sha256",
    )


def requeue_interrupted_previews(cur: Cursor) -> int:
    """Put previews left 'running' by a stopped process back in the queue."""
    rows = cur.execute(
        "UPDATE media_files SET preview_status = 'pending', preview_progress = 0"
        " WHERE preview_status = 'running' RETURNING sha256"
    ).fetchall()
    return len(rows)


def campaigns_using_media(cur: Cursor, sha256: str) -> list[int]:
    """Campaigns with an entry whose video is this stored file."""
    rows = cur.execute(
        "SELECT DISTINCT campaign_id FROM entries WHERE media_sha256 = ? ORDER BY 1", [sha256]
    ).fetchall()
    return [int(r[0]) for r in rows]
