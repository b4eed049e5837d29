"""Who scores what (SPEC §4): every judge every entry, or k judges per entry with balanced
loads, never across a conflict of interest, never dropping a scorecard that has marks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.domain.assignment import EntryParties, JudgeUnit, has_unit_conflict, unit_conflicts
from scoring.domain.balanced_assignment import AssignmentPlan, assign_per_entry, plan_every_judge
from scoring.enums import ConflictKind, Role
from scoring.records.entries import Entry
from scoring.records.judging import Conflict
from scoring.records.users import User
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import Actor, Context, audit, require_role
from scoring.storage import assignments as assignment_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor
from scoring.storage.users import list_users


def judge_may_open(cur: Cursor, judge: User, entry: Entry) -> bool:
    """Assigned, not recused, and no shared unit with the entry as it is now.

    Decided from the current data on every check: an entry edited or re-imported after
    the assignment can name the judge's unit, and must close to that judge at once.
    """
    return judges_may_open(cur, [(judge, entry)])[0]


def judges_may_open(cur: Cursor, pairs: Sequence[tuple[User, Entry]]) -> list[bool]:
    """``judge_may_open`` for each (judge, entry), the assignments and conflicts read once
    (a batch of judges' saves is checked with one query)."""
    ids = [(j.id, e.id) for j, e in pairs]
    open_pairs = assignment_store.open_pairs(cur, ids) if ids else set()
    return [
        not j.disabled
        and (j.id, e.id) in open_pairs
        and not has_unit_conflict(
            JudgeUnit(j.id, j.unit), EntryParties(e.id, e.producer, e.submitter, e.recommender)
        )
        for j, e in pairs
    ]


@dataclass(frozen=True, kw_only=True)
class AssignmentReport:
    """What an assignment run did."""

    plan: AssignmentPlan
    per_entry: int | None
    added: int
    removed: int
    new_conflicts: int
    judges: dict[int, str]  # id → username
    codes: dict[int, str]  # entry id → code

    def lists(self) -> dict[str, list[str]]:
        """Judge username → the codes of their entries (``assign --json``)."""
        out: dict[str, list[str]] = {name: [] for name in sorted(self.judges.values())}
        for judge_id, entry_id in self.plan.pairs:
            out[self.judges[judge_id]].append(self.codes[entry_id])
        return {name: sorted(codes) for name, codes in out.items()}


def _record_unit_conflicts(cur: Cursor, ctx: Context, barred: set[tuple[int, int]]) -> int:
    known = {(c.judge_id, c.entry_id) for c in assignment_store.list_conflicts_all(cur)}
    fresh = sorted(barred - known)
    for judge_id, entry_id in fresh:
        assignment_store.add_conflict(
            cur,
            Conflict(
                judge_id=judge_id,
                entry_id=entry_id,
                kind=ConflictKind.UNIT,
                declared_by="system",
                declared_at=ctx.now(),
            ),
        )
    return len(fresh)


@dataclass(frozen=True, kw_only=True)
class _Pool:
    """Who may be assigned what: enabled judges, received entries, and the pairs barred or
    kept (a card with marks is never dropped)."""

    judges: list[User]
    entries: list[Entry]
    units: set[tuple[int, int]]  # (judge id, entry id) sharing a unit
    barred: set[tuple[int, int]]  # units and declared conflicts
    keep: set[tuple[int, int]]


def run_assignment(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    per_entry: int | None = None,
    seed: int | None = None,
) -> AssignmentReport:
    """Assign the campaign's entries to its enabled judges (admin only); logs the seed."""
    require_role(actor, Role.ADMIN)
    chosen_seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)

    def work(cur: Cursor) -> AssignmentReport:
        ensure_writable(cur, campaign_id)
        pool = _read_pool(cur, campaign_id)
        plan = _plan(pool, per_entry=per_entry, seed=chosen_seed)
        new_conflicts = _record_unit_conflicts(cur, ctx, pool.units)
        added, removed = assignment_store.replace_assignments(
            cur, campaign_id, plan.pairs, at=ctx.now(), seed=chosen_seed
        )
        campaign_store.update_assignment_settings(
            cur, campaign_id, per_entry=per_entry, seed=chosen_seed
        )
        report = AssignmentReport(
            plan=plan,
            per_entry=per_entry,
            added=added,
            removed=removed,
            new_conflicts=new_conflicts,
            judges={j.id: j.username for j in pool.judges},
            codes={e.id: e.code for e in pool.entries},
        )
        _audit_run(cur, ctx, actor, campaign_id=campaign_id, seed=chosen_seed, report=report)
        return report

    return ctx.db.write(work)


