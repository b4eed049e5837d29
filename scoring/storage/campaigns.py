"""Campaign rows."""

from __future__ import annotations

from datetime import datetime

from scoring.records.campaigns import Campaign, NewCampaign
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new


def add_campaign(cur: Cursor, campaign: NewCampaign) -> Campaign:
    """Insert a campaign and return it with its id."""
    return insert_new(cur, "campaigns", campaign, Campaign)


def get_campaign(cur: Cursor, campaign_id: int) -> Campaign | None:
    """Return one campaign or None."""
    return fetch_one(cur, Campaign, "SELECT * FROM campaigns WHERE id = ?", [campaign_id])


def list_campaigns(cur: Cursor) -> list[Campaign]:
    """All campaigns, newest first."""
    return fetch_records(cur, Campaign, "SELECT * FROM campaigns ORDER BY id DESC")


def update_ranking_settings(cur: Cursor, campaign: Campaign) -> None:
    """Store a campaign's ranking settings (method, expert weight, N, cutoff)."""
    cur.execute(
        "UPDATE campaigns SET method = ?, expert_weight = ?, shortlist_size = ?,"
        " ranking_cutoff = ? WHERE id = ?",
        [
            campaign.method,
            campaign.expert_weight,
            campaign.shortlist_size,
            campaign.ranking_cutoff,
            campaign.id,
        ],
    )


def update_assignment_settings(
    cur: Cursor, campaign_id: int, *, per_entry: int | None, seed: int
) -> None:
    """Remember how the campaign was last assigned."""
    cur.execute(
        "UPDATE campaigns SET assignment_per_entry = ?, assignment_seed = ? WHERE id = ?",
        [per_entry, seed, campaign_id],
    )


def update_campaign_settings(cur: Cursor, campaign: Campaign) -> None:
    """Store the settings an admin edits on the campaign page (SPEC §1)."""
    cur.execute(
        "UPDATE campaigns SET name = ?, submission_deadline = ?, scoring_deadline = ?,"
        " starts_at = ?, shortlist_size = ?, expert_weight = ?, method = ?, min_judges = ?,"
        " blind_mode = ?, watch_share_required = ?, office_name = ?, notice_title = ?"
        " WHERE id = ?",
        [
            campaign.name,
            campaign.submission_deadline,
            campaign.scoring_deadline,
            campaign.starts_at,
            campaign.shortlist_size,
            campaign.expert_weight,
            campaign.method,
            campaign.min_judges,
            campaign.blind_mode,
            campaign.watch_share_required,
            campaign.office_name,
            campaign.notice_title,
            campaign.id,
        ],
    )


def set_archived_at(cur: Cursor, campaign_id: int, archived_at: datetime | None) -> None:
    """Archive a campaign (a time) or bring it back (None)."""
    cur.execute("UPDATE campaigns SET archived_at = ? WHERE id = ?", [archived_at, campaign_id])
