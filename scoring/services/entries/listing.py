"""Reading entries: one entry by id (or a clear "not found"), the coordinators' table."""

from __future__ import annotations

from scoring.enums import EntryStage
from scoring.errors import NotFound
from scoring.records import Entry, EntrySummary
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import entries as store
from scoring.storage.rows import Cursor


def entry_table(ctx: Context, *, actor: Actor, campaign_id: int) -> list[EntrySummary]:
    """Every entry of the campaign with media facts and scorecard counts (staff only)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.entry_summaries(cur, campaign_id))


def existing_entry(cur: Cursor, entry_id: int) -> Entry:
    """The received entry with this id; NotFound when there is none (a recommending unit's
    draft is not the office's to open, judge, score or rank)."""
    entry = store.get_entry(cur, entry_id)
    if entry is None or entry.stage is not EntryStage.RECEIVED:
        raise NotFound("error.entry_unknown", entry=entry_id)
    return entry
