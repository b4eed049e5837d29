"""storage/cards.py: what both kinds of card share — marks, fixed-list updates, JSON ranges."""

from __future__ import annotations

import pytest

from scoring.enums import ScorecardStatus
from scoring.records.judging import Scorecard
from scoring.services.context import Context
from scoring.storage import cards
from scoring.storage.cards import CardTables
from tests.campaign_factory import make_campaign

SCORECARDS = CardTables(
    cards="scorecards",
    marks="marks",
    card_column="scorecard_id",
    fields=frozenset({"status", "comment", "watch_ranges"}),
)


def _two_cards(ctx: Context) -> tuple[Scorecard, Scorecard]:
    camp = make_campaign(ctx)
    wang = camp.judge("wang")
    first = camp.card(wang, camp.entry("A1"), 7.0, status=ScorecardStatus.DRAFT)
    second = camp.card(wang, camp.entry("B1"), 9.0, status=ScorecardStatus.DRAFT)
    return first, second


def _select(ctx: Context, card_id: int) -> Scorecard | None:
    return ctx.db.read(lambda c: cards.select_card(c, SCORECARDS, Scorecard, "id = ?", [card_id]))


def test_set_mark_gives_changes_and_clears_one_criterion(ctx: Context) -> None:
    first, second = _two_cards(ctx)
    key = next(iter(first.marks))
    ctx.db.write(lambda c: cards.set_mark(c, SCORECARDS, first.id, key, 4.5))
    ctx.db.write(lambda c: cards.set_mark(c, SCORECARDS, first.id, "extra", 1.0))
    after = _select(ctx, first.id)
    assert after is not None and after.marks == {**first.marks, key: 4.5, "extra": 1.0}
    ctx.db.write(lambda c: cards.set_mark(c, SCORECARDS, first.id, key, None))
    cleared = _select(ctx, first.id)
    assert cleared is not None and key not in cleared.marks
    assert _select(ctx, second.id) == second


def test_update_card_sets_listed_columns_and_refuses_others(ctx: Context) -> None:
    first, _ = _two_cards(ctx)
    values = {"comment": "节奏好", "watch_ranges": [[0.0, 12.5]]}
    ctx.db.write(lambda c: cards.update_card(c, SCORECARDS, first.id, values))
    after = _select(ctx, first.id)
    assert after is not None and (after.comment, after.watch_ranges) == ("节奏好", [[0.0, 12.5]])
    with pytest.raises(ValueError, match=r"not scorecards columns: \['judge_id'\]"):
        ctx.db.write(lambda c: cards.update_card(c, SCORECARDS, first.id, {"judge_id": 9}))


def test_select_cards_reads_marks_of_each_card_and_nothing_for_no_cards(ctx: Context) -> None:
    first, second = _two_cards(ctx)
    found = ctx.db.read(
        lambda c: cards.select_cards(c, SCORECARDS, Scorecard, "id >= ? ORDER BY id DESC", [0])
    )
    assert found == [second, first]
    assert set(found[0].marks.values()) == {9.0}
    assert _select(ctx, second.id + 100) is None
    assert ctx.db.read(lambda c: cards.with_marks(c, SCORECARDS, [])) == []
