"""Installation-wide state: which campaign is active, whether this is a demo database."""

from __future__ import annotations

from scoring.storage.rows import Cursor

ACTIVE_CAMPAIGN = "active_campaign_id"
DEMO = "demo"


def get_value(cur: Cursor, key: str) -> str | None:
    """Return the stored value of ``key`` or None."""
    row = cur.execute("SELECT value FROM installation WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_value(cur: Cursor, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (insert or replace)."""
    cur.execute(
        "INSERT INTO installation VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
        [key, value, value],
    )


def active_campaign_id(cur: Cursor) -> int | None:
    """The id of the campaign the app works on, or None before any exists."""
    value = get_value(cur, ACTIVE_CAMPAIGN)
    return int(value) if value else None


def set_active_campaign(cur: Cursor, campaign_id: int) -> None:
    """Make ``campaign_id`` the campaign the app works on."""
    set_value(cur, ACTIVE_CAMPAIGN, str(campaign_id))
