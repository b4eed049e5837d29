"""The calibration round (试评). Coordinators see the judges' totals on the two or three
reference clips (``calibration_clips``) beside the panel's median and spread, keep a note of
what the panel agreed, and close the round (or open it again); every change is audited.
A judge's queue lists the clips first while the round is open (``judge_round``); the cards
themselves are ``calibration_cards``.

Calibration cards live in tables of their own: no ranking, export, progress count or
reliability figure reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.domain.calibration import (
    MAX_CLIPS,
    CalibrationFigures,
    CalibrationMarks,
    calibration_figures,
)
from scoring.enums import CalibrationState, QueueStatus, Role, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.calibration import CalibrationCard, CalibrationClip, CalibrationRound
from scoring.records.media import MediaFile
from scoring.records.users import User
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.storage import calibration as store
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor
from scoring.storage.rubric import list_criteria
from scoring.storage.users import get_user, list_users


def round_state(
    calibration: CalibrationRound | None, clips: list[CalibrationClip]
) -> CalibrationState:
    """none (no clip yet), open, or closed."""
    if calibration is None or not clips:
        return CalibrationState.NONE
    return CalibrationState.OPEN if calibration.closed_at is None else CalibrationState.CLOSED


def panel_judges(cur: Cursor) -> list[User]:
    """Who calibrates: every judge whose account is active, by username."""
    return sorted(
        (u for u in list_users(cur, role=Role.JUDGE) if not u.disabled), key=lambda u: u.username
    )


def clip_target(clip: CalibrationClip) -> str:
    """How the audit log names a clip."""
    return f"calibration-clip-{clip.id}"


@dataclass(frozen=True, kw_only=True)
class ClipInfo:
    """A reference clip as coordinators see it: its number, file facts, cards in."""

    clip: CalibrationClip
    number: int
    media: MediaFile | None
    submitted: int
    drafts: int


@dataclass(frozen=True, kw_only=True)
class CalibrationOverview:
    """Everything the coordinators' calibration page shows."""

    state: CalibrationState
    calibration: CalibrationRound | None
    clips: list[ClipInfo]
    judges: list[User]
    statuses: dict[tuple[int, int], str]  # (judge id, clip id) → draft | submitted
    figures: CalibrationFigures

    @property
    def room(self) -> int:
        """How many more clips the round may take."""
        return 0 if self.state == CalibrationState.CLOSED else MAX_CLIPS - len(self.clips)


def calibration_overview(ctx: Context, *, actor: Actor, campaign_id: int) -> CalibrationOverview:
    """The round, its clips, and every judge's totals beside the median and spread."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> CalibrationOverview:
        clips = store.list_clips(cur, campaign_id)
        cards = store.list_cards(cur, campaign_id)
        judges = panel_judges(cur)
        calibration = store.get_round(cur, campaign_id)
        return CalibrationOverview(
            state=round_state(calibration, clips),
            calibration=calibration,
            clips=[
                _clip_info(cur, clip, number, cards) for number, clip in enumerate(clips, start=1)
            ],
            judges=judges,
            statuses={(c.judge_id, c.clip_id): c.status.value for c in cards},
            figures=calibration_figures(
                clip_ids=[c.id for c in clips],
                judge_ids=[j.id for j in judges],
                cards=[
                    CalibrationMarks(judge_id=c.judge_id, clip_id=c.clip_id, marks=c.marks)
                    for c in cards
                    if c.status is ScorecardStatus.SUBMITTED
                ],
                weights={c.key: c.weight for c in list_criteria(cur, campaign_id)},
            ),
        )

    return ctx.db.read(work)


def _clip_info(
    cur: Cursor, clip: CalibrationClip, number: int, cards: list[CalibrationCard]
) -> ClipInfo:
    counts = _counts([c for c in cards if c.clip_id == clip.id])
    return ClipInfo(
        clip=clip,
        number=number,
        media=entry_store.get_media_file(cur, clip.media_sha256),
        submitted=counts["submitted"],
        drafts=counts["drafts"],
    )


def _counts(cards: list[CalibrationCard]) -> dict[str, int]:
    """How many of ``cards`` are submitted and how many are drafts."""
    return {
        "submitted": sum(1 for c in cards if c.status is ScorecardStatus.SUBMITTED),
        "drafts": sum(1 for c in cards if c.status is ScorecardStatus.DRAFT),
    }


def _existing_round(cur: Cursor, campaign_id: int) -> CalibrationRound:
    ensure_writable(cur, campaign_id)
    calibration = store.get_round(cur, campaign_id)
    if calibration is None or not store.list_clips(cur, campaign_id):
        raise InvalidInput("calibration.no_round")
    return calibration


def _changed(
    cur: Cursor, ctx: Context, actor: Actor, campaign_id: int, action: str, **details: object
) -> CalibrationRound:
    """Audit a change of the round and return the round as it now is."""
    audit(cur, ctx, actor=actor.name, action=action, campaign_id=campaign_id, **details)
    found = store.get_round(cur, campaign_id)
    assert found is not None
    return found


def save_note(ctx: Context, *, actor: Actor, campaign_id: int, note: str) -> CalibrationRound:
    """Keep what the panel agreed in the discussion (judges read it on their page)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> CalibrationRound:
        calibration = _existing_round(cur, campaign_id)
        text = note.strip()
        if text == calibration.note:
            return calibration
        store.update_round(cur, campaign_id, note=text, note_by=actor.name, note_at=ctx.now())
        old = calibration.note
        return _changed(cur, ctx, actor, campaign_id, "calibration.note", old=old, new=text)

    return ctx.db.write(work)


