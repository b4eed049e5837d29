"""Reference clips of the calibration round: stored like entries' videos, two or three of
them, refused when they are no video, twice the same file or too large; removed only
while nobody has submitted a card for them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scoring.enums import Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed
from scoring.media.store import original_path, sha256_of
from scoring.records.calibration import NewCalibrationCard
from scoring.services.context import Actor, Context
from scoring.services.judging import calibration, calibration_cards
from scoring.services.judging.calibration_clips import add_clip_file, add_clip_upload, remove_clip
from scoring.storage import calibration as store
from scoring.storage import entries as entry_store
from scoring.storage.audit import AuditFilter, list_events
from tests.campaign_factory import make_campaign

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
COORD = Actor("coord", Role.COORDINATOR, None)


class _Upload(io.BytesIO):
    """A browser upload as Streamlit hands it over: bytes with a name and a size."""

    def __init__(self, path: Path, *, size: int | None = None) -> None:
        super().__init__(path.read_bytes())
        self.name = path.name
        self.size = len(self.getvalue()) if size is None else size


def _originals(ctx: Context) -> set[str]:
    folder = ctx.settings.media_dir / "originals"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_a_clip_from_a_file_is_stored_probed_audited_and_opens_the_round(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    clip = add_clip_file(
        ctx,
        actor=COORD,
        campaign_id=campaign.campaign_id,
        path=MEDIA / "port_1080.mp4",
        title="样片甲",
    )
    sha = sha256_of(MEDIA / "port_1080.mp4")
    assert (clip.media_sha256, clip.title, clip.added_by) == (sha, "样片甲", "coord")
    assert (
        original_path(ctx.settings.media_dir, sha).read_bytes()
        == (MEDIA / "port_1080.mp4").read_bytes()
    )
    media = ctx.db.read(lambda cur: entry_store.get_media_file(cur, sha))
    assert media is not None
    assert (media.width, media.height, media.preview_status) == (1080, 1920, "pending")
    overview = calibration.calibration_overview(ctx, actor=COORD, campaign_id=campaign.campaign_id)
    assert (overview.state, [c.number for c in overview.clips], overview.room) == ("open", [1], 2)
    [event] = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action="calibration.clip_add")))
    assert (event.target, event.details["title"], event.details["file"]) == (
        f"calibration-clip-{clip.id}",
        "样片甲",
        "port_1080.mp4",
    )


def test_at_most_three_clips_and_the_fourth_leaves_nothing_behind(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    for name in ("land_1080.mp4", "port_1080.mp4", "square_1080.mp4"):
        add_clip_file(ctx, actor=COORD, campaign_id=campaign.campaign_id, path=MEDIA / name)
    before = _originals(ctx)
    with pytest.raises(InvalidInput) as refused:
        add_clip_file(
            ctx, actor=COORD, campaign_id=campaign.campaign_id, path=MEDIA / "land_4k.mp4"
        )
    assert (refused.value.key, refused.value.params) == ("calibration.too_many", {"most": 3})
    assert _originals(ctx) == before


def test_a_file_that_is_no_video_is_refused_and_removed_again(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    with pytest.raises(InvalidInput) as refused:
        add_clip_upload(
            ctx, actor=COORD, campaign_id=campaign.campaign_id, video=_Upload(MEDIA / "text.mp4")
        )
    assert (refused.value.key, refused.value.params) == (
        "calibration.not_a_video",
        {"file": "text.mp4"},
    )
    assert _originals(ctx) == set()
    assert ctx.db.read(lambda cur: store.get_round(cur, campaign.campaign_id)) is None


def test_the_same_file_twice_is_refused(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    add_clip_file(ctx, actor=COORD, campaign_id=campaign.campaign_id, path=MEDIA / "land_1080.mp4")
    with pytest.raises(InvalidInput) as refused:
        add_clip_upload(
            ctx,
            actor=COORD,
            campaign_id=campaign.campaign_id,
            video=_Upload(MEDIA / "land_1080.mp4"),
        )
    assert refused.value.key == "calibration.duplicate"
    assert len(ctx.db.read(lambda cur: store.list_clips(cur, campaign.campaign_id))) == 1


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    limit = ctx.settings.upload_limit_mb
    big = _Upload(MEDIA / "land_1080.mp4", size=(limit + 1) * 1024 * 1024)
    with pytest.raises(InvalidInput) as refused:
        add_clip_upload(ctx, actor=COORD, campaign_id=campaign.campaign_id, video=big)
    assert refused.value.params == {"size_mb": float(limit + 1), "limit_mb": limit}
    assert _originals(ctx) == set()


def test_judges_may_not_add_clips(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    judge = Actor.of(campaign.judge("judge1"))
    with pytest.raises(NotAllowed):
        add_clip_file(
            ctx, actor=judge, campaign_id=campaign.campaign_id, path=MEDIA / "land_1080.mp4"
        )


def test_a_clip_goes_with_its_drafts_but_not_once_a_card_is_submitted(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    judge = Actor.of(campaign.judge("judge1"))
    first = add_clip_file(
        ctx, actor=COORD, campaign_id=campaign.campaign_id, path=MEDIA / "land_1080.mp4"
    )
    second = add_clip_file(
        ctx, actor=COORD, campaign_id=campaign.campaign_id, path=MEDIA / "port_1080.mp4"
    )
    calibration_cards.save_clip_draft(ctx, actor=judge, clip_id=first.id, marks={"lively": 7.0})
    remove_clip(ctx, actor=COORD, clip_id=first.id)
    assert ctx.db.read(lambda cur: store.list_cards(cur, campaign.campaign_id)) == []
    [event] = ctx.db.read(
        lambda cur: list_events(cur, AuditFilter(action="calibration.clip_remove"))
    )
    assert event.details["drafts_removed"] == 1
    ctx.db.write(
        lambda cur: store.add_card(cur, _submitted(campaign.campaign_id, second.id, judge, ctx))
    )
    with pytest.raises(InvalidInput) as refused:
        remove_clip(ctx, actor=COORD, clip_id=second.id)
    assert (refused.value.key, refused.value.params) == ("calibration.clip_scored", {"count": 1})


def _submitted(campaign_id: int, clip_id: int, judge: Actor, ctx: Context) -> NewCalibrationCard:
    return NewCalibrationCard(
        campaign_id=campaign_id,
        clip_id=clip_id,
        judge_id=judge.user_id or 0,
        status=ScorecardStatus.SUBMITTED,
        created_at=ctx.now(),
        updated_at=ctx.now(),
        submitted_at=ctx.now(),
        marks={"lively": 8.0},
    )


def test_a_closed_round_takes_no_clips_until_opened_again(ctx: Context) -> None:
    campaign = make_campaign(ctx)
    cid = campaign.campaign_id
    clip = add_clip_file(ctx, actor=COORD, campaign_id=cid, path=MEDIA / "land_1080.mp4")
    calibration.close_round(ctx, actor=COORD, campaign_id=cid)
    with pytest.raises(InvalidInput) as refused:
        add_clip_file(ctx, actor=COORD, campaign_id=cid, path=MEDIA / "port_1080.mp4")
    assert refused.value.key == "calibration.closed_no_change"
    with pytest.raises(InvalidInput):
        remove_clip(ctx, actor=COORD, clip_id=clip.id)
    calibration.reopen_round(ctx, actor=COORD, campaign_id=cid)
    add_clip_file(ctx, actor=COORD, campaign_id=cid, path=MEDIA / "port_1080.mp4")
    assert len(ctx.db.read(lambda cur: store.list_clips(cur, cid))) == 2
