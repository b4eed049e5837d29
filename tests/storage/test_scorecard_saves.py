"""The set-based save path: the facts of many saves in one read, their writes together."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.records.judging import NewScorecard, Scorecard
from scoring.services.context import Context
from scoring.storage.scorecard_saves import CardWrite, save_facts, write_cards
from scoring.storage.scorecards import list_scorecard_changes, scorecard_for

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_facts_of_several_pairs_come_back_in_the_order_asked(demo_ctx: Context) -> None:
    # judge1 (id 3) submitted entry 1; judge4 (id 6) has no card for 2; entry 99 does not
    # exist. Whether a judge may open the entry is not a fact kept here (decided at every
    # save by assignment.judge_may_open).
    pairs = [(6, 2), (3, 1), (6, 99)]
    facts = demo_ctx.db.read(lambda cur: save_facts(cur, pairs))
    assert [(f.judge_id, f.entry_id) for f in facts] == pairs
    fresh, submitted, no_entry = facts
    assert fresh.card is None
    assert fresh.criteria == ("lively", "inspiring", "not_advert", "theme", "clarity", "original")
    assert fresh.campaign is not None and fresh.campaign.id == 1
    assert submitted.card is not None
    assert submitted.card.status is ScorecardStatus.SUBMITTED
    assert submitted.card == demo_ctx.db.read(lambda cur: scorecard_for(cur, 3, 1))
    assert (no_entry.campaign, no_entry.card, no_entry.criteria) == (None, None, ())


def _new_card(judge_id: int, entry_id: int) -> NewScorecard:
    return NewScorecard(
        campaign_id=1,
        judge_id=judge_id,
        entry_id=entry_id,
        entered_by=judge_id,
        comment="初评",
        created_at=AT,
        updated_at=AT,
    )


def test_new_cards_marks_and_history_are_written_together(demo_ctx: Context) -> None:
    writes = [
        CardWrite(
            card=_new_card(judge, entry),
            new_marks={"lively": 7.5, "theme": 8.0},
            changes=(("lively", None, "7.5"), ("theme", None, "8.0"), ("comment", "", "初评")),
            changed_by=f"judge{judge - 2}",
            changed_at=AT,
        )
        for judge, entry in ((6, 2), (6, 4), (6, 6))
    ]
    ids = demo_ctx.db.write(lambda cur: write_cards(cur, writes))
    for (judge, entry), card_id in zip(((6, 2), (6, 4), (6, 6)), ids, strict=True):
        stored = demo_ctx.db.read(lambda cur, j=judge, e=entry: scorecard_for(cur, j, e))
        new = replace(_new_card(judge, entry), marks={"lively": 7.5, "theme": 8.0})
        assert stored == Scorecard(**new.__dict__, id=card_id)
        history = demo_ctx.db.read(lambda cur, i=card_id: list_scorecard_changes(cur, i))
        assert [(h.field, h.old_value, h.new_value, h.changed_at) for h in history] == [
            ("lively", None, "7.5", AT),
            ("theme", None, "8.0", AT),
            ("comment", "", "初评", AT),
        ]


def test_existing_cards_change_columns_marks_and_lose_cleared_marks(demo_ctx: Context) -> None:
    def card(judge: int, entry: int) -> Scorecard:
        found = demo_ctx.db.read(lambda cur: scorecard_for(cur, judge, entry))
        assert found is not None
        return found

    first, second = card(3, 1), card(4, 1)  # both submitted with all six marks
    writes = [
        CardWrite(
            card=replace(first, status=ScorecardStatus.DRAFT, updated_at=AT, submitted_at=None),
            columns=("status", "updated_at", "submitted_at"),
            changed_marks={"lively": 1.0},
            cleared=("theme",),
            changes=(("lively", str(first.marks["lively"]), "1.0"),),
            changed_by="coord",
            changed_at=AT,
        ),
        CardWrite(
            card=replace(second, source=ScorecardSource.PAPER, watch_share=None, watch_ranges=None),
            columns=("source", "watch_share", "watch_ranges"),
            changed_marks={"lively": 2.0, "original": 3.0},
            changed_by="coord",
            changed_at=AT,
        ),
    ]
    demo_ctx.db.write(lambda cur: write_cards(cur, writes))
    one, two = card(3, 1), card(4, 1)
    assert (one.status, one.updated_at, one.submitted_at) == (ScorecardStatus.DRAFT, AT, None)
    assert one.marks == {k: v for k, v in {**first.marks, "lively": 1.0}.items() if k != "theme"}
    assert (two.source, two.watch_share, two.watch_ranges) == (ScorecardSource.PAPER, None, None)
    assert two.marks == {**second.marks, "lively": 2.0, "original": 3.0}
    assert two.status is ScorecardStatus.SUBMITTED  # columns not named stay as they were
