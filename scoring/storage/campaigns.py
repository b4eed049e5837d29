"""Campaign rows."""

from __future__ import annotations

from scoring.records import Campaign
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_record


def add_campaign(cur: Cursor, campaign: Campaign) -> Campaign:
    """Insert a campaign and return it with its id."""
    found = get_campaign(cur, insert_record(cur, "campaigns", campaign))
    assert found is not None
    return found


def get_campaign(cur: Cursor, campaign_id: int) -> Campaign | None:
    """Return one campaign or None."""
    return fetch_one(cur, Campaign, "SELECT * FROM campaigns WHERE id = ?", [campaign_id])


def list_campaigns(cur: Cursor) -> list[Campaign]:
    """All campaigns, newest first."""
    return fetch_records(cur, Campaign, "SELECT * FROM campaigns ORDER BY id DESC")
