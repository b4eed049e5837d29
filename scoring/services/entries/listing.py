"""The coordinators' table of entries."""

from __future__ import annotations

from scoring.records import EntrySummary
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import entries as store


def entry_table(ctx: Context, *, actor: Actor, campaign_id: int) -> list[EntrySummary]:
    """Every entry of the campaign with media facts and scorecard counts (staff only)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.entry_summaries(cur, campaign_id))
