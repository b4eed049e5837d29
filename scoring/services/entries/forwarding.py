"""A recommending unit forwards its chosen works to the office (SPEC §1; the notice's
五（二）): at least one, at most two, by the campaign's 报送截止时间. Forwarded works
are the office's from then on: read-only to the unit, and in judging, ranking and exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from scoring.domain.forwarding import MAX_WORKS, check_forwarding, received_for
from scoring.enums import Severity
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign
from scoring.records.entries import Entry
from scoring.services.campaigns.active import ensure_writable, known_campaign
from scoring.services.compliance import recompute_findings
from scoring.services.context import Actor, Context, audit
from scoring.services.entries._unit_scope import owned_draft, unit_of
from scoring.storage import compliance as compliance_store
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor


@dataclass(frozen=True)
class ForwardingState:
    """Where the unit stands: the deadline (shown in the installation's zone), whether it
    has passed, and how many of its two works the office already holds."""

    deadline: datetime | None
    deadline_text: str
    closed: bool
    forwarded: int
    left: int


def _deadline_text(campaign: Campaign, zone: str) -> str:
    deadline = campaign.submission_deadline
    return "" if deadline is None else f"{deadline.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"


def _forwarded(cur: Cursor, campaign_id: int, unit: str) -> int:
    received = entry_store.list_entries(cur, campaign_id)
    return received_for(unit, [(e.unit, e.recommender) for e in received])


def forwarding_state(ctx: Context, *, actor: Actor, campaign_id: int) -> ForwardingState:
    """The unit's forwarding: deadline, closed or not, works held by the office, left."""
    unit = unit_of(actor)

    def work(cur: Cursor) -> ForwardingState:
        campaign = known_campaign(cur, campaign_id)
        done = _forwarded(cur, campaign_id, unit)
        deadline = campaign.submission_deadline
        return ForwardingState(
            deadline=deadline,
            deadline_text=_deadline_text(campaign, ctx.settings.timezone),
            closed=deadline is not None and ctx.now() > deadline,
            forwarded=done,
            left=max(0, MAX_WORKS - done),
        )

    return ctx.db.read(work)


def forward_works(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    entry_ids: Sequence[int],
    accept_errors: bool = False,
) -> list[Entry]:
    """Forward the unit's chosen drafts to the office in one transaction, or refuse all:
    past the deadline, none chosen, more than two in the office's hands, another unit's
    work, or (unless ``accept_errors``) a work with an error finding."""
    unit = unit_of(actor)
    chosen = sorted(set(entry_ids))

    def work(cur: Cursor) -> list[Entry]:
        campaign = ensure_writable(cur, campaign_id)
        drafts = [owned_draft(cur, actor, entry_id) for entry_id in chosen]
        if any(d.campaign_id != campaign_id for d in drafts):
            raise InvalidInput("forward.other_campaign")
        now = ctx.now()
        check_forwarding(
            already=_forwarded(cur, campaign_id, unit),
            chosen=len(drafts),
            now=now,
            deadline=campaign.submission_deadline,
            deadline_text=_deadline_text(campaign, ctx.settings.timezone),
        )
        flawed = [d.code for d in drafts if _has_errors(cur, d)]
        if flawed and not accept_errors:
            raise InvalidInput("forward.has_errors", codes=", ".join(flawed))
        entry_store.forward_entries(cur, chosen, now=now)
        for draft in drafts:
            _audit_forward(cur, ctx, actor, draft, unit=unit, with_errors=draft.code in flawed)
        recompute_findings(cur, ctx, campaign_id)
        return [e for e in (entry_store.get_entry(cur, i) for i in chosen) if e is not None]

    return ctx.db.write(work)


def _audit_forward(
    cur: Cursor, ctx: Context, actor: Actor, draft: Entry, *, unit: str, with_errors: bool
) -> None:
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="entry.forward",
        target=draft.code,
        campaign_id=draft.campaign_id,
        entry_id=draft.id,
        unit=unit,
        with_errors=with_errors,
    )


def _has_errors(cur: Cursor, entry: Entry) -> bool:
    found = compliance_store.entry_findings(cur, entry.id)
    return any(f.severity is Severity.ERROR for f in found)
