"""Entries from checked rows: which stored video each one has, and adding or updating one
with its audit line (shared by the table import, the form and the demo).

An entry that has scorecards keeps its category and its video: a judge's card is about the
work they watched. Changing either is refused unless explicitly allowed, and then logged as
``entry.scored_change`` with the cards it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TypeVar

from scoring.domain.entry_cells import find_media
from scoring.domain.entry_rows import (
    EntryProblem,
    build_entry,
    changed_fields,
    check_rows,
    work_changes,
)
from scoring.enums import EntryStage, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.records.entries import Entry, NewEntry
from scoring.records.progress import ScorecardLine
from scoring.services.context import Actor, Context, audit
from scoring.services.entries.media_files import MediaSource
from scoring.services.entries.report import CREATE, UNCHANGED, UPDATE
from scoring.storage import entries as store
from scoring.storage.rows import Cursor
from scoring.storage.scorecards import card_lines
from scoring.tables.reading import read_table

E = TypeVar("E", bound=NewEntry)


def resolve_media(
    values: Mapping[str, object],
    old: Entry | None,
    source: MediaSource | None,
    *,
    line: int,
    column: str,
) -> tuple[dict[str, object], str | None, EntryProblem | None]:
    """The row's values (an empty video cell keeps the stored video), the name of the file
    in ``source`` that its declared video is, or the problem: missing or ambiguous there."""
    values = dict(values)
    name = str(values.get("media_file") or "")
    if not name:
        if old is not None:
            values.pop("media_file", None)
        return values, None, None
    if source is None:
        return values, None, None
    found = find_media(name, source.names)
    if len(found) == 1:
        return values, found[0], None
    if len(found) > 1:
        params: dict[str, object] = {"candidates": ", ".join(found)}
        return (
            values,
            None,
            _media_problem(line, column, name, "entry_import.media_ambiguous", params),
        )
    if old is not None and old.media_file == name and old.media_sha256:
        return values, None, None  # stored by an earlier import and not sent again
    params = {"folder": source.label}
    return values, None, _media_problem(line, column, name, "entry_import.media_not_found", params)


def _media_problem(
    line: int, column: str, name: str, key: str, params: dict[str, object]
) -> EntryProblem:
    return EntryProblem(line=line, column=column, value=name, key=key, params=params)


def with_media(entry: E, old: Entry | None, matched: str | None = None) -> E:
    """The entry's stored video: the file matched now, else the old one while the declared
    name is the same, else none (the ``media`` rule then asks for the file)."""
    sha = matched
    if sha is None and old is not None and entry.media_file == old.media_file:
        sha = old.media_sha256
    return replace(entry, media_sha256=sha)


def scored_change(
    old: Entry, changes: Mapping[str, tuple[object, object]], cards: Sequence[ScorecardLine]
) -> tuple[tuple[str, ...], InvalidInput | None]:
    """The fields that would make a scored entry another work (category, video), and the
    refusal naming the entry and its scorecards (None: no such change, or no card yet)."""
    fields = work_changes(old, changes)
    if not fields or not cards:
        return fields, None
    submitted = sum(c.status is ScorecardStatus.SUBMITTED for c in cards)
    judges = ", ".join(c.username for c in cards)
    refusal = InvalidInput(
        "entry_import.scored_change",
        code=old.code,
        count=len(cards),
        judges=judges,
        submitted=submitted,
    )
    return fields, refusal


def cards_by_entry(cur: Cursor, campaign_id: int) -> dict[int, list[ScorecardLine]]:
    """Every scorecard of the campaign (drafts too), by entry id."""
    cards: dict[int, list[ScorecardLine]] = {}
    for line in card_lines(cur, campaign_id):
        cards.setdefault(line.entry_id, []).append(line)
    return cards


def save_row(
    cur: Cursor,
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    values: Mapping[str, object],
    media_sha: str | None,
    origin: str,
    owner: str = "",
    allow_scored_changes: bool = False,
) -> tuple[str, Entry]:
    """Add or update one entry by its code inside the caller's transaction, with its audit
    line: ``entry.create``, or ``entry.update`` with every changed field old → new.

    A change of category or video of an entry that has scorecards is refused (InvalidInput)
    unless ``allow_scored_changes``; then ``entry.scored_change`` names the cards too.
    ``owner``: the recommending unit registering it — a new entry is then that unit's draft.
    """
    code = str(values["code"])
    old = store.get_entry_by_code(cur, campaign_id, code)
    now = ctx.now()
    log = partial(
        audit, cur, ctx, actor=actor.name, target=code, campaign_id=campaign_id, origin=origin
    )
    if old is None:
        new = build_entry(values, campaign_id=campaign_id, now=now, existing=None)
        new = with_media(new, None, media_sha)
        if owner:
            new = replace(new, unit=owner, stage=EntryStage.DRAFT)
        added = store.add_entry(cur, new)
        log(action="entry.create", entry_id=added.id)
        return CREATE, added
    built = build_entry(values, campaign_id=campaign_id, now=now, existing=old)
    entry = with_media(built, old, media_sha)
    changes = changed_fields(old, entry)
    if not changes:
        return UNCHANGED, old
    _update(cur, log, old, replace(entry, updated_at=now), changes, allow=allow_scored_changes)
    return UPDATE, entry


def _update(
    cur: Cursor,
    log: Callable[..., None],
    old: Entry,
    entry: Entry,
    changes: Mapping[str, tuple[object, object]],
    *,
    allow: bool,
) -> None:
    """Store the changed entry with its audit line; a scored entry made another work is
    refused unless ``allow``, and then has an audit line of its own."""
    cards = card_lines(cur, old.campaign_id, entry_id=old.id)
    fields, refusal = scored_change(old, changes, cards)
    if refusal is not None and not allow:
        raise refusal
    store.update_entry(cur, entry)
    shown = {f: {"old": o, "new": n} for f, (o, n) in changes.items()}
    log(action="entry.update", entry_id=old.id, changes=shown)
    if refusal is not None:
        work = {f: shown[f] for f in (*fields, "media_sha256") if f in shown}
        _log_scored_change(log, entry_id=old.id, changes=work, cards=cards)


def _log_scored_change(
    log: Callable[..., None],
    *,
    entry_id: int | None,
    changes: dict[str, dict[str, object]],
    cards: Sequence[ScorecardLine],
) -> None:
    """The audit line of a scored entry made another work: its judges and their cards."""
    log(
        action="entry.scored_change",
        entry_id=entry_id,
        changes=changes,
        judges=[c.username for c in cards],
        cards_submitted=sum(c.status is ScorecardStatus.SUBMITTED for c in cards),
    )


def entries_from_table(
    data: bytes, *, file_name: str, campaign_id: int, now: datetime
) -> list[NewEntry]:
    """The entries of a table that has no problem, unsaved (the demo seeds its own)."""
    table = read_table(data, file_name=file_name)
    checked = check_rows(table.headers, table.rows)
    if checked.problems:
        first = checked.problems[0]
        raise InvalidInput(
            "entry_import.rejected",
            file=file_name,
            count=len(checked.problems),
            line=first.line or "—",
            column=first.column,
        )
    return [
        build_entry(row.values, campaign_id=campaign_id, now=now, existing=None)
        for row in checked.rows
    ]
