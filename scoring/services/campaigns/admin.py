"""Campaign administration (SPEC §1): create, switch, archive, edit settings — all audited.

An archived campaign is read-only: every service that writes a campaign's data calls
``ensure_writable`` inside its transaction, so the refusal holds whatever a page shows.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scoring.domain.ranking import RankParams, check_params
from scoring.enums import Method, Role
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign, CampaignSettings, NewCampaign
from scoring.services.campaigns.active import create_campaign_in, ensure_writable, known_campaign
from scoring.services.context import Actor, Context, audit, require_role
from scoring.storage import campaigns as store
from scoring.storage import installation
from scoring.storage.rows import Cursor

NAME_MAX = 100
NOTICE_MAX = 200
_TIMES = ("submission_deadline", "scoring_deadline", "starts_at")


def all_campaigns(ctx: Context, *, actor: Actor) -> list[Campaign]:
    """Every campaign of the installation, newest first (admin only)."""
    require_role(actor, Role.ADMIN)
    return ctx.db.read(store.list_campaigns)


def start_campaign(
    ctx: Context, *, actor: Actor, settings: CampaignSettings, activate: bool = False
) -> Campaign:
    """Create a campaign with the default rubric; make it the active one if asked."""
    require_role(actor, Role.ADMIN)
    checked = checked_settings(settings, zone=ctx.settings.timezone)

    def work(cur: Cursor) -> Campaign:
        _refuse_taken_name(cur, checked.name, campaign_id=None)
        draft = NewCampaign(**_values(checked), created_at=ctx.now())
        created = create_campaign_in(cur, ctx, actor=actor, campaign=draft)
        if activate:
            _switch(cur, ctx, actor=actor, campaign=created)
        return created

    return ctx.db.write(work)


def switch_campaign(ctx: Context, *, actor: Actor, campaign_id: int) -> Campaign:
    """Make ``campaign_id`` the campaign the app works on (an archived one stays read-only)."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> Campaign:
        campaign = known_campaign(cur, campaign_id)
        _switch(cur, ctx, actor=actor, campaign=campaign)
        return campaign

    return ctx.db.write(work)


def archive_campaign(ctx: Context, *, actor: Actor, campaign_id: int) -> Campaign:
    """Archive a campaign: from now on it is read-only."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> Campaign:
        campaign = ensure_writable(cur, campaign_id)
        now = ctx.now()
        store.set_archived_at(cur, campaign_id, now)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="campaign.archive",
            target=campaign.name,
            campaign_id=campaign_id,
        )
        return replace(campaign, archived_at=now)

    return ctx.db.write(work)


def unarchive_campaign(ctx: Context, *, actor: Actor, campaign_id: int) -> Campaign:
    """Bring an archived campaign back so it can be changed again."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> Campaign:
        campaign = known_campaign(cur, campaign_id)
        if campaign.archived_at is None:
            raise InvalidInput("error.campaign_not_archived", campaign=campaign.name)
        store.set_archived_at(cur, campaign_id, None)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="campaign.unarchive",
            target=campaign.name,
            campaign_id=campaign_id,
            archived_at=campaign.archived_at,
        )
        return replace(campaign, archived_at=None)

    return ctx.db.write(work)


def edit_campaign(
    ctx: Context, *, actor: Actor, campaign_id: int, settings: CampaignSettings
) -> Campaign:
    """Store new settings; the audit log keeps each changed one as old → new."""
    require_role(actor, Role.ADMIN)
    checked = checked_settings(settings, zone=ctx.settings.timezone)

    def work(cur: Cursor) -> Campaign:
        campaign = ensure_writable(cur, campaign_id)
        _refuse_taken_name(cur, checked.name, campaign_id=campaign_id)
        before, after = _values(CampaignSettings.of(campaign)), _values(checked)
        changed = [name for name in after if _minute(after[name]) != _minute(before[name])]
        if not changed:
            return campaign
        updated = replace(campaign, **{name: after[name] for name in changed})
        store.update_campaign_settings(cur, updated)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="campaign.settings",
            target=updated.name,
            campaign_id=campaign_id,
            old={k: before[k] for k in changed},
            new={k: after[k] for k in changed},
        )
        return updated

    return ctx.db.write(work)


def checked_settings(settings: CampaignSettings, *, zone: str) -> CampaignSettings:
    """Refuse out-of-range settings; return them with a trimmed name and times in UTC."""
    name = settings.name.strip()
    if not name:
        raise InvalidInput("error.campaign_name_blank")
    if len(name) > NAME_MAX:
        raise InvalidInput("error.campaign_name_long", length=len(name), max=NAME_MAX)
    params = check_params(
        RankParams(
            method=settings.method,
            expert_weight=settings.expert_weight,
            min_judges=settings.min_judges,
            top_n=settings.shortlist_size,
        )
    )
    office, notice = settings.office_name.strip(), settings.notice_title.strip()
    for text, limit in ((office, NAME_MAX), (notice, NOTICE_MAX)):
        if len(text) > limit:
            raise InvalidInput("error.campaign_text_long", text=text[:20], max=limit)
    share = settings.watch_share_required
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise InvalidInput("error.campaign_watch_share", value=share)
    times: dict[str, Any] = {key: _utc(getattr(settings, key), zone) for key in _TIMES}
    first, last = times["submission_deadline"], times["scoring_deadline"]
    if first is not None and last is not None and last < first:
        raise InvalidInput(
            "error.campaign_deadlines_order",
            submission=f"{_wall(first, zone):%Y-%m-%d %H:%M}",
            scoring=f"{_wall(last, zone):%Y-%m-%d %H:%M}",
        )
    return replace(
        settings,
        name=name,
        office_name=office,
        notice_title=notice,
        method=Method(params.method),
        expert_weight=params.expert_weight,
        watch_share_required=float(share),
        **times,
    )


def form_values(campaign: Campaign, *, zone: str) -> CampaignSettings:
    """A campaign's settings with its times as wall-clock times in ``zone`` (for a form)."""
    walls: dict[str, Any] = {key: _wall(getattr(campaign, key), zone) for key in _TIMES}
    return replace(CampaignSettings.of(campaign), **walls)


def _wall(moment: datetime | None, zone: str) -> datetime | None:
    return None if moment is None else moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _utc(moment: datetime | None, zone: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def _minute(value: Any) -> Any:
    # Forms show times to the minute: seconds a stored time may carry are no change.
    return value.replace(second=0, microsecond=0) if isinstance(value, datetime) else value


def _values(settings: CampaignSettings) -> dict[str, Any]:
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def _refuse_taken_name(cur: Cursor, name: str, *, campaign_id: int | None) -> None:
    clash = [c for c in store.list_campaigns(cur) if c.name == name and c.id != campaign_id]
    if clash:
        raise InvalidInput("error.campaign_name_taken", name=name)


def _switch(cur: Cursor, ctx: Context, *, actor: Actor, campaign: Campaign) -> None:
    before = installation.active_campaign_id(cur)
    if before == campaign.id:
        return
    installation.set_active_campaign(cur, campaign.id)
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="campaign.switch",
        target=campaign.name,
        campaign_id=campaign.id,
        old=before,
        new=campaign.id,
    )
