"""services/judging/_paper_rows.py: what a paper sheet is checked against, and one row stored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.domain.paper import PaperRow
from scoring.enums import ConflictKind, EntryStage, Role, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput, NotFound
from scoring.records.judging import Conflict
from scoring.services.context import Actor, Context
from scoring.services.judging import _paper_rows as rows
from scoring.storage import assignments
from scoring.storage import audit as audit_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import scorecards as card_store
from scoring.storage.audit import AuditFilter
from tests.campaign_factory import make_campaign
from tests.conftest import T0, FakeClock

CLERK = Actor("clerk", Role.COORDINATOR, 99)


def test_sheet_facts_gather_judges_received_entries_assignments_conflicts_and_cards(
    ctx: Context,
) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    camp.judge("coord", role=Role.COORDINATOR)
    a = camp.entry("A1")
    camp.entry("D1", unit="西北师大", stage=EntryStage.DRAFT)
    camp.assign(wang, a)
    conflict = Conflict(
        judge_id=li.id, entry_id=a.id, kind=ConflictKind.RECUSAL, declared_by="li", declared_at=T0
    )
    ctx.db.write(lambda c: assignments.add_conflict(c, conflict))
    card = camp.card(wang, a, 7.0)
    facts = ctx.db.read(lambda c: rows.sheet_facts(c, camp.campaign_id))
    assert [j.username for j in facts.judges] == ["li", "wang"]
    assert facts.entries == {"A1": a.id}
    assert facts.assigned == frozenset({(wang.id, a.id)})
    assert facts.conflicts == {(li.id, a.id): ConflictKind.RECUSAL}
    assert facts.cards == {(wang.id, a.id): card}
    assert len(facts.criteria) == 6
    only_li = ctx.db.read(lambda c: rows.sheet_facts(c, camp.campaign_id, judge_id=li.id))
    assert only_li.cards == {}


def test_open_campaign_refuses_unknown_and_closed(ctx: Context, clock: FakeClock) -> None:
    camp = make_campaign(ctx)
    assert (
        ctx.db.read(lambda c: rows.open_campaign(c, ctx, camp.campaign_id)).id == camp.campaign_id
    )
    with pytest.raises(NotFound):
        ctx.db.read(lambda c: rows.open_campaign(c, ctx, camp.campaign_id + 1))
    ctx.db.write(lambda c: campaign_store.set_archived_at(c, camp.campaign_id, T0))
    with pytest.raises(InvalidInput) as raised:
        ctx.db.read(lambda c: rows.open_campaign(c, ctx, camp.campaign_id))
    assert (raised.value.key, raised.value.params) == (
        "error.scoring_closed",
        {"deadline": "2026-03-01 17:00"},  # Asia/Shanghai
    )


def test_store_row_takes_over_an_app_draft_as_a_submitted_paper_card(
    ctx: Context, clock: FakeClock
) -> None:
    camp = make_campaign(ctx)
    wang, a = camp.judge("wang"), camp.entry("A1")
    draft = camp.card(wang, a, 5.0, status=ScorecardStatus.DRAFT)
    campaign = ctx.db.read(lambda c: campaign_store.get_campaign(c, camp.campaign_id))
    assert campaign is not None
    facts = ctx.db.read(lambda c: rows.sheet_facts(c, camp.campaign_id))
    clock.advance(hours=1)
    row = PaperRow(
        line=2,
        judge_id=wang.id,
        judge="wang",
        entry_id=a.id,
        code="A1",
        marks={"lively": 9.0},
        comment="纸质",
        submitted=True,
        outcome="update",
    )
    ctx.db.write(
        lambda c: rows.store_row(
            c, ctx, CLERK, row, campaign=campaign, facts=facts, via={"sheet": "s.xlsx"}
        )
    )
    card = ctx.db.read(lambda c: card_store.get_scorecard(c, draft.id))
    assert card is not None
    assert (card.source, card.entered_by, card.watch_share, card.status, card.comment) == (
        ScorecardSource.PAPER,
        99,
        None,
        ScorecardStatus.SUBMITTED,
        "纸质",
    )
    assert card.marks == {**draft.marks, "lively": 9.0}
    (line,) = ctx.db.read(lambda c: audit_store.list_events(c, AuditFilter(action="score.paper")))
    assert (line.actor, line.target) == ("clerk", "A1")
    assert line.details["fields"] == ["source", "watch_share", "lively", "comment", "status"]
    assert line.details["sheet"] == "s.xlsx"
    unchanged = replace(row, outcome="unchanged", comment="不写")
    ctx.db.write(
        lambda c: rows.store_row(c, ctx, CLERK, unchanged, campaign=campaign, facts=facts, via={})
    )
    assert ctx.db.read(lambda c: card_store.get_scorecard(c, draft.id)) == card
