"""The shortlist (SPEC §6.7): the ranking's top N with the coordinators' overrides — an
entry put in or taken out with a reason, withdrawn with a reason, all kept on record."""

from __future__ import annotations

from scoring.domain.shortlist import SWAP_IN, SWAP_OUT, Shortlist, apply_overrides, check_swap
from scoring.errors import InvalidInput
from scoring.records.ranking import NewOverride, Override
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role, required_reason
from scoring.services.ranking.results import RankingResult, compute_ranking
from scoring.storage import entries as entry_store
from scoring.storage import overrides as override_store
from scoring.storage.rows import Cursor


def _active_swaps(overrides: list[Override]) -> tuple[dict[int, str], dict[int, str]]:
    live = [o for o in overrides if o.revoked_at is None]
    return (
        {o.entry_id: o.reason for o in live if o.kind == SWAP_IN},
        {o.entry_id: o.reason for o in live if o.kind == SWAP_OUT},
    )


def shortlist_of(ctx: Context, result: RankingResult) -> Shortlist:
    """The shortlist of a ranking with the campaign's live overrides applied."""
    campaign_id = result.inputs.campaign.id
    overrides = ctx.db.read(lambda cur: override_store.list_overrides(cur, campaign_id))
    swap_in, swap_out = _active_swaps(overrides)
    return apply_overrides(
        result.ranking, top_n=result.params.top_n, swap_in=swap_in, swap_out=swap_out
    )


def swap(
    ctx: Context, *, actor: Actor, campaign_id: int, entry_id: int, kind: str, reason: str
) -> Override:
    """Put an entry into (``shortlist_in``) or take it out of the shortlist, with a reason."""
    require_role(actor, *STAFF)
    why = required_reason(reason)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id)
    entry = check_swap(result.ranking, entry_id=entry_id, kind=kind, top_n=result.params.top_n)

    def work(cur: Cursor) -> Override:
        ensure_writable(cur, campaign_id)
        if _live_swap_of(cur, campaign_id, entry_id):
            raise InvalidInput("error.shortlist_override_exists", code=entry.code)
        made = override_store.add_override(
            cur,
            NewOverride(
                campaign_id=campaign_id,
                entry_id=entry_id,
                kind=kind,
                reason=why,
                created_by=actor.name,
                created_at=ctx.now(),
            ),
        )
        audit(
            cur,
            ctx,
            actor=actor.name,
            action=f"shortlist.{kind.removeprefix('shortlist_')}",
            target=entry.code,
            campaign_id=campaign_id,
            reason=why,
        )
        return made

    return ctx.db.write(work)


def _live_swap_of(cur: Cursor, campaign_id: int, entry_id: int) -> bool:
    """The entry is already put in or taken out by an override in force."""
    return any(
        o.revoked_at is None and o.entry_id == entry_id and o.kind in (SWAP_IN, SWAP_OUT)
        for o in override_store.list_overrides(cur, campaign_id)
    )


def undo_swap(
    ctx: Context, *, actor: Actor, campaign_id: int, override_id: int, reason: str
) -> None:
    """Withdraw a shortlist override (kept in the record as revoked, with a reason)."""
    require_role(actor, *STAFF)
    why = required_reason(reason)

    def work(cur: Cursor) -> None:
        ensure_writable(cur, campaign_id)
        found = [o for o in override_store.list_overrides(cur, campaign_id) if o.id == override_id]
        if not found or found[0].revoked_at is not None or found[0].kind not in (SWAP_IN, SWAP_OUT):
            raise InvalidInput("error.override_not_active", override=override_id)
        override_store.revoke_override(cur, override_id, by=actor.name, at=ctx.now(), reason=why)
        code = entry_store.get_entry(cur, found[0].entry_id)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="shortlist.undo",
            campaign_id=campaign_id,
            target=code.code if code else "",
            override=override_id,
            reason=why,
        )

    ctx.db.write(work)


def live_overrides(ctx: Context, *, actor: Actor, campaign_id: int) -> list[Override]:
    """Shortlist overrides in force."""
    require_role(actor, *STAFF)
    overrides = ctx.db.read(lambda cur: override_store.list_overrides(cur, campaign_id))
    return [o for o in overrides if o.revoked_at is None and o.kind in (SWAP_IN, SWAP_OUT)]
