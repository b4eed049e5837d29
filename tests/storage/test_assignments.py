"""storage/assignments.py: who scores what, conflicts, and replacing a campaign's plan."""

from __future__ import annotations

from scoring.enums import ConflictKind, ScorecardStatus
from scoring.records.judging import Assignment, Conflict, Criterion
from scoring.services.context import Context
from scoring.storage import Database, assignments, entries, rubric, scorecards
from tests.campaign_factory import make_campaign
from tests.conftest import T0
from tests.storage.samples import NOW, full_entry


def test_rubric_assignment_conflict_round_trip(db: Database) -> None:
    criterion = Criterion(
        campaign_id=1,
        key="lively",
        position=0,
        name_zh="生动",
        name_en="Lively",
        description_zh="说明",
        description_en="desc",
        weight=25.0,
    )
    assignment = Assignment(campaign_id=1, judge_id=3, entry_id=1, assigned_at=NOW, seed=7)
    conflict = Conflict(
        judge_id=4,
        entry_id=1,
        kind=ConflictKind.RECUSAL,
        reason="亲属",
        declared_by="judge4",
        declared_at=NOW,
    )
    db.write(lambda c: entries.add_entry(c, full_entry()))
    db.write(lambda c: rubric.add_criterion(c, criterion))
    db.write(lambda c: assignments.add_assignment(c, assignment))
    db.write(lambda c: assignments.add_conflict(c, conflict))
    assert db.read(lambda c: rubric.list_criteria(c, 1)) == [criterion]
    assert db.read(lambda c: assignments.list_assignments(c, 1)) == [assignment]
    assert db.read(lambda c: assignments.list_conflicts(c, 1)) == [conflict]


def _conflict(judge_id: int, entry_id: int) -> Conflict:
    return Conflict(
        judge_id=judge_id,
        entry_id=entry_id,
        kind=ConflictKind.RECUSAL,
        declared_by="coord",
        declared_at=T0,
    )


def test_assigning_twice_is_one_assignment_ordered_by_judge_then_entry(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    a, b = camp.entry("A1"), camp.entry("B1")
    for judge, entry in [(li, b), (wang, b), (wang, a), (wang, a)]:
        camp.assign(judge, entry)
    listed = ctx.db.read(lambda c: assignments.list_assignments(c, camp.campaign_id))
    assert [(x.judge_id, x.entry_id) for x in listed] == [
        (wang.id, a.id),
        (wang.id, b.id),
        (li.id, b.id),
    ]
    pairs = ctx.db.read(lambda c: assignments.assigned_pairs(c, camp.campaign_id))
    assert pairs == frozenset({(wang.id, a.id), (wang.id, b.id), (li.id, b.id)})
    assert ctx.db.read(lambda c: assignments.list_assignments(c, camp.campaign_id + 1)) == []


def test_open_pairs_are_assigned_and_not_conflicted(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    a, b = camp.entry("A1"), camp.entry("B1")
    camp.assign(wang, a)
    camp.assign(wang, b)
    camp.assign(li, a)
    ctx.db.write(lambda c: assignments.add_conflict(c, _conflict(wang.id, b.id)))
    asked = [(wang.id, a.id), (wang.id, b.id), (li.id, b.id), (li.id, a.id)]
    assert ctx.db.read(lambda c: assignments.open_pairs(c, asked)) == {
        (wang.id, a.id),
        (li.id, a.id),
    }
    assert ctx.db.read(lambda c: assignments.open_pairs(c, [])) == set()
    conflicts = ctx.db.read(lambda c: assignments.list_conflicts(c, camp.campaign_id))
    assert conflicts == [_conflict(wang.id, b.id)]
    assert ctx.db.read(assignments.list_conflicts_all) == [_conflict(wang.id, b.id)]


def test_replace_assignments_drops_empty_drafts_and_keeps_marked_cards(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang = camp.judge("wang")
    a, b, c_ = camp.entry("A1"), camp.entry("B1"), camp.entry("C1")
    for entry in (a, b):
        camp.assign(wang, entry)
    marked = camp.card(wang, a, 7.0, status=ScorecardStatus.DRAFT)
    empty = camp.card(wang, b, 0.0, status=ScorecardStatus.DRAFT)
    ctx.db.write(lambda cur: cur.execute("DELETE FROM marks WHERE scorecard_id = ?", [empty.id]))
    assert ctx.db.read(lambda cur: assignments.pairs_with_marks(cur, camp.campaign_id)) == {
        (wang.id, a.id)
    }
    wanted = [(wang.id, c_.id)]
    added, removed = ctx.db.write(
        lambda cur: assignments.replace_assignments(cur, camp.campaign_id, wanted, at=T0, seed=9)
    )
    assert (added, removed) == (1, 2)
    assert ctx.db.read(lambda cur: assignments.list_assignments(cur, camp.campaign_id)) == [
        Assignment(
            campaign_id=camp.campaign_id, judge_id=wang.id, entry_id=c_.id, assigned_at=T0, seed=9
        )
    ]
    left = ctx.db.read(lambda cur: scorecards.list_scorecards(cur, camp.campaign_id))
    assert [card.id for card in left] == [marked.id]
