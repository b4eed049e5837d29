"""Assignment through the service: modes, kept marks, conflicts, the logged seed."""

from __future__ import annotations

import pytest

from scoring.enums import Role
from scoring.errors import InvalidInput, NotAllowed
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.judging import scorecards
from scoring.services.judging.assignment import (
    assignment_overview,
    judge_may_open,
    judges_may_open,
    run_assignment,
    unassigned_judges,
)
from scoring.storage import entries as entry_store
from scoring.storage.assignments import list_assignments, pairs_with_marks
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.users import list_users
from tests.conftest import SHELL


def test_k_per_entry_keeps_every_scorecard_with_marks(demo_ctx: Context) -> None:
    marked = demo_ctx.db.read(lambda c: pairs_with_marks(c, 1))
    report = run_assignment(demo_ctx, actor=SHELL, campaign_id=1, per_entry=3, seed=11)
    pairs = set(report.plan.pairs)
    assert marked <= pairs
    assert set(report.plan.kept) == marked
    stored = {(a.judge_id, a.entry_id) for a in demo_ctx.db.read(lambda c: list_assignments(c, 1))}
    assert stored == pairs
    assert (report.added, report.removed) == (0, 73 - len(pairs))


def test_every_judge_mode_leaves_out_conflicts(demo_ctx: Context) -> None:
    report = run_assignment(demo_ctx, actor=SHELL, campaign_id=1, seed=5)
    assert len(report.plan.pairs) == 5 * 15 - 2
    assert report.lists()["judge5"] == [f"GS-2023-{n:03d}" for n in range(1, 16) if n not in (6, 7)]


def test_same_seed_same_plan_and_the_seed_is_logged(demo_ctx: Context) -> None:
    demo_ctx.db.write(lambda c: c.execute("DELETE FROM marks"))  # nothing to keep
    first = run_assignment(demo_ctx, actor=SHELL, campaign_id=1, per_entry=2, seed=42)
    again = run_assignment(demo_ctx, actor=SHELL, campaign_id=1, per_entry=2, seed=42)
    assert first.plan.pairs == again.plan.pairs
    loads = sorted(first.plan.loads.values())
    assert loads[-1] - loads[0] <= 2  # two conflicts of judge5 may cost one more
    event = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="assignment.run")))[0]
    assert (event.details["seed"], event.details["per_entry"]) == (42, 2)


def test_recused_entry_is_never_reassigned(demo_ctx: Context) -> None:
    judge4 = Actor.of(next(u for u in demo_ctx.db.read(list_users) if u.username == "judge4"))
    scorecards.recuse(demo_ctx, actor=judge4, entry_id=4, reason="亲属")
    report = run_assignment(demo_ctx, actor=SHELL, campaign_id=1, seed=1)
    assert (judge4.user_id, 4) not in report.plan.pairs
    overview = assignment_overview(demo_ctx, actor=SHELL, campaign_id=1)
    assert [(c.username, c.code, c.kind.value) for c in overview.conflicts] == [
        ("judge4", "GS-2023-004", "recusal"),
        ("judge5", "GS-2023-006", "unit"),
        ("judge5", "GS-2023-007", "unit"),
    ]


def test_impossible_k_refused_and_nothing_changed(demo_ctx: Context) -> None:
    before = demo_ctx.db.read(lambda c: list_assignments(c, 1))
    with pytest.raises(InvalidInput) as caught:
        run_assignment(demo_ctx, actor=SHELL, campaign_id=1, per_entry=6, seed=1)
    assert caught.value.key == "error.assignment_per_entry_too_large"
    assert demo_ctx.db.read(lambda c: list_assignments(c, 1)) == before


def test_only_admins_assign(demo_ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        run_assignment(demo_ctx, actor=Actor("coord", Role.COORDINATOR, 2), campaign_id=1)


def test_judges_added_or_enabled_after_the_run_are_named_until_it_runs_again(
    demo_ctx: Context,
) -> None:
    assert unassigned_judges(demo_ctx, actor=SHELL, campaign_id=1) == []
    users.add_user(demo_ctx, actor=SHELL, username="expert6", role=Role.JUDGE, password="p" * 12)
    users.add_user(
        demo_ctx, actor=SHELL, username="coord2", role=Role.COORDINATOR, password="p" * 12
    )
    users.add_user(demo_ctx, actor=SHELL, username="expert7", role=Role.JUDGE, password="p" * 12)
    users.set_disabled(demo_ctx, actor=SHELL, username="expert7", disabled=True)
    waiting = unassigned_judges(demo_ctx, actor=SHELL, campaign_id=1)
    assert [j.username for j in waiting] == ["expert6"]
    run_assignment(demo_ctx, actor=SHELL, campaign_id=1, seed=3)
    assert unassigned_judges(demo_ctx, actor=SHELL, campaign_id=1) == []


def test_judges_may_open_many_at_once_as_one_by_one(demo_ctx: Context) -> None:
    # The save lane asks for a whole batch at once: every judge x entry of the demo (with
    # a unit conflict, a judge's own association and unassigned pairs among them).
    def work(cur):  # type: ignore[no-untyped-def]
        judges = list_users(cur, role=Role.JUDGE)
        entries = entry_store.list_entries(cur, 1)
        pairs = [(j, e) for j in judges for e in entries]
        return judges_may_open(cur, pairs), [judge_may_open(cur, j, e) for j, e in pairs]

    many, one_by_one = demo_ctx.db.read(work)
    assert many == one_by_one
    assert (len(many), sum(many)) == (75, 73)
