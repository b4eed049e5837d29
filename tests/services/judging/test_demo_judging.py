"""services/judging/demo_judging.py: the demo's judging, as the seeded demo holds it."""

from __future__ import annotations

from collections import Counter

from scoring.enums import ConflictKind, ScorecardStatus
from scoring.services.context import Context
from scoring.storage import assignments, calibration, scorecards, users


def _names(ctx: Context) -> dict[int, str]:
    return {u.id: u.username for u in ctx.db.read(users.list_users)}


def test_each_judge_has_the_submitted_cards_and_drafts_the_demo_promises(demo_ctx: Context) -> None:
    names = _names(demo_ctx)
    cards = demo_ctx.db.read(lambda c: scorecards.list_scorecards(c, 1))
    counted = Counter((names[c.judge_id], c.status) for c in cards)
    submitted, draft = ScorecardStatus.SUBMITTED, ScorecardStatus.DRAFT
    assert counted == {
        ("judge1", submitted): 15,
        ("judge2", submitted): 14,
        ("judge2", draft): 1,
        ("judge3", submitted): 12,
        ("judge3", draft): 1,
        ("judge4", submitted): 8,
        ("judge5", submitted): 3,
        ("judge5", draft): 2,
    }


def test_cards_sit_on_open_assignments_with_half_point_marks(demo_ctx: Context) -> None:
    cards = demo_ctx.db.read(lambda c: scorecards.list_scorecards(c, 1))
    pairs = [(c.judge_id, c.entry_id) for c in cards]
    assert demo_ctx.db.read(lambda c: assignments.open_pairs(c, pairs)) == set(pairs)
    for card in cards:
        assert all(0.0 <= v <= 10.0 and v * 2 == int(v * 2) for v in card.marks.values())
        if card.status is ScorecardStatus.SUBMITTED:
            assert (len(card.marks), card.watch_share, card.comment) == (
                6,
                1.0,
                "节奏明快，主题清楚。",
            )
        else:
            assert (len(card.marks), card.watch_share, card.submitted_at) == (3, 0.4, None)


def test_unit_conflicts_are_declared_by_the_system(demo_ctx: Context) -> None:
    conflicts = demo_ctx.db.read(lambda c: assignments.list_conflicts(c, 1))
    assert len(conflicts) == 2
    assert {(c.kind, c.declared_by) for c in conflicts} == {(ConflictKind.UNIT, "system")}
    assigned = demo_ctx.db.read(lambda c: assignments.assigned_pairs(c, 1))
    assert not {(c.judge_id, c.entry_id) for c in conflicts} & assigned


def test_the_calibration_round_is_open_for_judge3_only(demo_ctx: Context) -> None:
    names = _names(demo_ctx)
    clips = demo_ctx.db.read(lambda c: calibration.list_clips(c, 1))
    assert [c.title for c in clips] == ["往届优秀作品（横屏）", "往届入围作品（竖屏）"]
    cards = demo_ctx.db.read(lambda c: calibration.list_cards(c, 1))
    per_judge = Counter(names[c.judge_id] for c in cards)
    assert per_judge == {"judge1": 2, "judge2": 2, "judge3": 1, "judge4": 2, "judge5": 2}
    (judge3,) = [c for c in cards if names[c.judge_id] == "judge3"]
    assert judge3.clip_id == clips[0].id
