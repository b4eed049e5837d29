"""services/judging/_card_edit.py: one card's edit gathered, written, and the shared checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign
from scoring.records.judging import Criterion, NewScorecard
from scoring.services.context import Context
from scoring.services.judging import _card_edit as edit
from scoring.storage import campaigns as campaign_store
from scoring.storage import scorecards as card_store
from scoring.storage.rubric import list_criteria
from tests.campaign_factory import CampaignFactory, make_campaign
from tests.conftest import T0

LATER = T0 + timedelta(hours=1)


def _campaign(ctx: Context) -> tuple[CampaignFactory, Campaign, list[Criterion]]:
    camp = make_campaign(ctx)
    stored = ctx.db.read(lambda c: campaign_store.get_campaign(c, camp.campaign_id))
    assert stored is not None
    return camp, stored, ctx.db.read(lambda c: list_criteria(c, camp.campaign_id))


def test_is_closed_after_the_deadline_and_when_archived(ctx: Context) -> None:
    _, campaign, _ = _campaign(ctx)
    assert edit.is_closed(campaign, T0) is False
    due = replace(campaign, scoring_deadline=LATER)
    assert (edit.is_closed(due, T0), edit.is_closed(due, LATER)) == (False, True)
    assert edit.is_closed(replace(campaign, archived_at=T0), T0) is True


def test_marks_and_comment_sort_new_changed_and_cleared_marks_with_history(ctx: Context) -> None:
    camp, _, _ = _campaign(ctx)
    card = camp.card(camp.judge("wang"), camp.entry("A1"), 6.0, status=ScorecardStatus.DRAFT)
    card = replace(card, marks={"lively": 6.0, "theme": 7.0})
    change = edit.CardEdit(card=card, by="wang", now=LATER)
    marks = {"lively": 6.0, "theme": 8.0, "clarity": 9.0, "original": None}
    assert change.marks_and_comment(marks, None) == ["theme", "clarity"]
    change.marks_and_comment({"lively": None}, "好")
    assert (change.new_marks, change.changed_marks, change.cleared) == (
        {"clarity": 9.0},
        {"theme": 8.0},
        ["lively"],
    )
    assert change.changes == [
        ("theme", "7.0", "8.0"),
        ("clarity", None, "9.0"),
        ("lively", "6.0", None),
        ("comment", "", "好"),
    ]
    assert change.card.marks == {"theme": 8.0, "clarity": 9.0}
    assert (change.card.comment, change.card.updated_at, change.columns) == (
        "好",
        LATER,
        ["updated_at", "comment"],
    )
    assert change.anything is True


def test_an_unchanged_stored_card_has_nothing_to_write(ctx: Context) -> None:
    camp, _, _ = _campaign(ctx)
    card = camp.card(camp.judge("wang"), camp.entry("A1"), 6.0, status=ScorecardStatus.DRAFT)
    change = edit.CardEdit(card=card, by="wang", now=LATER)
    assert change.marks_and_comment(dict(card.marks), card.comment) == []
    assert change.anything is False


def test_lock_submits_and_store_edits_writes_a_new_card(ctx: Context) -> None:
    camp, _, _ = _campaign(ctx)
    judge, entry = camp.judge("wang"), camp.entry("A1")
    new = NewScorecard(
        campaign_id=camp.campaign_id,
        judge_id=judge.id,
        entry_id=entry.id,
        created_at=T0,
        updated_at=T0,
    )
    change = edit.CardEdit(card=new, by="wang", now=LATER)
    change.marks_and_comment({"lively": 9.0}, None)
    change.lock()
    assert change.changes[-1] == ("status", "draft", "submitted")
    (stored,) = ctx.db.write(lambda c: edit.store_edits(c, [change]))
    back = ctx.db.read(lambda c: card_store.get_scorecard(c, stored.id))
    assert back == stored
    assert (back.status, back.submitted_at, back.marks) == (
        ScorecardStatus.SUBMITTED,
        LATER,
        {"lively": 9.0},
    )


def test_a_submit_needs_every_mark_and_enough_watching_except_on_paper(ctx: Context) -> None:
    camp, campaign, criteria = _campaign(ctx)
    full = {c.key: 8.0 for c in criteria}
    edit.require_complete(
        marks=full, watch_share=0.9, paper=False, criteria=criteria, campaign=campaign
    )
    with pytest.raises(InvalidInput) as raised:
        edit.require_complete(
            marks={k: v for k, v in full.items() if k not in ("theme", "original")},
            watch_share=1.0,
            paper=False,
            criteria=criteria,
            campaign=campaign,
        )
    assert raised.value.params == {
        "criteria": "主题鲜明、导向正确，讲好质量故事（Clear theme, right message, tells a quality"
        " story）、原创首发（Original, first release）"
    }
    with pytest.raises(InvalidInput) as watched:
        edit.require_complete(
            marks=full, watch_share=0.8996, paper=False, criteria=criteria, campaign=campaign
        )
    assert (watched.value.key, watched.value.params) == (
        "error.submit_not_watched",
        {"share": 89, "required": 90},
    )
    paper = NewScorecard(
        campaign_id=camp.campaign_id,
        judge_id=1,
        entry_id=1,
        source=ScorecardSource.PAPER,
        created_at=T0,
        updated_at=T0,
        marks=full,
    )
    edit.check_complete(paper, criteria, campaign)  # no watching asked of a paper card
