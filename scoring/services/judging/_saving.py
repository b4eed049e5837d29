"""Judges' own saves in batches: drafts, submits and watching reports go through the
database's ``scorecards`` lane (``storage.group_commit``). Saves that arrive while a batch
is written are checked together — against the one access rule (``assignment.
judges_may_open``, the set form ``judge_may_open`` itself uses: the current assignments
and conflicts, read once per batch) and against one read of their cards' facts — written
with one statement per table, and each judge is answered when the batch has committed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from scoring.domain.marks import check_marks
from scoring.domain.watching import stored_coverage
from scoring.enums import EntryStage, Role, ScorecardStatus
from scoring.errors import InvalidInput, JudgingError, NotAllowed
from scoring.records.audit import NewAuditEvent
from scoring.records.entries import Entry
from scoring.records.judging import NewScorecard, Scorecard
from scoring.records.users import User
from scoring.services.context import Actor, Context, audit_event, require_role
from scoring.services.entries.listing import existing_entry
from scoring.services.judging._card_edit import CardEdit, check_complete, is_closed, store_edits
from scoring.services.judging.assignment import judge_may_open, judges_may_open
from scoring.services.judging.watching import credited_ranges
from scoring.storage import rubric as rubric_store
from scoring.storage.audit import append_events
from scoring.storage.entries import get_entries
from scoring.storage.group_commit import lane
from scoring.storage.rows import Cursor
from scoring.storage.scorecard_saves import SaveFacts, save_facts
from scoring.storage.users import get_user, get_users


def entry_for_judge(cur: Cursor, actor: Actor, entry_id: int) -> Entry:
    """The received entry, if the acting judge may open it now (``judge_may_open``,
    decided from the current data at every call)."""
    entry, judge = _subjects(cur, actor, entry_id)
    if not judge_may_open(cur, judge, entry):
        raise _not_yours(actor, entry)
    return entry


def _subjects(
    cur: Cursor,
    actor: Actor,
    entry_id: int,
    known: tuple[Entry, User] | None = None,
    read: _Read | None = None,
) -> tuple[Entry, User]:
    """The received entry and the acting judge, read (or ``known``: read by an earlier save
    while nothing else has written since; or found in ``read``, the batch's one read of
    its entries and judges); whether the judge may open it is not decided."""
    require_role(actor, Role.JUDGE)
    if known is not None:
        return known
    entry = read[0].get(entry_id) if read is not None else None
    if entry is None or entry.stage is not EntryStage.RECEIVED:
        entry = existing_entry(cur, entry_id)  # read alone: it says why it cannot be opened
    if actor.user_id is None:
        judge = None
    elif read is not None:
        judge = read[1].get(actor.user_id)
    else:
        judge = get_user(cur, actor.user_id)
    if judge is None:
        raise _not_yours(actor, entry)
    return entry, judge


def _not_yours(actor: Actor, entry: Entry) -> NotAllowed:
    return NotAllowed("error.entry_not_yours", user=actor.name, code=entry.code)


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
    outcomes: list[NewScorecard | Exception | None] = []
    edits: list[CardEdit] = []
    events: list[NewAuditEvent] = []
    refused = _admit(cur, saves, keys, facts)
    for n, (save, key) in enumerate(zip(saves, keys, strict=True)):
        try:
            if n in refused:
                raise refused[n]
            edit, event = _edit_of(cur, save, facts[key])
        except JudgingError as refusal:
            outcomes.append(refusal)
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


def _admit(
    cur: Cursor,
    saves: Sequence[CardSave],
    keys: Sequence[tuple[int, int]],
    facts: dict[Hashable, SaveFacts],
) -> dict[int, JudgingError]:
    """Decide for every save of the batch whether its judge may open the entry now
    (``judges_may_open``: the current assignments and conflicts, read once for the batch);
    an admitted save's facts keep the entry and judge (the lane's memo holds them while
    nothing else writes). Returns the refusals by position in the batch."""
    refused: dict[int, JudgingError] = {}
    subjects: dict[int, tuple[Entry, User]] = {}
    unknown = [s for s, k in zip(saves, keys, strict=True) if not _known(facts[k])]
    read = _read_subjects(cur, unknown)
    for n, (save, key) in enumerate(zip(saves, keys, strict=True)):
        try:
            subjects[n] = _subjects(cur, save.actor, save.entry_id, _known(facts[key]), read)
        except JudgingError as refusal:
            refused[n] = refusal
    verdicts = judges_may_open(cur, [(judge, entry) for entry, judge in subjects.values()])
    for (n, (entry, judge)), allowed in zip(subjects.items(), verdicts, strict=True):
        if allowed:
            facts[keys[n]] = replace(facts[keys[n]], entry=entry, judge=judge)
        else:
            refused[n] = _not_yours(saves[n].actor, entry)
    return refused


_Read = tuple[dict[int, Entry], dict[int, User]]


def _known(fact: SaveFacts) -> tuple[Entry, User] | None:
    return (fact.entry, fact.judge) if fact.entry and fact.judge else None


def _read_subjects(cur: Cursor, saves: Sequence[CardSave]) -> _Read:
    """The entries and judges of ``saves``, one query each (a batch's new cards)."""
    if not saves:
        return {}, {}
    users = sorted({s.actor.user_id for s in saves if s.actor.user_id is not None})
    return get_entries(cur, sorted({s.entry_id for s in saves})), get_users(cur, users)


def _edit_of(
    cur: Cursor, save: CardSave, fact: SaveFacts
) -> tuple[CardEdit | None, NewAuditEvent | None]:
    """The edit an admitted judge's save makes and its audit line, after every check;
    refusals raise. A watching report is not audited (the share is kept with the card)."""
    entry = fact.entry
    assert entry is not None
    if save.watched is not None:
        return _watch_edit(cur, save, fact), None
    campaign = fact.campaign
    assert campaign is not None
    if is_closed(campaign, save.ctx.now()):
        raise InvalidInput("error.scoring_closed", deadline=campaign.scoring_deadline)
    card = _card(save, fact)
    if card.status is ScorecardStatus.SUBMITTED:
        raise NotAllowed("error.scorecard_locked", code=entry.code)
    check_marks(save.marks, list(fact.criteria))
    edit = CardEdit(card=card, by=save.actor.name, now=save.ctx.now())
    changed = edit.marks_and_comment(save.marks, save.comment)
    line = partial(
        audit_event,
        save.ctx,
        actor=save.actor.name,
        target=entry.code,
        campaign_id=entry.campaign_id,
    )
    if save.submit:
        check_complete(edit.card, rubric_store.list_criteria(cur, entry.campaign_id), campaign)
        edit.lock()
        return edit, line(action="score.submit", watch_share=edit.card.watch_share)
    return edit, line(action="score.save", fields=changed) if changed else None


def _watch_edit(cur: Cursor, save: CardSave, fact: SaveFacts) -> CardEdit | None:
    """Credit the ranges played as far as the server saw them possible
    (``watching.credited_ranges``) to the card (created if need be); a submitted card and
    an entry without a video keep what they have (None: nothing to record)."""
    if not fact.duration_s:
        return None
    edit = CardEdit(card=_card(save, fact), by=save.actor.name, now=save.ctx.now())
    if edit.card.status is ScorecardStatus.SUBMITTED:
        return edit
    merged = credited_ranges(
        cur,
        save.ctx,
        judge_id=fact.judge_id,
        entry_id=fact.entry_id,
        before=edit.card.watch_ranges or [],
        reported=save.watched or [],
        duration=fact.duration_s,
    )
    share = stored_coverage(merged, fact.duration_s).share
    edit.set(watch_ranges=[list(r) for r in merged], watch_share=share)
    return edit


def _card(save: CardSave, fact: SaveFacts) -> NewScorecard:
    """The judge's card, or a new empty draft (written with the save)."""
    now = save.ctx.now()
    assert fact.campaign is not None
    return fact.card or NewScorecard(
        campaign_id=fact.campaign.id,
        judge_id=fact.judge_id,
        entry_id=fact.entry_id,
        entered_by=fact.judge_id,
        created_at=now,
        updated_at=now,
    )
