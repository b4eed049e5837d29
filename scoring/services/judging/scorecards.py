"""A judge's scorecards: open, save a draft, record what was watched, submit; reopen and
recuse. Every check happens here, whatever the page shows. The judge's own writes go
through the save lane (``_saving``); ``is_closed`` and ``require_complete`` are the
calibration cards' rules too."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.domain.blind import blind_copy
from scoring.domain.watching import stored_coverage
from scoring.enums import ConflictKind, Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.campaigns import Campaign
from scoring.records.entries import Entry
from scoring.records.judging import Conflict, Criterion, Scorecard, ScorecardChange
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role, required_reason
from scoring.services.judging._card_edit import CardEdit, store_edits
from scoring.services.judging._card_edit import is_closed as is_closed
from scoring.services.judging._card_edit import require_complete as require_complete
from scoring.services.judging._saving import CardSave, entry_for_judge, save_card
from scoring.storage import assignments as assignment_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage import rubric as rubric_store
from scoring.storage import scorecards as store
from scoring.storage.rows import Cursor


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


def open_for_scoring(ctx: Context, *, actor: Actor, entry_id: int) -> ScoringView:
    """The entry, rubric and the judge's own scorecard (never anyone else's)."""

    def work(cur: Cursor) -> ScoringView:
        entry = entry_for_judge(cur, actor, entry_id)
        campaign = _campaign_of(cur, entry)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        duration = media.duration_s if media else None
        # The share and the gaps come from the stored ranges in one computation (the
        # stored share is the same figure, rounded as record_watching stores it).
        seen = stored_coverage(card.watch_ranges if card else None, duration)

        return ScoringView(
            entry=blind_copy(entry) if campaign.blind_mode else entry,
            criteria=rubric_store.list_criteria(cur, entry.campaign_id),
            card=card,
            campaign=campaign,
            closed=is_closed(campaign, ctx.now()),
            duration_s=duration,
            watch_share=seen.share,
            unwatched=seen.unwatched,
        )

    return ctx.db.read(work)


def my_marks(ctx: Context, *, actor: Actor, entry_id: int) -> dict[str, float]:
    """The marks stored on the judge's own card for ``entry_id`` (read fresh)."""

    def work(cur: Cursor) -> dict[str, float]:
        entry_for_judge(cur, actor, entry_id)
        card = store.scorecard_for(cur, actor.user_id or 0, entry_id)
        return dict(card.marks) if card else {}

    return ctx.db.read(work)


def save_draft(
    ctx: Context,
    *,
    actor: Actor,
    entry_id: int,
    marks: dict[str, float | None],
    comment: str | None = None,
) -> Scorecard:
    """Save marks and comment as a draft (only what changed is written and kept in history).

    Saves arriving together are written in one transaction (``_saving``); this returns
    once this save has committed."""
    require_role(actor, Role.JUDGE)
    save = CardSave(ctx=ctx, actor=actor, entry_id=entry_id, marks=marks, comment=comment)
    card = save_card(save)
    assert card is not None  # a save always has a card
    return card


def record_watching(
    ctx: Context, *, actor: Actor, entry_id: int, ranges: list[list[float]]
) -> float:
    """Credit the ranges the player reports, as far as the server saw them possible (see
    ``watching.credited_ranges``), to the judge's card; return the share watched.

    Written through the same lane as the judge's drafts (``_saving``)."""
    require_role(actor, Role.JUDGE)
    report = CardSave(ctx=ctx, actor=actor, entry_id=entry_id, watched=ranges)
    card = save_card(report)
    return 0.0 if card is None else card.watch_share or 0.0


def submit_scorecard(
    ctx: Context,
    *,
    actor: Actor,
    entry_id: int,
    marks: dict[str, float | None] | None = None,
    comment: str | None = None,
) -> Scorecard:
    """Submit: every criterion marked and enough of the video watched; then locked."""
    require_role(actor, Role.JUDGE)
    save = CardSave(
        ctx=ctx, actor=actor, entry_id=entry_id, marks=marks or {}, comment=comment, submit=True
    )
    card = save_card(save)
    assert card is not None  # a submit always has a card
    return card


def reopen_scorecard(
    ctx: Context, *, actor: Actor, judge_id: int, entry_id: int, reason: str
) -> Scorecard:
    """A coordinator sends a submitted card back to the judge, with a reason they will see."""
    require_role(actor, *STAFF)
    why = required_reason(reason)

    def work(cur: Cursor) -> Scorecard:
        card = store.scorecard_for(cur, judge_id, entry_id)
        entry = entry_store.get_entry(cur, entry_id)
        if card is None or entry is None:
            raise NotFound("error.scorecard_unknown", judge=judge_id, entry=entry_id)
        ensure_writable(cur, entry.campaign_id)
        if card.status is not ScorecardStatus.SUBMITTED:
            raise InvalidInput("error.scorecard_not_submitted", code=entry.code)
        edit = CardEdit(card=card, by=actor.name, now=ctx.now())
        draft = ScorecardStatus.DRAFT
        edit.set(status=draft, reopen_reason=why, submitted_at=None, updated_at=edit.now)
        edit.note("status", ScorecardStatus.SUBMITTED.value, draft.value)
        (reopened,) = store_edits(cur, [edit])
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="score.reopen",
            target=entry.code,
            campaign_id=entry.campaign_id,
            judge_id=judge_id,
            reason=why,
        )
        return reopened

    return ctx.db.write(work)


def recuse(ctx: Context, *, actor: Actor, entry_id: int, reason: str) -> None:
    """A judge declares a conflict of interest; the entry leaves their queue."""
    why = required_reason(reason)

    def work(cur: Cursor) -> None:
        entry = entry_for_judge(cur, actor, entry_id)
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
                reason=why,
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
            reason=why,
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