def _audit_run(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    *,
    campaign_id: int,
    seed: int,
    report: AssignmentReport,
) -> None:
    """The run's audit line: its settings and seed (so it can be repeated) and what changed."""
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="assignment.run",
        campaign_id=campaign_id,
        per_entry=report.per_entry,
        seed=seed,
        pairs=len(report.plan.pairs),
        added=report.added,
        removed=report.removed,
        kept=len(report.plan.kept),
        connected=report.plan.connected,
    )


def _read_pool(cur: Cursor, campaign_id: int) -> _Pool:
    judges = [u for u in list_users(cur, role=Role.JUDGE) if not u.disabled]
    entries = entry_store.list_entries(cur, campaign_id)
    units = unit_conflicts(
        [JudgeUnit(j.id, j.unit) for j in judges],
        [EntryParties(e.id, e.producer, e.submitter, e.recommender) for e in entries],
    )
    declared = {(c.judge_id, c.entry_id) for c in assignment_store.list_conflicts(cur, campaign_id)}
    judge_ids = {j.id for j in judges}
    keep = {p for p in assignment_store.pairs_with_marks(cur, campaign_id) if p[0] in judge_ids}
    return _Pool(judges=judges, entries=entries, units=units, barred=units | declared, keep=keep)


def _plan(pool: _Pool, *, per_entry: int | None, seed: int) -> AssignmentPlan:
    """Every judge every entry, or ``per_entry`` judges per entry with balanced loads."""
    judge_ids = [j.id for j in pool.judges]
    entry_ids = [e.id for e in pool.entries]
    if per_entry is None:
        return plan_every_judge(
            judge_ids=judge_ids, entry_ids=entry_ids, barred=pool.barred, keep=pool.keep, seed=seed
        )
    return assign_per_entry(
        judge_ids=judge_ids,
        entry_ids=entry_ids,
        barred=pool.barred,
        keep=pool.keep,
        seed=seed,
        per_entry=per_entry,
    )


@dataclass(frozen=True, kw_only=True)
class ConflictLine:
    """A judge kept off an entry, and why."""

    username: str
    code: str
    kind: ConflictKind
    reason: str


@dataclass(frozen=True, kw_only=True)
class AssignmentOverview:
    """The campaign's assignment as the admin page shows it."""

    per_entry: int | None
    seed: int | None
    loads: dict[str, int]
    conflicts: list[ConflictLine]


def assignment_overview(ctx: Context, *, actor: Actor, campaign_id: int) -> AssignmentOverview:
    """Current mode, seed, entries per judge and every conflict (admin only)."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> AssignmentOverview:
        campaign = campaign_store.get_campaign(cur, campaign_id)
        assert campaign is not None
        names = {u.id: u.username for u in list_users(cur, role=Role.JUDGE)}
        codes = {e.id: e.code for e in entry_store.list_entries(cur, campaign_id)}
        loads = dict.fromkeys(sorted(names.values()), 0)
        for a in assignment_store.list_assignments(cur, campaign_id):
            if a.judge_id in names:
                loads[names[a.judge_id]] += 1
        conflicts = [
            ConflictLine(
                username=names.get(c.judge_id, str(c.judge_id)),
                code=codes.get(c.entry_id, str(c.entry_id)),
                kind=c.kind,
                reason=c.reason,
            )
            for c in assignment_store.list_conflicts(cur, campaign_id)
        ]
        return AssignmentOverview(
            per_entry=campaign.assignment_per_entry,
            seed=campaign.assignment_seed,
            loads=loads,
            conflicts=conflicts,
        )

    return ctx.db.read(work)


def unassigned_judges(ctx: Context, *, actor: Actor, campaign_id: int) -> list[User]:
    """Enabled judges with no entry of the campaign although it has entries (admin only):
    added, enabled again or made a judge since the last assignment run, which must be
    run again before they see anything."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> list[User]:
        if not entry_store.list_entries(cur, campaign_id):
            return []
        busy = {a.judge_id for a in assignment_store.list_assignments(cur, campaign_id)}
        judges = list_users(cur, role=Role.JUDGE)
        return [j for j in judges if not j.disabled and j.id not in busy]

    return ctx.db.read(work)
