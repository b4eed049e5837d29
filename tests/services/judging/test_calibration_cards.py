"""A judge's calibration cards: the clips first while the round is open, scored with the
scorecard's rules, locked once submitted or closed; and calibration marks never reaching
the ranking, the exports, the progress counts or the reliability figures."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.cli import main
from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.enums import Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.calibration import NewCalibrationCard
from scoring.services import users
from scoring.services.context import Actor, Context, open_context
from scoring.services.judging import calibration
from scoring.services.judging.calibration_cards import (
    my_clip_marks,
    open_clip,
    record_clip_watching,
    save_clip_draft,
    submit_clip,
)
from scoring.services.judging.calibration_clips import add_clip_file
from scoring.services.judging.progress import judging_progress
from scoring.services.media import clip_sources
from scoring.services.previews import make_judge_copy
from scoring.services.ranking.exports import ranking_sheet, scores_sheet
from scoring.services.ranking.results import compute_ranking, rank_rows
from scoring.services.ranking.stability import stability_of
from scoring.storage import calibration as store
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.entries import get_media_file
from scoring.storage.users import list_users
from tests.campaign_factory import CampaignFactory, make_campaign
from tests.conftest import SHELL, FakeClock, make_settings
from tests.watching import clip_sent

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
COORD = Actor("coord", Role.COORDINATOR, None)
ALL = {c.key: 8.0 for c in DEFAULT_RUBRIC}


def _round(ctx: Context) -> tuple[CampaignFactory, list[Actor], list[int]]:
    """A campaign with two judges and two clips (land_1080: 2 s, port_1080: 2 s), each with
    the tag-free copy judges are sent."""
    campaign = make_campaign(ctx)
    judges = [Actor.of(campaign.judge(name)) for name in ("judge1", "judge2")]
    clips = [_add_clip(ctx, campaign.campaign_id, n) for n in ("land_1080.mp4", "port_1080.mp4")]
    return campaign, judges, clips


def _add_clip(ctx: Context, campaign_id: int, name: str) -> int:
    """Add a reference clip and make the tag-free copy judges are sent; its id."""
    clip = add_clip_file(ctx, actor=COORD, campaign_id=campaign_id, path=MEDIA / name)
    media = ctx.db.read(lambda c: get_media_file(c, clip.media_sha256))
    assert media is not None and make_judge_copy(ctx, media)
    return clip.id


def _score(ctx: Context, judge: Actor, clip_id: int, marks: dict[str, float]) -> None:
    clip_sent(ctx, judge, clip_id, opened_ago_s=60)
    record_clip_watching(ctx, actor=judge, clip_id=clip_id, ranges=[[0.0, 2.0]])
    submit_clip(ctx, actor=judge, clip_id=clip_id, marks=dict(marks))


def test_the_judges_list_numbers_the_clips_and_follows_their_cards(ctx: Context) -> None:
    campaign, (judge, _), clips = _round(ctx)
    cid = campaign.campaign_id
    listed = calibration.judge_round(ctx, actor=judge, campaign_id=cid)
    assert listed.state == "open" and listed.pending
    assert [(i.clip_id, i.number, i.orientation, i.status) for i in listed.items] == [
        (clips[0], 1, "landscape", "not_started"),
        (clips[1], 2, "portrait", "not_started"),
    ]
    save_clip_draft(ctx, actor=judge, clip_id=clips[1], marks={"lively": 6.5})
    _score(ctx, judge, clips[0], ALL)
    listed = calibration.judge_round(ctx, actor=judge, campaign_id=cid)
    assert [i.status for i in listed.items] == ["submitted", "draft"] and listed.pending
    _score(ctx, judge, clips[1], ALL)
    assert not calibration.judge_round(ctx, actor=judge, campaign_id=cid).pending


def test_submit_needs_every_mark_and_the_clip_watched_then_locks(ctx: Context) -> None:
    _, (judge, _), clips = _round(ctx)
    with pytest.raises(InvalidInput) as missing:
        submit_clip(ctx, actor=judge, clip_id=clips[0], marks={"lively": 8.0})
    assert missing.value.key == "error.submit_missing_marks"
    with pytest.raises(InvalidInput) as unwatched:
        submit_clip(ctx, actor=judge, clip_id=clips[0], marks=dict(ALL))
    assert (unwatched.value.key, unwatched.value.params) == (
        "error.submit_not_watched",
        {"share": 0, "required": 90},
    )
    clip_sent(ctx, judge, clips[0], opened_ago_s=60)
    assert record_clip_watching(ctx, actor=judge, clip_id=clips[0], ranges=[[0.0, 2.0]]) == 1.0
    card = submit_clip(ctx, actor=judge, clip_id=clips[0], marks=dict(ALL), comment="节奏好")
    assert (card.status, card.marks, card.comment, card.watch_share) == (
        ScorecardStatus.SUBMITTED,
        ALL,
        "节奏好",
        1.0,
    )
    with pytest.raises(NotAllowed) as locked:
        save_clip_draft(ctx, actor=judge, clip_id=clips[0], marks={"lively": 1.0})
    assert (locked.value.key, locked.value.params) == ("calibration.card_locked", {"number": 1})
    logged = ctx.db.read(lambda c: list_events(c, AuditFilter(action="calibration.submit")))
    assert [(e.actor, e.target) for e in logged] == [("judge1", f"calibration-clip-{clips[0]}")]


def test_a_forged_full_report_is_credited_only_what_was_sent_within_the_clock(
    ctx: Context, clock: FakeClock
) -> None:
    _, (judge, _), clips = _round(ctx)
    clip_sources(ctx, actor=judge, clip_id=clips[0])  # opened; not a byte sent yet
    clock.advance(minutes=5)
    assert record_clip_watching(ctx, actor=judge, clip_id=clips[0], ranges=[[0.0, 2.0]]) == 0.0
    with pytest.raises(InvalidInput) as unwatched:
        submit_clip(ctx, actor=judge, clip_id=clips[0], marks=dict(ALL))
    assert unwatched.value.key == "error.submit_not_watched"
    clip_sent(ctx, judge, clips[1])  # the other clip streamed just now, at once
    clock.advance(seconds=1)
    assert record_clip_watching(ctx, actor=judge, clip_id=clips[1], ranges=[[0.0, 2.0]]) == 0.5
    clip_sent(ctx, judge, clips[0])
    assert record_clip_watching(ctx, actor=judge, clip_id=clips[0], ranges=[[0.0, 2.0]]) == 1.0
    card = ctx.db.read(lambda c: store.card_for(c, judge.user_id or 0, clips[0]))
    assert card is not None and card.watch_ranges == [[0.0, 2.0]]


def test_a_judge_sees_only_their_own_card(ctx: Context) -> None:
    _, (first, second), clips = _round(ctx)
    save_clip_draft(ctx, actor=first, clip_id=clips[0], marks={"lively": 9.0})
    assert my_clip_marks(ctx, actor=first, clip_id=clips[0]) == {"lively": 9.0}
    assert my_clip_marks(ctx, actor=second, clip_id=clips[0]) == {}
    assert open_clip(ctx, actor=second, clip_id=clips[0]).card is None
    with pytest.raises(NotAllowed):
        open_clip(ctx, actor=COORD, clip_id=clips[0])


def test_closing_locks_the_cards_and_takes_the_clips_off_the_queue(ctx: Context) -> None:
    campaign, (judge, _), clips = _round(ctx)
    calibration.save_note(ctx, actor=COORD, campaign_id=campaign.campaign_id, note=" 以7分为中档 ")
    calibration.close_round(ctx, actor=COORD, campaign_id=campaign.campaign_id)
    listed = calibration.judge_round(ctx, actor=judge, campaign_id=campaign.campaign_id)
    assert (listed.state, listed.pending, listed.note) == ("closed", False, "以7分为中档")
    assert open_clip(ctx, actor=judge, clip_id=clips[0]).closed is True
    with pytest.raises(InvalidInput) as closed:
        save_clip_draft(ctx, actor=judge, clip_id=clips[0], marks={"lively": 7.0})
    assert closed.value.key == "calibration.closed_for_judges"
    actions = [e.action for e in ctx.db.read(lambda c: list_events(c, AuditFilter()))]
    assert actions[:2] == ["calibration.close", "calibration.note"]


def test_a_disabled_judge_is_refused(ctx: Context) -> None:
    _, (judge, _), clips = _round(ctx)
    users.set_disabled(ctx, actor=SHELL, username="judge1", disabled=True)
    with pytest.raises(NotAllowed) as refused:
        open_clip(ctx, actor=judge, clip_id=clips[0])
    assert refused.value.key == "calibration.judge_inactive"


def test_coordinators_see_totals_beside_median_and_spread(ctx: Context) -> None:
    campaign, (first, second), clips = _round(ctx)
    third = Actor.of(campaign.judge("judge3"))
    _score(ctx, first, clips[0], ALL)
    _score(ctx, second, clips[0], {**ALL, "lively": 4.0})  # T = 8 − 4·25/100 = 7.0
    _score(ctx, first, clips[1], {k: 6.0 for k in ALL})
    save_clip_draft(ctx, actor=third, clip_id=clips[1], marks={"lively": 5.0})
    seen = calibration.calibration_overview(ctx, actor=COORD, campaign_id=campaign.campaign_id)
    assert [j.username for j in seen.judges] == ["judge1", "judge2", "judge3"]
    one, two = seen.figures.clips
    assert (dict(one.totals), one.median, one.spread) == (
        {first.user_id: 8.0, second.user_id: 7.0},
        7.5,
        1.0,
    )
    assert (dict(two.totals), two.median, two.spread) == ({first.user_id: 6.0}, 6.0, 0.0)
    assert [(c.number, c.submitted, c.drafts) for c in seen.clips] == [(1, 2, 0), (2, 1, 1)]
    assert seen.statuses[(third.user_id or 0, clips[1])] == "draft"
    assert [j.offset for j in seen.figures.judges] == [0.25, -0.5, None]


def _results(ctx: Context) -> tuple[object, ...]:
    result = compute_ranking(ctx, actor=COORD, campaign_id=1)
    stability = stability_of(ctx, actor=COORD, result=result)
    return (
        rank_rows(result),
        stability.reliability,
        stability.probabilities,
        judging_progress(ctx, actor=COORD, campaign_id=1),
        ranking_sheet(ctx, actor=COORD, campaign_id=1).rows,
        scores_sheet(ctx, actor=COORD, campaign_id=1).rows,
    )


def test_calibration_marks_reach_no_ranking_export_progress_or_reliability(
    demo_ctx: Context,
) -> None:
    before = _results(demo_ctx)
    clip_id = _add_clip(demo_ctx, 1, "land_1080.mp4")
    judges = [Actor.of(u) for u in demo_ctx.db.read(list_users) if u.role is Role.JUDGE]
    for number, judge in enumerate(judges):
        _score(demo_ctx, judge, clip_id, {k: float(number * 2) for k in ALL})
    assert _results(demo_ctx) == before


def _rank_json(data: Path) -> list[dict[str, object]]:
    out = io.StringIO()
    assert main(["rank", "--json", "--data-dir", str(data)], stdout=out, stderr=io.StringIO()) == 0
    rows: list[dict[str, object]] = json.loads(out.getvalue())
    return rows


MARK = st.integers(min_value=0, max_value=20).map(lambda half: half / 2)
CARD = st.tuples(
    st.integers(min_value=1, max_value=7),  # any user id: judges, the coordinator, the admin
    st.integers(min_value=1, max_value=3),  # a clip, known or not
    st.dictionaries(st.sampled_from([c.key for c in DEFAULT_RUBRIC]), MARK),
    st.booleans(),  # submitted
)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cards=st.lists(CARD, min_size=1, max_size=8))
def test_adding_calibration_cards_never_changes_rank_json(
    demo_dir: Path, cards: list[tuple[int, int, dict[str, float], bool]]
) -> None:
    before = _rank_json(demo_dir)
    ctx = open_context(make_settings(demo_dir))
    try:
        for judge_id, clip_id, marks, submitted in cards:
            ctx.db.write(
                lambda cur, j=judge_id, c=clip_id, m=marks, s=submitted: _put(cur, ctx, j, c, m, s)
            )
    finally:
        ctx.db.close()
    assert _rank_json(demo_dir) == before


def _put(
    cur: object, ctx: Context, judge_id: int, clip_id: int, marks: dict[str, float], submitted: bool
) -> None:
    """Add the card, or lay the marks over the one this judge has for the clip."""
    found = store.card_for(cur, judge_id, clip_id)  # type: ignore[arg-type]
    if found is None:
        status = ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT
        card = NewCalibrationCard(
            campaign_id=1,
            clip_id=clip_id,
            judge_id=judge_id,
            status=status,
            created_at=ctx.now(),
            updated_at=ctx.now(),
            marks=marks,
        )
        store.add_card(cur, card)  # type: ignore[arg-type]
        return
    for key, value in marks.items():
        store.set_mark(cur, found.id, key, value)  # type: ignore[arg-type]
