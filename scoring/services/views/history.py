"""Viewing figures once stored: history, latest figures and V_e for the ranking, anomaly
flags, and neutralising an entry's audience part (SPEC §5, §6). Import: ``figures_import``."""

from __future__ import annotations

from datetime import datetime

from scoring.domain.anomalies import Flag, detect_anomalies
from scoring.errors import InvalidInput, NotFound
from scoring.records import Entry, Override, ViewSnapshot
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.storage import compliance
from scoring.storage import entries as entry_store
from scoring.storage import views as store
from scoring.storage.rows import Cursor

NEUTRALISE = "neutralise_audience"


def view_history(ctx: Context, *, actor: Actor, entry_id: int) -> list[ViewSnapshot]:
    """Every snapshot of one entry, by platform and capture time (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> list[ViewSnapshot]:
        _entry(cur, entry_id)
        return store.list_snapshots(cur, entry_id)

    return ctx.db.read(work)


def latest_figures(
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


def anomalies(ctx: Context, *, actor: Actor, campaign_id: int) -> list[Flag]:
    """Every anomaly flag of SPEC §5 over the campaign's snapshots (shown, never acted on)."""
    require_role(actor, *STAFF)
    shots = ctx.db.read(lambda cur: store.campaign_snapshots(cur, campaign_id))
    return detect_anomalies(shots, zone=ctx.settings.timezone)


def neutralise_audience(ctx: Context, *, actor: Actor, entry_id: int, reason: str) -> Override:
    """Set an entry's audience part to the median (SPEC §6.5), with a reason; logged."""
    require_role(actor, *STAFF)
    why = _reason(reason)

    def work(cur: Cursor) -> Override:
        entry = _entry(cur, entry_id)
        ensure_writable(cur, entry.campaign_id)
        if store.active_neutralisation(cur, entry_id) is not None:
            raise InvalidInput("views.already_neutralised", code=entry.code)
        override = compliance.add_override(
            cur,
            Override(
                campaign_id=entry.campaign_id,
                entry_id=entry_id,
                kind=NEUTRALISE,
                reason=why,
                created_by=actor.name,
                created_at=ctx.now(),
            ),
        )
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="views.neutralise",
            target=entry.code,
            campaign_id=entry.campaign_id,
            override_id=override.id,
            reason=why,
        )
        return override

    return ctx.db.write(work)


def restore_audience(ctx: Context, *, actor: Actor, entry_id: int, reason: str) -> Override:
    """Undo ``neutralise_audience``: the override is revoked (who, when, why); logged."""
    require_role(actor, *STAFF)
    why = _reason(reason)

    def work(cur: Cursor) -> Override:
        entry = _entry(cur, entry_id)
        ensure_writable(cur, entry.campaign_id)
        active = store.active_neutralisation(cur, entry_id)
        if active is None or active.id is None:
            raise InvalidInput("views.not_neutralised", code=entry.code)
        revoked = compliance.revoke_override(
            cur, active.id, by=actor.name, at=ctx.now(), reason=why
        )
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="views.restore",
            target=entry.code,
            campaign_id=entry.campaign_id,
            override_id=active.id,
            reason=why,
        )
        return revoked

    return ctx.db.write(work)


def neutralised_entries(ctx: Context, campaign_id: int) -> set[int]:
    """Entries whose audience part is neutralised now (for the ranking)."""
    return ctx.db.read(lambda cur: store.neutralised_entry_ids(cur, campaign_id))


def _entry(cur: Cursor, entry_id: int) -> Entry:
    entry = entry_store.get_entry(cur, entry_id)
    if entry is None:
        raise NotFound("error.entry_unknown", entry=entry_id)
    return entry


def _reason(reason: str) -> str:
    why = reason.strip()
    if not why:
        raise InvalidInput("error.reason_required")
    return why
