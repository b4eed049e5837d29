"""A judge's calibration cards (试评): the reference clips first in the queue while the
round is open, scored on the campaign's rubric with the same rules as a scorecard (every
criterion marked, enough of the clip watched), then locked. Kept apart from scorecards:
nothing here reaches the ranking, the exports, the progress counts or the reliability.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.domain.marks import check_marks
from scoring.domain.watching import stored_coverage
from scoring.enums import CalibrationState, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.calibration import CalibrationCard, CalibrationClip, NewCalibrationCard
from scoring.records.campaigns import Campaign
from scoring.records.judging import Criterion
from scoring.records.media import MediaFile
from scoring.services.context import Actor, Context, audit
from scoring.services.judging.calibration import clip_target, judge_id_of, round_state
from scoring.services.judging.scorecards import is_closed, require_complete
from scoring.services.judging.watching import credited_ranges
from scoring.storage import calibration as store
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage import rubric as rubric_store
from scoring.storage.rows import Cursor


@dataclass(frozen=True, kw_only=True)
class ClipView:
    """What the calibration scoring page shows for one clip (mirrors ``ScoringView``)."""

    clip_id: int
    number: int
    criteria: list[Criterion]
    card: CalibrationCard | None
    campaign: Campaign
    closed: bool
    duration_s: float | None
    watch_share: float
    unwatched: list[tuple[float, float]]


@dataclass(frozen=True)
class _Opened:
    judge_id: int
    clip: CalibrationClip
    number: int
    campaign: Campaign
    closed: bool  # the round is closed, or scoring is (deadline, archive)
    media: MediaFile | None


def _opened(cur: Cursor, ctx: Context, actor: Actor, clip_id: int) -> _Opened:
    judge_id = judge_id_of(cur, actor)
    clip = store.get_clip(cur, clip_id)
    if clip is None:
        raise NotFound("error.calibration_clip_unknown", clip=clip_id)
    campaign = campaign_store.get_campaign(cur, clip.campaign_id)
    assert campaign is not None
    clips = store.list_clips(cur, clip.campaign_id)
    state = round_state(store.get_round(cur, clip.campaign_id), clips)
    return _Opened(
        judge_id=judge_id,
        clip=clip,
        number=[c.id for c in clips].index(clip.id) + 1,
        campaign=campaign,
        closed=state != CalibrationState.OPEN or is_closed(campaign, ctx.now()),
        media=entry_store.get_media_file(cur, clip.media_sha256),
    )


def open_clip(ctx: Context, *, actor: Actor, clip_id: int) -> ClipView:
    """A clip with the rubric and the acting judge's own card (never anyone else's)."""

    def work(cur: Cursor) -> ClipView:
        opened = _opened(cur, ctx, actor, clip_id)
        card = store.card_for(cur, opened.judge_id, clip_id)
        duration = opened.media.duration_s if opened.media else None
        seen = stored_coverage(card.watch_ranges if card else None, duration)
        return ClipView(
            clip_id=clip_id,
            number=opened.number,
            criteria=rubric_store.list_criteria(cur, opened.clip.campaign_id),
            card=card,
            campaign=opened.campaign,
            closed=opened.closed,
            duration_s=duration,
            watch_share=seen.share,
            unwatched=seen.unwatched,
        )

    return ctx.db.read(work)


def my_clip_marks(ctx: Context, *, actor: Actor, clip_id: int) -> dict[str, float]:
    """The marks stored on the judge's own card for a clip (read fresh)."""

    def work(cur: Cursor) -> dict[str, float]:
        opened = _opened(cur, ctx, actor, clip_id)
        card = store.card_for(cur, opened.judge_id, clip_id)
        return dict(card.marks) if card else {}

    return ctx.db.read(work)


def _card(cur: Cursor, ctx: Context, opened: _Opened) -> CalibrationCard:
    """The judge's card for the clip, made as an empty draft on first use."""
    clip_id = opened.clip.id
    card = store.card_for(cur, opened.judge_id, clip_id)
    if card is not None:
        return card
    now = ctx.now()
    return store.add_card(
        cur,
        NewCalibrationCard(
            campaign_id=opened.clip.campaign_id,
            clip_id=clip_id,
            judge_id=opened.judge_id,
            created_at=now,
            updated_at=now,
        ),
    )


