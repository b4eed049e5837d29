"""Recommending units (推荐单位): their liaisons (附件2), the scanned pledges (附件3) of
their works, and per-unit tallies for the office's table of units."""

from __future__ import annotations

from scoring.records.progress import WorkProgress
from scoring.records.units import PledgeFile, UnitContact, UnitTally
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_record


def add_pledge_file(cur: Cursor, pledge: PledgeFile) -> None:
    """Record a stored pledge unless it is known already."""
    if get_pledge_file(cur, pledge.sha256) is None:
        insert_record(cur, "pledge_files", pledge)


def get_pledge_file(cur: Cursor, sha256: str) -> PledgeFile | None:
    """What is known of one stored pledge, or None."""
    return fetch_one(cur, PledgeFile, "SELECT * FROM pledge_files WHERE sha256 = ?", [sha256])


def get_contact(cur: Cursor, campaign_id: int, unit: str) -> UnitContact | None:
    """A unit's liaison in a campaign, or None."""
    return fetch_one(
        cur,
        UnitContact,
        "SELECT * FROM unit_contacts WHERE campaign_id = ? AND unit = ?",
        [campaign_id, unit],
    )


def save_contact(cur: Cursor, contact: UnitContact) -> None:
    """Store a unit's liaison, replacing the one it had."""
    cur.execute(
        "DELETE FROM unit_contacts WHERE campaign_id = ? AND unit = ?",
        [contact.campaign_id, contact.unit],
    )
    insert_record(cur, "unit_contacts", contact)


def list_contacts(cur: Cursor, campaign_id: int) -> list[UnitContact]:
    """Every liaison of a campaign, by unit."""
    return fetch_records(
        cur,
        UnitContact,
        "SELECT * FROM unit_contacts WHERE campaign_id = ? ORDER BY unit",
        [campaign_id],
    )


def unit_tallies(cur: Cursor, campaign_id: int) -> list[UnitTally]:
    """Per unit (the registering unit, else the work's 推荐单位): works, received, no pledge."""
    return fetch_records(
        cur,
        UnitTally,
        """
        WITH owned AS (
            SELECT CASE WHEN e.unit <> '' THEN e.unit ELSE trim(e.recommender) END AS unit,
                   e.stage, e.copyright_pledge
            FROM entries e WHERE e.campaign_id = ?
        )
        SELECT unit, count(*) AS registered,
               count(*) FILTER (WHERE stage = 'received') AS forwarded,
               count(*) FILTER (WHERE NOT copyright_pledge) AS without_pledge
        FROM owned WHERE unit <> '' GROUP BY unit ORDER BY unit
        """,
        [campaign_id],
    )


def unit_work_progress(cur: Cursor, campaign_id: int, unit: str) -> list[WorkProgress]:
    """Judging of the unit's received works: open assignments and submitted scorecards."""
    return fetch_records(
        cur,
        WorkProgress,
        """
        SELECT e.id AS entry_id,
               (SELECT count(*) FROM assignments a WHERE a.entry_id = e.id AND NOT EXISTS (
                    SELECT 1 FROM conflicts c
                    WHERE c.judge_id = a.judge_id AND c.entry_id = a.entry_id)) AS assigned,
               (SELECT count(*) FROM scorecards s
                 WHERE s.entry_id = e.id AND s.status = 'submitted') AS submitted
        FROM entries e
        WHERE e.campaign_id = ? AND e.unit = ? AND e.stage = 'received'
        ORDER BY e.code
        """,
        [campaign_id, unit],
    )
