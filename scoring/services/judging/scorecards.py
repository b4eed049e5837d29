"""A judge's scorecards: open, save a draft, record what was watched, submit; reopen and
recuse. Every check happens here, whatever the page shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from scoring.domain.blind import blind_copy
from scoring.domain.marks import check_marks, missing_criteria
from scoring.domain.watching import coverage, watched_share, whole_percent
from scoring.enums import ConflictKind, Role, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records import (
    Campaign,
    Conflict,
    Criterion,
    Entry,
    NewScorecard,
    NewScorecardChange,
    Scorecard,
    ScorecardChange,
)
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries.listing import existing_entry
from scoring.services.judging.assignment import judge_may_open
from scoring.services.judging.watching import credited_ranges
from scoring.storage import assignments as assignment_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage import rubric as rubric_store
from scoring.storage import scorecards as store
from scoring.storage.rows import Cursor
from scoring.storage.users import get_user


@dataclass(frozen=True, kw_only=True)
class ScoringView:
    """What the judge's scoring page shows for one entry."""

    entry: Entry  # producer, submitter, recommender and contact blanked in blind mode
    criteria: list[Criterion]
    card: Scorecard | None
    campaign: Campaign
    closed: bool
    duration_s: float | None
    watch_share: float
    unwatched: list[tuple[float, float]]


def _campaign_of(cur: Cursor, entry: Entry) -> Campaign:
    campaign = campaign_store.get_campaign(cur, entry.campaign_id)
    assert campaign is not None
    return campaign


def is_closed(campaign: Campaign, now: datetime) -> bool:
    """Scoring is closed after the deadline and in an archived campaign."""
    deadline = campaign.scoring_deadline
    return campaign.archived_at is not None or (deadline is not None and now >= deadline)


def _entry_for_judge(cur: Cursor, actor: Actor, entry_id: int) -> Entry:
    require_role(actor, Role.JUDGE)
    entry = existing_entry(cur, entry_id)
    judge = get_user(cur, actor.user_id) if actor.user_id is not None else None
    if judge is None or not judge_may_open(cur, judge, entry):
        raise NotAllowed("error.entry_not_yours", user=actor.name, code=entry.code)
    return entry


def open_for_scoring(ctx: Context, *, actor: Actor, entry_id: int) -> ScoringView:
    """The entry, rubric and the judge's own scorecard (never anyone else's)."""

    def work(cur: Cursor) -> ScoringView:
        entry = _entry_for_judge(cur, actor, entry_id)
        campaign = _campaign_of(cur, entry)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        duration = media.duration_s if media else None
        # The share and the gaps come from the stored ranges in one computation (the
        # stored share is the same figure, rounded as record_watching stores it).
        seen = coverage((card.watch_ranges or []) if card else [], duration or 0.0)

        return ScoringView(
            entry=blind_copy(entry) if campaign.blind_mode else entry,
            criteria=rubric_store.list_criteria(cur, entry.campaign_id),
            card=card,
            campaign=campaign,
            closed=is_closed(campaign, ctx.now()),
            duration_s=duration,
            watch_share=round(seen.share, 4),
            unwatched=seen.unwatched,
        )

    return ctx.db.read(work)


def my_marks(ctx: Context, *, actor: Actor, entry_id: int) -> dict[str, float]:
    """The marks stored on the judge's own card for ``entry_id`` (read fresh)."""

    def work(cur: Cursor) -> dict[str, float]:
        _entry_for_judge(cur, actor, entry_id)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        return dict(card.marks) if card else {}

    return ctx.db.read(work)


def _open_card(cur: Cursor, ctx: Context, actor: Actor, entry: Entry) -> Scorecard:
    """The judge's card for ``entry``, created as an empty draft on first use."""
    assert actor.user_id is not None
    card = store.scorecard_for(cur, actor.user_id, entry.id)
    if card is not None:
        return card
    now = ctx.now()
    return store.add_scorecard(
        cur,
        NewScorecard(
            campaign_id=entry.campaign_id,
            judge_id=actor.user_id,
            entry_id=entry.id,
            entered_by=actor.user_id,
            created_at=now,
            updated_at=now,
        ),
    )


def _writable(cur: Cursor, ctx: Context, entry: Entry, card: Scorecard) -> Campaign:
    campaign = _campaign_of(cur, entry)
    if is_closed(campaign, ctx.now()):
        raise InvalidInput("error.scoring_closed", deadline=campaign.scoring_deadline)
    if card.status is ScorecardStatus.SUBMITTED:
        raise NotAllowed("error.scorecard_locked", code=entry.code)
    return campaign


