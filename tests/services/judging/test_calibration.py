"""Closing and opening again the calibration round: each refused when the round already is
so, each audited with what it changed; the note kept and audited only when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.enums import Role
from scoring.errors import InvalidInput
from scoring.services.context import Actor, Context
from scoring.services.judging import calibration
from scoring.services.judging.calibration_cards import save_clip_draft
from scoring.services.judging.calibration_clips import add_clip_file
from scoring.storage.audit import AuditFilter, list_events
from tests.campaign_factory import make_campaign
from tests.conftest import FakeClock

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
COORD = Actor("coord", Role.COORDINATOR, None)


def test_close_and_reopen_are_refused_twice_and_audited(ctx: Context, clock: FakeClock) -> None:
    campaign = make_campaign(ctx)
    cid = campaign.campaign_id
    clip = add_clip_file(ctx, actor=COORD, campaign_id=cid, path=MEDIA / "land_1080.mp4")
    judge = Actor.of(campaign.judge("judge1"))
    save_clip_draft(ctx, actor=judge, clip_id=clip.id or 0, marks={"lively": 7.0})
    with pytest.raises(InvalidInput) as open_already:
        calibration.reopen_round(ctx, actor=COORD, campaign_id=cid)
    closed = calibration.close_round(ctx, actor=COORD, campaign_id=cid)
    assert (closed.closed_by, closed.closed_at) == ("coord", clock.current)
    with pytest.raises(InvalidInput) as closed_already:
        calibration.close_round(ctx, actor=COORD, campaign_id=cid)
    clock.advance(minutes=1)
    opened = calibration.reopen_round(ctx, actor=COORD, campaign_id=cid)
    assert (opened.closed_by, opened.closed_at) == (None, None)
    assert (open_already.value.key, closed_already.value.key) == (
        "calibration.not_closed",
        "calibration.already_closed",
    )
    logged = ctx.db.read(lambda c: list_events(c, AuditFilter(campaign_id=cid)))
    wanted = ("calibration.close", "calibration.reopen")
    lines = [(e.action, e.campaign_id, e.details) for e in logged if e.action in wanted]
    assert lines == [
        (
            "calibration.reopen",
            cid,
            {"closed_by": "coord", "closed_at": str(closed.closed_at)},
        ),
        ("calibration.close", cid, {"submitted": 0, "drafts": 1}),
    ]


def test_the_note_is_kept_stripped_and_audited_only_when_it_changes(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    cid = campaign.campaign_id
    add_clip_file(ctx, actor=COORD, campaign_id=cid, path=MEDIA / "land_1080.mp4")
    kept = calibration.save_note(ctx, actor=COORD, campaign_id=cid, note=" 以7分为中档 ")
    calibration.save_note(ctx, actor=COORD, campaign_id=cid, note="以7分为中档")
    assert (kept.note, kept.note_by) == ("以7分为中档", "coord")
    logged = ctx.db.read(lambda c: list_events(c, AuditFilter(action="calibration.note")))
    assert [e.details for e in logged] == [{"old": "", "new": "以7分为中档"}]
