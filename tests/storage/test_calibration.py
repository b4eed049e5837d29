"""The calibration tables: clips, the round, cards with marks and watched ranges."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.enums import ScorecardStatus
from scoring.records.calibration import (
    CalibrationCard,
    CalibrationRound,
    NewCalibrationCard,
    NewCalibrationClip,
)
from scoring.services.context import Context
from scoring.storage import calibration as store

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _clip(ctx: Context, campaign_id: int = 1) -> NewCalibrationClip:
    clip = NewCalibrationClip(
        campaign_id=campaign_id, title="样片", media_sha256="a" * 64, added_by="coord", added_at=NOW
    )
    return ctx.db.write(lambda cur: store.add_clip(cur, clip))


def test_a_card_round_trips_with_its_marks_and_ranges(ctx: Context) -> None:
    clip = _clip(ctx)
    card = NewCalibrationCard(
        campaign_id=1,
        clip_id=clip.id,
        judge_id=3,
        status=ScorecardStatus.SUBMITTED,
        comment="好",
        watch_share=0.95,
        watch_ranges=[[0.0, 9.5]],
        created_at=NOW,
        updated_at=NOW,
        submitted_at=NOW,
        marks={"lively": 8.5, "theme": 7.0},
    )
    added = ctx.db.write(lambda cur: store.add_card(cur, card))
    assert added == CalibrationCard(**{**card.__dict__, "id": added.id})
    ctx.db.write(lambda cur: store.set_mark(cur, added.id, "theme", None))
    ctx.db.write(lambda cur: store.set_mark(cur, added.id, "lively", 9.0))
    found = ctx.db.read(lambda cur: store.card_for(cur, 3, clip.id))
    assert found is not None and found.marks == {"lively": 9.0}
    assert ctx.db.read(lambda cur: store.list_cards(cur, 2)) == []


def test_the_round_changes_only_its_own_columns(ctx: Context) -> None:
    ctx.db.write(
        lambda cur: store.add_round(
            cur, CalibrationRound(campaign_id=1, opened_by="coord", opened_at=NOW)
        )
    )
    ctx.db.write(lambda cur: store.update_round(cur, 1, note="7 分为中档", note_by="coord"))
    found = ctx.db.read(lambda cur: store.get_round(cur, 1))
    assert found is not None and (found.note, found.note_by, found.closed_at) == (
        "7 分为中档",
        "coord",
        None,
    )
    with pytest.raises(ValueError):
        ctx.db.write(lambda cur: store.update_round(cur, 1, opened_by="someone"))


def test_removing_a_clip_takes_its_cards_and_marks(ctx: Context) -> None:
    first, second = _clip(ctx), _clip(ctx)
    for judge in (3, 4):
        card = NewCalibrationCard(
            campaign_id=1, clip_id=first.id, judge_id=judge, created_at=NOW, updated_at=NOW,
            marks={"lively": 5.0},
        )  # fmt: skip
        ctx.db.write(lambda cur, c=card: store.add_card(cur, c))
    assert ctx.db.write(lambda cur: store.remove_clip(cur, first.id)) == 2
    assert [c.id for c in ctx.db.read(lambda cur: store.list_clips(cur, 1))] == [second.id]
    left = ctx.db.read(lambda cur: cur.execute("SELECT count(*) FROM calibration_marks").fetchone())
    assert left == (0,)
