"""Views once stored: an entry's history, the latest snapshots and V_e for the ranking
(SPEC §5, §6). Importing them: ``views.table_import``; flags: ``views.anomalies``."""

from __future__ import annotations

from datetime import datetime

from scoring.records.views import ViewSnapshot
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.entries.listing import existing_entry
from scoring.storage import views as store
from scoring.storage.rows import Cursor


def view_history(ctx: Context, *, actor: Actor, entry_id: int) -> list[ViewSnapshot]:
    """Every snapshot of one entry, by platform and capture time (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> list[ViewSnapshot]:
        existing_entry(cur, entry_id)
        return store.list_snapshots(cur, entry_id)

    return ctx.db.read(work)


def latest_views(
    ctx: Context, *, actor: Actor, campaign_id: int, cutoff: datetime | None
) -> dict[int, dict[str, ViewSnapshot]]:
    """Entry id → platform → its latest snapshot at or before ``cutoff`` (default: now)."""
    require_role(actor, *STAFF)
    moment = ctx.now() if cutoff is None else cutoff
    shots = ctx.db.read(lambda cur: store.latest_snapshots(cur, campaign_id, moment))
    found: dict[int, dict[str, ViewSnapshot]] = {}
    for shot in shots:
        found.setdefault(shot.entry_id, {})[shot.platform] = shot
    return found


def audience_views(
    ctx: Context, *, actor: Actor, campaign_id: int, cutoff: datetime | None
) -> dict[int, int]:
    """V_e of SPEC §6.4 for every entry of the campaign: the sum over platforms of the
    latest views at or before ``cutoff`` (default: now); 0 when there are none."""
    require_role(actor, *STAFF)
    moment = ctx.now() if cutoff is None else cutoff
    return ctx.db.read(lambda cur: store.audience_totals(cur, campaign_id, moment))
