"""Coordinators' decisions on the result: shortlist swaps and neutralised audience parts,
each with its reason."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from scoring.records.ranking import NewOverride, Override
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new

_NEUTRALISE: Final = "neutralise_audience"  # the override kind that sets A_e to the median


def add_override(cur: Cursor, override: NewOverride) -> Override:
    """Record an override; return it with its id."""
    return insert_new(cur, "overrides", override, Override)


def list_overrides(cur: Cursor, campaign_id: int) -> list[Override]:
    """A campaign's overrides, oldest first (revoked ones included)."""
    return fetch_records(
        cur,
        Override,
        "SELECT * FROM overrides WHERE campaign_id = ? ORDER BY created_at, id",
        [campaign_id],
    )


def revoke_override(
    cur: Cursor, override_id: int, *, by: str, at: datetime, reason: str
) -> Override:
    """Mark an override revoked (who, when, why); return it as stored."""
    cur.execute(
        "UPDATE overrides SET revoked_by = ?, revoked_at = ?, revoke_reason = ? WHERE id = ?",
        [by, at, reason, override_id],
    )
    found = fetch_one(cur, Override, "SELECT * FROM overrides WHERE id = ?", [override_id])
    assert found is not None
    return found


def active_neutralisation(cur: Cursor, entry_id: int) -> Override | None:
    """The entry's unrevoked ``neutralise_audience`` override, or None."""
    return fetch_one(
        cur,
        Override,
        "SELECT * FROM overrides WHERE entry_id = ? AND kind = ? AND revoked_at IS NULL"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        [entry_id, _NEUTRALISE],
    )


def neutralised_entry_ids(cur: Cursor, campaign_id: int) -> set[int]:
    """Entries of a campaign whose audience part is neutralised now."""
    rows = cur.execute(
        "SELECT DISTINCT entry_id FROM overrides"
        " WHERE campaign_id = ? AND kind = ? AND revoked_at IS NULL",
        [campaign_id, _NEUTRALISE],
    ).fetchall()
    return {int(r[0]) for r in rows}
