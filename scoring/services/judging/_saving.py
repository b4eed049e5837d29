"""The save path every scorecard write shares: a card's edit (changed marks and comment,
one history line per changed field, the lock) and the batch that writes many judges'
saves in one transaction.

Judges' drafts and submits go through the database's ``scorecards`` lane
(``storage.group_commit``): saves that arrive while a batch is written are checked
against one read of their facts and written with one statement per table, and each
judge is answered when the batch has committed. Paper sheets write their edits with the
same ``write_cards``, one import's rows together.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Any

from scoring.domain.assignment import EntryParties, JudgeUnit, has_unit_conflict
from scoring.domain.marks import check_marks, missing_criteria
from scoring.domain.watching import merge_ranges, watched_share, whole_percent
from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput, JudgingError, NotAllowed, NotFound
from scoring.records import AuditEvent, Campaign, Scorecard
from scoring.services.context import Actor, Context, audit_event
from scoring.storage import rubric as rubric_store
from scoring.storage.audit import append_events
from scoring.storage.group_commit import lane
from scoring.storage.rows import Cursor
from scoring.storage.scorecard_saves import CardWrite, SaveFacts, save_facts, write_cards


def is_closed(campaign: Campaign, now: datetime) -> bool:
    """Scoring is closed after the deadline and in an archived campaign."""
    deadline = campaign.scoring_deadline
    return campaign.archived_at is not None or (deadline is not None and now >= deadline)


@dataclass(kw_only=True)
class CardEdit:
    """The changes one save makes to one card, gathered before anything is written."""

    card: Scorecard  # as it will be after the save (no id yet when new)
    by: str
    now: datetime
    columns: list[str] = field(default_factory=list)
    new_marks: dict[str, float] = field(default_factory=dict)
    changed_marks: dict[str, float] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)
    changes: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def set(self, **values: Any) -> None:
        """Set card columns (written only if the card already exists; a new card is
        inserted whole)."""
        self.card = replace(self.card, **values)
        self.columns += [name for name in values if name not in self.columns]

    def note(self, name: str, old: object, new: object) -> None:
        """Keep one history line: field, old → new, as text."""
        self.changes.append((name, _text(old), _text(new)))

    def marks_and_comment(
        self, marks: Mapping[str, float | None], comment: str | None
    ) -> list[str]:
        """Apply changed marks and comment; return the fields that changed."""
        changed: list[str] = []
        current = dict(self.card.marks)
        for key, value in marks.items():
            old = current.get(key)
            if old == value:
                continue
            if value is None:
                current.pop(key, None)
                self.cleared.append(key)
            else:
                current[key] = value
                (self.new_marks if old is None else self.changed_marks)[key] = value
            changed.append(key)
            self.note(key, old, value)
        self.card = replace(self.card, marks=current)
        if comment is not None and comment != self.card.comment:
            self.note("comment", self.card.comment, comment)
            self.set(comment=comment)
            changed.append("comment")
        if changed:
            self.set(updated_at=self.now)
        return changed

    def lock(self) -> None:
        """Submit the card: locked from now on (only a coordinator can reopen it)."""
        old = self.card.status.value
        self.set(status=ScorecardStatus.SUBMITTED, submitted_at=self.now, updated_at=self.now)
        self.note("status", old, ScorecardStatus.SUBMITTED.value)

    @property
    def anything(self) -> bool:
        """A new card, or something to write on an existing one."""
        return self.card.id is None or bool(self.columns or self.changes)

    def write(self) -> CardWrite:
        """The storage's form of this edit."""
        return CardWrite(
            card=self.card,
            columns=tuple(self.columns),
            new_marks=dict(self.new_marks),
            changed_marks=dict(self.changed_marks),
            cleared=tuple(self.cleared),
            changes=tuple(self.changes),
            changed_by=self.by,
            changed_at=self.now,
        )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def store_edits(cur: Cursor, edits: Sequence[CardEdit]) -> list[Scorecard]:
    """Write the edits (one statement per table) and return their cards with ids."""
    ids = write_cards(cur, [e.write() for e in edits])
    return [replace(e.card, id=i) for e, i in zip(edits, ids, strict=True)]


def check_complete(cur: Cursor, card: Scorecard, keys: Sequence[str], campaign: Campaign) -> None:
    """Every criterion marked and, for an app card, enough of the video watched."""
    missing = missing_criteria(card.marks, list(keys))
    if missing:
        criteria = rubric_store.list_criteria(cur, card.campaign_id)  # their names
        names = {c.key: f"{c.name_zh}（{c.name_en}）" for c in criteria}
        raise InvalidInput(
            "error.submit_missing_marks", criteria="、".join(names[k] for k in missing)
        )
    share = card.watch_share or 0.0
    if card.source is ScorecardSource.APP and share < campaign.watch_share_required:
        raise InvalidInput(
            "error.submit_not_watched",
            share=whole_percent(share),
            required=round(campaign.watch_share_required * 100),
        )


# --- a judge's own saves, in batches -------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CardSave:
    """One judge's write to their own card: marks and comment, or the submit, or (with
    ``watched``) the ranges of the video the player reports as played."""

    ctx: Context
    actor: Actor
    entry_id: int
    marks: Mapping[str, float | None] = field(default_factory=dict)
    comment: str | None = None
    submit: bool = False
    watched: list[list[float]] | None = None


