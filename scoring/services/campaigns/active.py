"""Campaigns: creating one with the default rubric, and which one is active."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.enums import Role
from scoring.errors import InvalidInput, NotFound
from scoring.records.campaigns import Campaign, NewCampaign
from scoring.records.judging import Criterion
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.storage import campaigns as store
from scoring.storage import installation
from scoring.storage.rows import Cursor
from scoring.storage.rubric import add_criterion, list_criteria


def create_campaign_in(
    cur: Cursor, ctx: Context, *, actor: Actor, campaign: NewCampaign
) -> Campaign:
    """Insert a campaign with the default rubric inside the caller's transaction."""
    created = store.add_campaign(cur, replace(campaign, created_at=ctx.now()))
    for position, spec in enumerate(DEFAULT_RUBRIC):
        add_criterion(
            cur,
            Criterion(
                campaign_id=created.id,
                key=spec.key,
                position=position,
                name_zh=spec.name_zh,
                name_en=spec.name_en,
                description_zh=spec.description_zh,
                description_en=spec.description_en,
                weight=spec.weight,
            ),
        )
    if installation.get_value(cur, installation.ACTIVE_CAMPAIGN) is None:
        installation.set_value(cur, installation.ACTIVE_CAMPAIGN, str(created.id))
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="campaign.create",
        target=created.name,
        campaign_id=created.id,
    )
    return created


def create_campaign(ctx: Context, *, actor: Actor, campaign: NewCampaign) -> Campaign:
    """Create a campaign with the default rubric (admin only)."""
    require_role(actor, Role.ADMIN)
    return ctx.db.write(lambda cur: create_campaign_in(cur, ctx, actor=actor, campaign=campaign))


def active_campaign(ctx: Context) -> Campaign | None:
    """The campaign the app works on, or None before any exists."""

    def work(cur: Cursor) -> Campaign | None:
        value = installation.get_value(cur, installation.ACTIVE_CAMPAIGN)
        return store.get_campaign(cur, int(value)) if value else None

    return ctx.db.read(work)


def rubric(ctx: Context, *, actor: Actor, campaign_id: int) -> list[Criterion]:
    """A campaign's rubric (every role may read it)."""
    require_role(actor, Role.JUDGE, *STAFF)
    return ctx.db.read(lambda cur: list_criteria(cur, campaign_id))


def is_demo(ctx: Context) -> bool:
    """True while the database is the seeded demo."""
    return ctx.db.read(lambda cur: installation.get_value(cur, installation.DEMO)) == "true"


def known_campaign(cur: Cursor, campaign_id: int) -> Campaign:
    """The campaign, or NotFound naming the id."""
    campaign = store.get_campaign(cur, campaign_id)
    if campaign is None:
        raise NotFound("error.campaign_unknown", campaign=campaign_id)
    return campaign


def ensure_writable(cur: Cursor, campaign_id: int) -> Campaign:
    """Return the campaign, or refuse (InvalidInput) when it is archived and so read-only."""
    campaign = known_campaign(cur, campaign_id)
    if campaign.archived_at is not None:
        raise InvalidInput(
            "error.campaign_archived",
            campaign=campaign.name,
            at=f"{campaign.archived_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
        )
    return campaign
