"""What a recommending unit's user may touch: its own unit's works and nothing else.

Every unit-facing service goes through here. A work of another unit and a work that does
not exist are refused with the same words, so guessing ids or codes tells nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from scoring.domain.blind import same_unit
from scoring.domain.entry_rows import EntryProblem, EntryRow
from scoring.enums import EntryStage, Role
from scoring.errors import NotAllowed
from scoring.records.entries import Entry
from scoring.services.context import Actor, require_role
from scoring.storage import entries as store
from scoring.storage.rows import Cursor


def unit_of(actor: Actor) -> str:
    """The actor's unit; refused unless the actor is a unit user bound to one."""
    require_role(actor, Role.UNIT)
    if not actor.unit.strip():
        raise NotAllowed("error.unit_user_without_unit", user=actor.name)
    return actor.unit


def is_unit(actor: Actor) -> bool:
    """True for a recommending unit's user."""
    return actor.role is Role.UNIT


def owned_entry(cur: Cursor, actor: Actor, entry_id: int) -> Entry:
    """The actor's unit's work with this id; refused for any other id."""
    unit = unit_of(actor)
    entry = store.get_entry(cur, entry_id)
    if entry is None or entry.unit != unit:
        raise NotAllowed("error.unit_entry_refused", entry=entry_id)
    return entry


def owned_draft(cur: Cursor, actor: Actor, entry_id: int) -> Entry:
    """The actor's unit's work with this id while it is still a draft (forwarded works are
    the office's now and read-only to the unit)."""
    entry = owned_entry(cur, actor, entry_id)
    if entry.stage is not EntryStage.DRAFT:
        raise NotAllowed("error.unit_entry_forwarded", code=entry.code)
    return entry


def code_problem(old: Entry | None, actor: Actor) -> tuple[str, dict[str, object]] | None:
    """Why ``actor`` may not write the entry already stored under a code, or None.

    A unit may change only its own drafts; the office may not overwrite a unit's draft
    (it is not the office's until forwarded). Neither learns whose the code is.
    """
    if old is None:
        return None
    if is_unit(actor):
        if old.unit != actor.unit:
            return "entry_form.code_taken", {}
        if old.stage is not EntryStage.DRAFT:
            return "unit_works.code_forwarded", {}
        return None
    if old.stage is EntryStage.DRAFT:
        return "entry_form.code_taken", {}
    return None


def unit_values(
    values: Mapping[str, object], actor: Actor, old: Entry | None
) -> tuple[dict[str, object], tuple[str, dict[str, object]] | None]:
    """A unit's row as it is saved: its own unit as 推荐单位 (another one named is a
    problem), and 版权承诺书 received only when its scanned pledge is stored."""
    scoped = dict(values)
    named = str(scoped.get("recommender") or "")
    problem = None
    if named and not same_unit(named, actor.unit):
        problem = ("unit_works.recommender_other", {"unit": actor.unit})
    scoped["recommender"] = actor.unit
    scoped["copyright_pledge"] = bool(old is not None and old.pledge_sha256)
    return scoped, problem


def scoped_row(
    row: EntryRow, old: Entry | None, actor: Actor, columns: Mapping[str, str]
) -> EntryRow | EntryProblem:
    """A table row as ``actor`` may import it (a unit's scoped by ``unit_values``), or the
    problem: a code that is not the actor's to write, or another unit named."""
    taken = code_problem(old, actor)
    if taken is not None:
        return EntryProblem(
            line=row.line, column=columns["code"], value=row.code, key=taken[0], params=taken[1]
        )
    if not is_unit(actor):
        return row
    values, problem = unit_values(row.values, actor, old)
    if problem is not None:
        named = str(row.values.get("recommender") or "")
        column = columns.get("recommender", "recommender")
        return EntryProblem(
            line=row.line, column=column, value=named, key=problem[0], params=problem[1]
        )
    return replace(row, values=values)
