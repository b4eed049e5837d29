"""Anomaly flags on views (SPEC §5), and neutralising an entry's audience part with a
reason (SPEC §6.5), logged."""

from __future__ import annotations

from typing import Final

from scoring.domain.anomalies import Flag, detect_anomalies
from scoring.errors import InvalidInput
from scoring.records.ranking import NewOverride, Override
from scoring.services.background import KeptResults
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role, required_reason
from scoring.services.entries.listing import existing_entry
from scoring.storage import overrides as override_store
from scoring.storage import views as store
from scoring.storage.rows import Cursor

NEUTRALISE = "neutralise_audience"


# Snapshots above which the flags are computed beside the page (a national round has a
# million: reading and checking them takes seconds).
INLINE_SNAPSHOTS: Final = 100_000
_FLAGS: KeptResults[list[Flag]] = KeptResults("anomalies", kept=4)


def anomalies(ctx: Context, *, actor: Actor, campaign_id: int) -> list[Flag]:
    """Every anomaly flag of SPEC §5 over the campaign's snapshots (shown, never acted on)."""
    require_role(actor, *STAFF)
    key, _ = _key(ctx, campaign_id)
    return _FLAGS.get(key) or _FLAGS.keep(key, _detect(ctx, campaign_id))


def anomalies_if_ready(ctx: Context, *, actor: Actor, campaign_id: int) -> list[Flag] | None:
    """The flags if they are computed (or few enough snapshots to do it now); otherwise
    None, and they are being computed beside the page (ask again later)."""
    require_role(actor, *STAFF)
    key, count = _key(ctx, campaign_id)
    found = _FLAGS.get(key)
    if found is not None:
        return found
    if count <= INLINE_SNAPSHOTS:
        return _FLAGS.keep(key, _detect(ctx, campaign_id))
    _FLAGS.start(key, lambda: _detect(ctx, campaign_id))
    return None


def _key(ctx: Context, campaign_id: int) -> tuple[str, int]:
    """The flags are kept for the campaign's snapshots as they are (count and contents)."""
    count, digest = ctx.db.read(lambda cur: store.snapshots_digest(cur, campaign_id))
    return (
        f"{ctx.settings.database_path}:{campaign_id}:{count}:{digest}:{ctx.settings.timezone}",
        count,
    )


def _detect(ctx: Context, campaign_id: int) -> list[Flag]:
    shots = ctx.db.read(lambda cur: store.campaign_snapshots(cur, campaign_id))
    return detect_anomalies(shots, zone=ctx.settings.timezone)


def neutralise_audience(ctx: Context, *, actor: Actor, entry_id: int, reason: str) -> Override:
    """Set an entry's audience part to the median (SPEC §6.5), with a reason; logged."""
    require_role(actor, *STAFF)
    why = required_reason(reason)

    def work(cur: Cursor) -> Override:
        entry = existing_entry(cur, entry_id)
        ensure_writable(cur, entry.campaign_id)
        if override_store.active_neutralisation(cur, entry_id) is not None:
            raise InvalidInput("views.already_neutralised", code=entry.code)
        override = override_store.add_override(
            cur,
            NewOverride(
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
    why = required_reason(reason)

    def work(cur: Cursor) -> Override:
        entry = existing_entry(cur, entry_id)
        ensure_writable(cur, entry.campaign_id)
        active = override_store.active_neutralisation(cur, entry_id)
        if active is None:
            raise InvalidInput("views.not_neutralised", code=entry.code)
        revoked = override_store.revoke_override(
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
    return ctx.db.read(lambda cur: override_store.neutralised_entry_ids(cur, campaign_id))
