"""services/ranking/_record_facts.py: who judged, and what the audit log counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scoring.enums import ConflictKind, Role, ScorecardStatus
from scoring.errors import NotAllowed
from scoring.records.audit import NewAuditEvent
from scoring.records.judging import Conflict
from scoring.services.context import Actor, Context
from scoring.services.ranking._record_facts import JudgeFacts, audit_facts, panel_facts
from scoring.storage import assignments
from scoring.storage import audit as audit_store
from tests.campaign_factory import make_campaign
from tests.conftest import SHELL, T0

JUDGE = Actor("wang", Role.JUDGE, 3)


def _conflict(judge_id: int, entry_id: int, kind: ConflictKind, reason: str = "") -> Conflict:
    return Conflict(
        judge_id=judge_id,
        entry_id=entry_id,
        kind=kind,
        reason=reason,
        declared_by="x",
        declared_at=T0,
    )


def test_panel_facts_list_involved_judges_with_cards_conflicts_and_recusals(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang = camp.judge("wang", unit="兰州大学")
    li = camp.judge("li")
    camp.judge("idle")  # neither assigned nor scoring: not on the panel
    b, a = camp.entry("B1"), camp.entry("A1")
    camp.card(wang, a, 8.0)
    camp.card(wang, b, 6.0, status=ScorecardStatus.DRAFT)
    camp.assign(li, a)
    for conflict in (
        _conflict(li.id, b.id, ConflictKind.UNIT),
        _conflict(li.id, a.id, ConflictKind.RECUSAL, "亲属"),
    ):
        ctx.db.write(lambda c, x=conflict: assignments.add_conflict(c, x))
    assert panel_facts(ctx, actor=SHELL, campaign_id=camp.campaign_id) == [
        JudgeFacts(
            username="li",
            name="LI",
            unit="",
            submitted=0,
            paper=0,
            conflicts=("B1",),
            recusals=(("A1", "亲属"),),
        ),
        JudgeFacts(
            username="wang",
            name="WANG",
            unit="兰州大学",
            submitted=1,
            paper=0,
            conflicts=(),
            recusals=(),
        ),
    ]


def test_audit_facts_count_by_line_and_list_exports_oldest_first(ctx: Context) -> None:
    camp = make_campaign(ctx)
    given = [
        ("score.save", 0),
        ("score.submit", 1),
        ("score.reopen", 2),
        ("views.import", 3),
        ("export.shortlist", 4),
        ("export.shortlist", 5),
    ]
    events = [
        NewAuditEvent(
            logged_at=T0 + timedelta(minutes=m),
            actor="coord",
            campaign_id=camp.campaign_id,
            action=action,
            target=str(m),
        )
        for action, m in given
    ]
    other = NewAuditEvent(
        logged_at=T0, actor="c", campaign_id=camp.campaign_id + 1, action="score.save"
    )
    ctx.db.write(lambda c: audit_store.append_events(c, [*events, other]))
    facts = audit_facts(ctx, actor=SHELL, campaign_id=camp.campaign_id)
    assert facts.counts == {
        "saves": 2,
        "reopens": 1,
        "paper": 0,
        "overrides": 0,
        "imports": 1,
        "neutralised": 0,
        "settings": 0,
        "exports": 2,
    }
    assert [e.target for e in facts.exports] == ["4", "5"]


def test_the_record_facts_are_for_staff_only(ctx: Context) -> None:
    camp = make_campaign(ctx)
    with pytest.raises(NotAllowed):
        panel_facts(ctx, actor=JUDGE, campaign_id=camp.campaign_id)
    with pytest.raises(NotAllowed):
        audit_facts(ctx, actor=JUDGE, campaign_id=camp.campaign_id)
