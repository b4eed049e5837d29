"""services/campaigns/active.py: creating a campaign, the active one, its rubric, archiving."""

from __future__ import annotations

import pytest

from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.enums import Role
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.campaigns import NewCampaign
from scoring.services.campaigns import active
from scoring.services.context import Actor, Context
from scoring.storage import audit as audit_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import installation
from scoring.storage.audit import AuditFilter
from tests.campaign_factory import make_campaign
from tests.conftest import SHELL, T0, FakeClock

COORD = Actor("coord", Role.COORDINATOR, 2)
JUDGE = Actor("wang", Role.JUDGE, 3)
UNIT = Actor("unit", Role.UNIT, 4, "西北师大")


def test_no_campaign_is_active_before_one_exists(ctx: Context) -> None:
    assert active.active_campaign(ctx) is None


def test_the_first_campaign_created_becomes_active_and_stays(
    ctx: Context, clock: FakeClock
) -> None:
    clock.advance(minutes=5)
    first = active.create_campaign(
        ctx, actor=SHELL, campaign=NewCampaign(name="2024", created_at=T0)
    )
    active.create_campaign(ctx, actor=SHELL, campaign=NewCampaign(name="2025", created_at=T0))
    assert first.created_at == clock.current  # the service's clock, not the caller's
    assert active.active_campaign(ctx) == first
    events = ctx.db.read(
        lambda c: audit_store.list_events(c, AuditFilter(action="campaign.create"))
    )
    assert [(e.actor, e.target, e.campaign_id) for e in events][-1] == (
        SHELL.name,
        "2024",
        first.id,
    )


def test_only_an_admin_creates_a_campaign(ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        active.create_campaign(ctx, actor=COORD, campaign=NewCampaign(name="x", created_at=T0))
    assert ctx.db.read(campaign_store.list_campaigns) == []


def test_a_new_campaign_has_the_default_rubric_every_role_but_unit_may_read(ctx: Context) -> None:
    camp = make_campaign(ctx)
    for actor in (JUDGE, COORD, SHELL):
        criteria = active.rubric(ctx, actor=actor, campaign_id=camp.campaign_id)
        assert [(c.key, c.position, c.weight) for c in criteria] == [
            (spec.key, i, spec.weight) for i, spec in enumerate(DEFAULT_RUBRIC)
        ]
    with pytest.raises(NotAllowed):
        active.rubric(ctx, actor=UNIT, campaign_id=camp.campaign_id)


def test_is_demo_reads_the_installation_flag(ctx: Context) -> None:
    assert active.is_demo(ctx) is False
    ctx.db.write(lambda c: installation.set_value(c, installation.DEMO, "true"))
    assert active.is_demo(ctx) is True


def test_ensure_writable_refuses_an_archived_or_unknown_campaign(ctx: Context) -> None:
    camp = make_campaign(ctx, "2024年")
    stored = ctx.db.read(lambda c: active.ensure_writable(c, camp.campaign_id))
    assert stored.name == "2024年"
    ctx.db.write(lambda c: campaign_store.set_archived_at(c, camp.campaign_id, T0))
    with pytest.raises(InvalidInput) as raised:
        ctx.db.read(lambda c: active.ensure_writable(c, camp.campaign_id))
    assert (raised.value.key, raised.value.params) == (
        "error.campaign_archived",
        {"campaign": "2024年", "at": "2026-03-01 09:00 UTC"},
    )
    with pytest.raises(NotFound) as missing:
        ctx.db.read(lambda c: active.ensure_writable(c, camp.campaign_id + 1))
    assert missing.value.params == {"campaign": camp.campaign_id + 1}