def _writable(opened: _Opened, card: CalibrationCard) -> None:
    if opened.closed:
        raise InvalidInput("calibration.closed_for_judges")
    if card.status is ScorecardStatus.SUBMITTED:
        raise NotAllowed("calibration.card_locked", number=opened.number)


@dataclass(frozen=True)
class _Marked:
    opened: _Opened
    card: CalibrationCard  # as stored after the marks were written
    criteria: list[Criterion]
    changed: list[str]  # the criteria keys, and "comment", that changed


def _mark(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    clip_id: int,
    marks: dict[str, float | None],
    comment: str | None,
) -> _Marked:
    """Check and write marks and comment on the judge's card (made on first use), refused
    once the card is locked or the round closed."""
    opened = _opened(cur, ctx, actor, clip_id)
    card = _card(cur, ctx, opened)
    _writable(opened, card)
    criteria = rubric_store.list_criteria(cur, opened.clip.campaign_id)
    check_marks(marks, [c.key for c in criteria])
    changed = [key for key, value in marks.items() if card.marks.get(key) != value]
    for key in changed:
        store.set_mark(cur, card.id, key, marks[key])
    if comment is not None and comment != card.comment:
        store.update_card(cur, card.id, comment=comment)
        changed.append("comment")
    if changed:
        store.update_card(cur, card.id, updated_at=ctx.now())
    found = store.card_for(cur, opened.judge_id, clip_id)
    assert found is not None
    return _Marked(opened, found, criteria, changed)


def _audit(
    cur: Cursor, ctx: Context, actor: Actor, opened: _Opened, action: str, **details: object
) -> None:
    clip = opened.clip
    audit(
        cur,
        ctx,
        actor=actor.name,
        action=action,
        target=clip_target(clip),
        campaign_id=clip.campaign_id,
        **details,
    )


def save_clip_draft(
    ctx: Context,
    *,
    actor: Actor,
    clip_id: int,
    marks: dict[str, float | None],
    comment: str | None = None,
) -> CalibrationCard:
    """Save marks and comment on the judge's calibration card as a draft."""

    def work(cur: Cursor) -> CalibrationCard:
        done = _mark(cur, ctx, actor, clip_id, marks, comment)
        if done.changed:
            _audit(cur, ctx, actor, done.opened, "calibration.save", fields=done.changed)
        return done.card

    return ctx.db.write(work)


def record_clip_watching(
    ctx: Context, *, actor: Actor, clip_id: int, ranges: list[list[float]]
) -> float:
    """Credit the ranges the player reports, as far as the server saw them possible (what
    the media route sent of the clip, within the time since it was opened: see
    ``watching.credited_ranges``), to the judge's card; return the share watched."""

    def work(cur: Cursor) -> float:
        opened = _opened(cur, ctx, actor, clip_id)
        media = opened.media
        if media is None or not media.duration_s:
            return 0.0
        card = _card(cur, ctx, opened)
        if card.status is ScorecardStatus.SUBMITTED:
            return card.watch_share or 0.0
        merged = credited_ranges(
            cur,
            ctx,
            judge_id=opened.judge_id,
            entry_id=clip_id,
            before=card.watch_ranges or [],
            reported=ranges,
            duration=media.duration_s,
            subject="clip",
        )
        share = stored_coverage(merged, media.duration_s).share
        store.update_card(cur, card.id, watch_ranges=[list(r) for r in merged], watch_share=share)
        return share

    return ctx.db.write(work)


def submit_clip(
    ctx: Context,
    *,
    actor: Actor,
    clip_id: int,
    marks: dict[str, float | None] | None = None,
    comment: str | None = None,
) -> CalibrationCard:
    """Submit a calibration card: every criterion marked and enough watched; then locked."""

    def work(cur: Cursor) -> CalibrationCard:
        done = _mark(cur, ctx, actor, clip_id, marks or {}, comment)
        card = done.card
        require_complete(
            marks=card.marks,
            watch_share=card.watch_share,
            paper=False,
            criteria=done.criteria,
            campaign=done.opened.campaign,
        )
        now = ctx.now()
        status = ScorecardStatus.SUBMITTED.value
        store.update_card(cur, card.id, status=status, submitted_at=now, updated_at=now)
        _audit(cur, ctx, actor, done.opened, "calibration.submit", watch_share=card.watch_share)
        return store.card_for(cur, done.opened.judge_id, clip_id) or card

    return ctx.db.write(work)