def _apply_changes(
    cur: Cursor,
    ctx: Context,
    card: Scorecard,
    *,
    by: str,
    marks: dict[str, float | None],
    comment: str | None,
) -> list[str]:
    """Write changed marks and comment, keeping one history line per changed field."""
    changed: list[str] = []
    now = ctx.now()
    for key, value in marks.items():
        old = card.marks.get(key)
        if old != value:
            store.set_mark(cur, card.id, key, value)
            changed.append(key)
            _history(cur, card.id, by, now, key, old, value)
    if comment is not None and comment != card.comment:
        store.update_scorecard(cur, card.id, comment=comment)
        changed.append("comment")
        _history(cur, card.id, by, now, "comment", card.comment, comment)
    if changed:
        store.update_scorecard(cur, card.id, updated_at=now)
    return changed


def _history(
    cur: Cursor, card_id: int, by: str, now: datetime, field: str, old: object, new: object
) -> None:
    store.add_scorecard_change(
        cur,
        NewScorecardChange(
            scorecard_id=card_id,
            changed_by=by,
            changed_at=now,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
        ),
    )


def save_draft(
    ctx: Context,
    *,
    actor: Actor,
    entry_id: int,
    marks: dict[str, float | None],
    comment: str | None = None,
) -> Scorecard:
    """Save marks and comment as a draft (only what changed is written and kept in history)."""

    def work(cur: Cursor) -> Scorecard:
        entry = _entry_for_judge(cur, actor, entry_id)
        card = _open_card(cur, ctx, actor, entry)
        _writable(cur, ctx, entry, card)
        check_marks(marks, [c.key for c in rubric_store.list_criteria(cur, entry.campaign_id)])
        changed = _apply_changes(cur, ctx, card, by=actor.name, marks=marks, comment=comment)
        if changed:
            audit(
                cur,
                ctx,
                actor=actor.name,
                action="score.save",
                target=entry.code,
                campaign_id=entry.campaign_id,
                fields=changed,
            )
        found = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        assert found is not None
        return found

    return ctx.db.write(work)


def record_watching(
    ctx: Context, *, actor: Actor, entry_id: int, ranges: list[list[float]]
) -> float:
    """Credit the ranges the player reports, as far as the server saw them possible (see
    ``watching.credited_ranges``), to the judge's card; return the share watched."""

    def work(cur: Cursor) -> float:
        entry = _entry_for_judge(cur, actor, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        if media is None or not media.duration_s:
            return 0.0
        card = _open_card(cur, ctx, actor, entry)
        if card.status is ScorecardStatus.SUBMITTED:
            return card.watch_share or 0.0
        merged = credited_ranges(
            cur,
            ctx,
            judge_id=card.judge_id,
            entry_id=entry_id,
            before=card.watch_ranges or [],
            reported=ranges,
            duration=media.duration_s,
        )
        share = round(watched_share(merged, media.duration_s), 4)
        store.update_scorecard(
            cur, card.id, watch_ranges=[list(r) for r in merged], watch_share=share
        )
        return share

    return ctx.db.write(work)


def submit_scorecard(
    ctx: Context,
    *,
    actor: Actor,
    entry_id: int,
    marks: dict[str, float | None] | None = None,
    comment: str | None = None,
) -> Scorecard:
    """Submit: every criterion marked and enough of the video watched; then locked."""

    def work(cur: Cursor) -> Scorecard:
        entry = _entry_for_judge(cur, actor, entry_id)
        card = _open_card(cur, ctx, actor, entry)
        campaign = _writable(cur, ctx, entry, card)
        criteria = rubric_store.list_criteria(cur, entry.campaign_id)
        check_marks(marks or {}, [c.key for c in criteria])
        _apply_changes(cur, ctx, card, by=actor.name, marks=marks or {}, comment=comment)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id) or card
        _check_complete(card, criteria, campaign)
        _lock(cur, ctx, card, by=actor.name)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="score.submit",
            target=entry.code,
            campaign_id=entry.campaign_id,
            watch_share=card.watch_share,
        )
        return store.scorecard_for(cur, actor.user_id or 0, entry_id) or card

    return ctx.db.write(work)


