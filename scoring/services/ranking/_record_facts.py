"""Facts the decision record states besides the ranking: who judged (cards, paper cards,
conflicts and recusals) and what the audit log holds (saves, reopens, overrides, imports,
the 附件5 files exported with their sha256)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from scoring.enums import ConflictKind, Role, ScorecardSource, ScorecardStatus
from scoring.records.audit import AuditEvent
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import audit as audit_store
from scoring.storage import entries as entry_store
from scoring.storage.assignments import list_assignments, list_conflicts
from scoring.storage.audit import AuditFilter
from scoring.storage.rows import Cursor
from scoring.storage.scorecards import list_scorecards
from scoring.storage.users import list_users

# The audit actions the record counts, by the line they are counted on.
COUNTED: Final = {
    "saves": ("score.save", "score.submit"),
    "reopens": ("score.reopen",),
    "paper": ("score.paper",),
    "overrides": ("shortlist.in", "shortlist.out", "shortlist.undo"),
    "imports": ("entries.import", "views.import", "scores.import"),
    "neutralised": ("views.neutralise", "views.restore"),
    "settings": ("ranking.settings", "campaign.settings", "rubric.edit", "rules.save"),
    "exports": ("export.shortlist",),
}
EXPORT_ACTION: Final = "export.shortlist"


@dataclass(frozen=True, kw_only=True)
class JudgeFacts:
    """One judge of the panel."""

    username: str
    name: str
    unit: str
    submitted: int
    paper: int
    conflicts: tuple[str, ...]  # codes kept from the judge: same unit
    recusals: tuple[tuple[str, str], ...]  # (code, reason) the judge declared


@dataclass(frozen=True, kw_only=True)
class AuditFacts:
    """Counts from the audit log and the 附件5 exports it records."""

    counts: dict[str, int]
    exports: tuple[AuditEvent, ...]  # oldest first


def panel_facts(ctx: Context, *, actor: Actor, campaign_id: int) -> list[JudgeFacts]:
    """Every judge assigned to or scoring in the campaign, with their cards and conflicts."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: _panel(cur, campaign_id))


def _panel(cur: Cursor, campaign_id: int) -> list[JudgeFacts]:
    codes = {e.id: e.code for e in entry_store.list_entries(cur, campaign_id)}
    cards = list_scorecards(cur, campaign_id)
    conflicts = list_conflicts(cur, campaign_id)
    involved = {a.judge_id for a in list_assignments(cur, campaign_id)}
    involved |= {c.judge_id for c in cards} | {c.judge_id for c in conflicts}
    out = []
    for judge in list_users(cur, role=Role.JUDGE):
        if judge.id not in involved:
            continue
        done = [
            c for c in cards if c.judge_id == judge.id and c.status is ScorecardStatus.SUBMITTED
        ]
        mine = sorted(
            (c for c in conflicts if c.judge_id == judge.id), key=lambda c: codes[c.entry_id]
        )
        out.append(
            JudgeFacts(
                username=judge.username,
                name=judge.display_name or judge.username,
                unit=judge.unit,
                submitted=len(done),
                paper=sum(c.source is ScorecardSource.PAPER for c in done),
                conflicts=tuple(codes[c.entry_id] for c in mine if c.kind is ConflictKind.UNIT),
                recusals=tuple(
                    (codes[c.entry_id], c.reason) for c in mine if c.kind is ConflictKind.RECUSAL
                ),
            )
        )
    return out


def audit_facts(ctx: Context, *, actor: Actor, campaign_id: int) -> AuditFacts:
    """How many saves, reopens, overrides, imports … and each 附件5 export's sha256."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> AuditFacts:
        by_action = audit_store.count_actions(cur, campaign_id)
        flt = AuditFilter(action=EXPORT_ACTION, campaign_id=campaign_id, limit=10_000)
        exports = audit_store.list_events(cur, flt)
        counts = {
            name: sum(by_action.get(a, 0) for a in actions) for name, actions in COUNTED.items()
        }
        return AuditFacts(counts=counts, exports=tuple(reversed(exports)))

    return ctx.db.read(work)