def close_round(ctx: Context, *, actor: Actor, campaign_id: int) -> CalibrationRound:
    """Close the round: the clips leave the judges' queues and their cards are locked."""
    return _open_or_close(ctx, actor, campaign_id, close=True)


def reopen_round(ctx: Context, *, actor: Actor, campaign_id: int) -> CalibrationRound:
    """Open a closed round again (judges see the clips first in their queue once more)."""
    return _open_or_close(ctx, actor, campaign_id, close=False)


def _open_or_close(
    ctx: Context, actor: Actor, campaign_id: int, *, close: bool
) -> CalibrationRound:
    """Close an open round (audited with the cards in so far) or open a closed one again
    (audited with who had closed it, and when)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> CalibrationRound:
        calibration = _existing_round(cur, campaign_id)
        if (calibration.closed_at is not None) is close:
            raise InvalidInput("calibration.already_closed" if close else "calibration.not_closed")
        if not close:
            store.update_round(cur, campaign_id, closed_by=None, closed_at=None)
            was = {"closed_by": calibration.closed_by, "closed_at": calibration.closed_at}
            return _changed(cur, ctx, actor, campaign_id, "calibration.reopen", **was)
        store.update_round(cur, campaign_id, closed_by=actor.name, closed_at=ctx.now())
        counts = _counts(store.list_cards(cur, campaign_id))
        return _changed(cur, ctx, actor, campaign_id, "calibration.close", **counts)

    return ctx.db.write(work)


# --- the judges' side --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ClipItem:
    """One reference clip in a judge's list: its number (never its title) and card state."""

    clip_id: int
    number: int
    duration_s: float | None
    orientation: str | None
    status: QueueStatus


@dataclass(frozen=True, kw_only=True)
class JudgeRound:
    """The calibration round as one judge sees it."""

    state: CalibrationState
    items: list[ClipItem] = field(default_factory=list)
    note: str = ""
    closed_at: datetime | None = None

    def count(self, status: str) -> int:
        """Clips whose card is in ``status``."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def pending(self) -> bool:
        """The round is open and this judge has clips still to submit."""
        return self.state == CalibrationState.OPEN and self.count("submitted") < len(self.items)


def judge_id_of(cur: Cursor, actor: Actor) -> int:
    """The acting judge's id; NotAllowed for another role or a disabled account."""
    require_role(actor, Role.JUDGE)
    judge = get_user(cur, actor.user_id) if actor.user_id is not None else None
    if judge is None or judge.disabled:
        raise NotAllowed("calibration.judge_inactive", user=actor.name)
    return judge.id


def _orientation(media: MediaFile | None) -> str | None:
    if media is None or not media.width or not media.height:
        return None
    if media.width == media.height:
        return "square"
    return "landscape" if media.width > media.height else "portrait"


def judge_round(ctx: Context, *, actor: Actor, campaign_id: int) -> JudgeRound:
    """The round's clips with the state of the acting judge's card for each."""

    def work(cur: Cursor) -> JudgeRound:
        judge_id = judge_id_of(cur, actor)
        clips = store.list_clips(cur, campaign_id)
        calibration = store.get_round(cur, campaign_id)
        items = []
        for number, clip in enumerate(clips, start=1):
            media = entry_store.get_media_file(cur, clip.media_sha256)
            card = store.card_for(cur, judge_id, clip.id)
            items.append(
                ClipItem(
                    clip_id=clip.id,
                    number=number,
                    duration_s=media.duration_s if media else None,
                    orientation=_orientation(media),
                    status=QueueStatus(card.status) if card else QueueStatus.NOT_STARTED,
                )
            )
        return JudgeRound(
            state=round_state(calibration, clips),
            items=items,
            note=calibration.note if calibration else "",
            closed_at=calibration.closed_at if calibration else None,
        )

    return ctx.db.read(work)