def _check_complete(card: Scorecard, criteria: list[Criterion], campaign: Campaign) -> None:
    require_complete(
        marks=card.marks,
        watch_share=card.watch_share,
        paper=card.source is ScorecardSource.PAPER,
        criteria=criteria,
        campaign=campaign,
    )


def require_complete(
    *,
    marks: Mapping[str, float],
    watch_share: float | None,
    paper: bool,
    criteria: list[Criterion],
    campaign: Campaign,
) -> None:
    """Refuse a submit with a criterion unmarked, or (scored in the app, not on paper) with
    less of the video watched than the campaign requires."""
    missing = missing_criteria(marks, [c.key for c in criteria])
    if missing:
        names = {c.key: f"{c.name_zh}（{c.name_en}）" for c in criteria}
        raise InvalidInput(
            "error.submit_missing_marks", criteria="、".join(names[k] for k in missing)
        )
    share = watch_share or 0.0
    if not paper and share < campaign.watch_share_required:
        raise InvalidInput(
            "error.submit_not_watched",
            share=whole_percent(share),
            required=round(campaign.watch_share_required * 100),
        )


def _lock(cur: Cursor, ctx: Context, card: Scorecard, *, by: str) -> None:
    now = ctx.now()
    store.update_scorecard(
        cur, card.id, status=ScorecardStatus.SUBMITTED.value, submitted_at=now, updated_at=now
    )
    _history(cur, card.id, by, now, "status", card.status.value, ScorecardStatus.SUBMITTED.value)


def reopen_scorecard(
    ctx: Context, *, actor: Actor, judge_id: int, entry_id: int, reason: str
) -> Scorecard:
    """A coordinator sends a submitted card back to the judge, with a reason they will see."""
    require_role(actor, *STAFF)
    if not reason.strip():
        raise InvalidInput("error.reason_required")

    def work(cur: Cursor) -> Scorecard:
        card = store.scorecard_for(cur, judge_id, entry_id)
        entry = entry_store.get_entry(cur, entry_id)
        if card is None or entry is None:
            raise NotFound("error.scorecard_unknown", judge=judge_id, entry=entry_id)
        ensure_writable(cur, entry.campaign_id)
        if card.status is not ScorecardStatus.SUBMITTED:
            raise InvalidInput("error.scorecard_not_submitted", code=entry.code)
        now = ctx.now()
        store.update_scorecard(
            cur,
            card.id,
            status=ScorecardStatus.DRAFT.value,
            reopen_reason=reason.strip(),
            submitted_at=None,
            updated_at=now,
        )
        _history(cur, card.id, actor.name, now, "status", "submitted", "draft")
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="score.reopen",
            target=entry.code,
            campaign_id=entry.campaign_id,
            judge_id=judge_id,
            reason=reason.strip(),
        )
        return store.scorecard_for(cur, judge_id, entry_id) or card

    return ctx.db.write(work)


def recuse(ctx: Context, *, actor: Actor, entry_id: int, reason: str) -> None:
    """A judge declares a conflict of interest; the entry leaves their queue."""
    if not reason.strip():
        raise InvalidInput("error.reason_required")

    def work(cur: Cursor) -> None:
        entry = _entry_for_judge(cur, actor, entry_id)
        ensure_writable(cur, entry.campaign_id)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        if card is not None and card.status is ScorecardStatus.SUBMITTED:
            raise InvalidInput("error.recuse_after_submit", code=entry.code)
        assignment_store.add_conflict(
            cur,
            Conflict(
                judge_id=actor.user_id or 0,
                entry_id=entry_id,
                kind=ConflictKind.RECUSAL,
                reason=reason.strip(),
                declared_by=actor.name,
                declared_at=ctx.now(),
            ),
        )
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="judge.recuse",
            target=entry.code,
            campaign_id=entry.campaign_id,
            reason=reason.strip(),
        )

    ctx.db.write(work)


def scorecard_history(ctx: Context, *, actor: Actor, scorecard_id: int) -> list[ScorecardChange]:
    """A card's changes: its own judge or staff may read them."""

    def work(cur: Cursor) -> list[ScorecardChange]:
        card = store.get_scorecard(cur, scorecard_id)
        if card is None:
            raise NotFound("error.scorecard_unknown", judge="?", entry=scorecard_id)
        if actor.role not in STAFF and card.judge_id != actor.user_id:
            raise NotAllowed("error.not_your_scorecard", user=actor.name)
        return store.list_scorecard_changes(cur, scorecard_id)

    return ctx.db.read(work)