def save_card(save: CardSave) -> Scorecard | None:
    """Write ``save`` with whatever other saves are waiting; its card after commit (None
    for a watching report on an entry without a video: nothing to record)."""
    saves = lane(save.ctx.db, "scorecards", write_saves, _card_key)
    return saves.run(save)


def _card_key(save: CardSave) -> tuple[int, int]:
    return (save.actor.user_id or 0, save.entry_id)


def write_saves(
    cur: Cursor, saves: Sequence[CardSave], memo: Mapping[Hashable, Any]
) -> tuple[list[Scorecard | Exception | None], dict[Hashable, Any]]:
    """Check every save against its facts (from the lane's memo, or one read for those
    not in it), then write the good ones together; a refused save gets its own error and
    writes nothing. Also returns each card's facts as they are after this batch."""
    keys = [_card_key(s) for s in saves]
    unknown = [k for k in keys if k not in memo]
    read = dict(zip(unknown, save_facts(cur, unknown), strict=True)) if unknown else {}
    facts: dict[Hashable, SaveFacts] = {k: memo.get(k) or read[k] for k in keys}
    outcomes: list[Scorecard | Exception | None] = []
    edits: list[CardEdit] = []
    events: list[AuditEvent] = []
    for save, key in zip(saves, keys, strict=True):
        try:
            edit, event = _edit_of(cur, save, facts[key])
        except JudgingError as refused:
            outcomes.append(refused)
            continue
        if edit is None:
            outcomes.append(None)
            continue
        outcomes.append(edit.card)  # replaced by the stored card below
        if edit.anything:
            edits.append(edit)
        if event is not None:
            events.append(event)
    for card in store_edits(cur, edits):
        key = (card.judge_id, card.entry_id)
        facts[key] = replace(facts[key], card=card)
    append_events(cur, events)
    answers = [
        o if o is None or isinstance(o, Exception) else facts[(o.judge_id, o.entry_id)].card
        for o in outcomes
    ]
    return answers, dict(facts)


def _edit_of(
    cur: Cursor, save: CardSave, fact: SaveFacts
) -> tuple[CardEdit | None, AuditEvent | None]:
    """The edit a judge's save makes and its audit line, after every check; refusals
    raise. A watching report is not audited (the share is kept with the card)."""
    _may_open(save, fact)
    if save.watched is not None:
        return _watch_edit(save, fact), None
    campaign = fact.campaign
    assert campaign is not None
    if is_closed(campaign, save.ctx.now()):
        raise InvalidInput("error.scoring_closed", deadline=campaign.scoring_deadline)
    card = _card(save, fact)
    if card.status is ScorecardStatus.SUBMITTED:
        raise NotAllowed("error.scorecard_locked", code=fact.code)
    check_marks(save.marks, list(fact.criteria))
    edit = CardEdit(card=card, by=save.actor.name, now=save.ctx.now())
    changed = edit.marks_and_comment(save.marks, save.comment)
    line = partial(
        audit_event,
        save.ctx,
        actor=save.actor.name,
        target=fact.code or "",
        campaign_id=fact.campaign_id,
    )
    if save.submit:
        check_complete(cur, edit.card, fact.criteria, campaign)
        edit.lock()
        return edit, line(action="score.submit", watch_share=edit.card.watch_share)
    return edit, line(action="score.save", fields=changed) if changed else None


def _watch_edit(save: CardSave, fact: SaveFacts) -> CardEdit | None:
    """Merge the ranges played into the card (created if need be); a submitted card and
    an entry without a video keep what they have (None: nothing to record)."""
    if not fact.duration_s:
        return None
    edit = CardEdit(card=_card(save, fact), by=save.actor.name, now=save.ctx.now())
    if edit.card.status is ScorecardStatus.SUBMITTED:
        return edit
    played = save.watched or []
    merged = merge_ranges(edit.card.watch_ranges or [], played, duration=fact.duration_s)
    share = round(watched_share(merged, fact.duration_s), 4)
    edit.set(watch_ranges=[list(r) for r in merged], watch_share=share)
    return edit


def _card(save: CardSave, fact: SaveFacts) -> Scorecard:
    """The judge's card, or a new empty draft (written with the save)."""
    now = save.ctx.now()
    return fact.card or Scorecard(
        campaign_id=fact.campaign_id,
        judge_id=fact.judge_id,
        entry_id=fact.entry_id,
        entered_by=fact.judge_id,
        created_at=now,
        updated_at=now,
    )


def _may_open(save: CardSave, fact: SaveFacts) -> None:
    """The entry exists and the judge may open it (assigned, not barred, enabled)."""
    if fact.code is None:
        raise NotFound("error.entry_unknown", entry=save.entry_id)
    judge = JudgeUnit(fact.judge_id, fact.judge_unit or "")
    parties = EntryParties(fact.entry_id, *fact.parties)
    if (
        fact.judge_unit is None
        or fact.judge_disabled
        or not fact.assigned
        or has_unit_conflict(judge, parties)
    ):
        raise NotAllowed("error.entry_not_yours", user=save.actor.name, code=fact.code)
