"""Editing a campaign's rubric (issue 7 §2, SPEC §4): names, descriptions and weights,
by an admin, until the campaign's first scorecard is submitted; frozen from then on, so
every submitted scorecard was given against the same rubric."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from scoring.domain.views import local_time_text
from scoring.enums import Role
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.judging import Criterion
from scoring.services.campaigns.active import ensure_writable, known_campaign
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.storage import entries as entry_store
from scoring.storage import rubric as rubric_store
from scoring.storage import scorecards as store
from scoring.storage import users as user_store
from scoring.storage.rows import Cursor

EDITABLE = ("name_zh", "name_en", "description_zh", "description_en", "weight")


@dataclass(frozen=True, kw_only=True)
class CriterionEdit:
    """New texts and weight for one criterion, named by its key."""

    key: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    weight: float


@dataclass(frozen=True, kw_only=True)
class Freeze:
    """Why the rubric can no longer change: the first submitted scorecard, and how many."""

    submitted_at: datetime | None
    judge: str
    code: str
    submitted: int


@dataclass(frozen=True, kw_only=True)
class RubricState:
    """A campaign's rubric and whether it is frozen (None: still editable)."""

    criteria: list[Criterion]
    frozen: Freeze | None


def _freeze(cur: Cursor, campaign_id: int) -> Freeze | None:
    first = store.first_submitted_scorecard(cur, campaign_id)
    if first is None:
        return None
    judge = user_store.get_user(cur, first.judge_id)
    entry = entry_store.get_entry(cur, first.entry_id)
    return Freeze(
        submitted_at=first.submitted_at,
        judge=judge.username if judge else str(first.judge_id),
        code=entry.code if entry else str(first.entry_id),
        submitted=store.count_submitted_scorecards(cur, campaign_id),
    )


def _campaign_id(cur: Cursor, campaign_id: int) -> int:
    return known_campaign(cur, campaign_id).id


def rubric_state(ctx: Context, *, actor: Actor, campaign_id: int) -> RubricState:
    """The rubric and, once a scorecard is submitted, why it is frozen (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> RubricState:
        _campaign_id(cur, campaign_id)
        return RubricState(
            criteria=rubric_store.list_criteria(cur, campaign_id), frozen=_freeze(cur, campaign_id)
        )

    return ctx.db.read(work)


def frozen_error(freeze: Freeze, zone: str) -> NotAllowed:
    """The refusal of an edit to a frozen rubric: since when, by which card, and why."""
    at = local_time_text(freeze.submitted_at, zone) if freeze.submitted_at else "—"
    return NotAllowed(
        "rubric.frozen",
        at=at,
        judge=freeze.judge,
        code=freeze.code,
        count=freeze.submitted,
    )


def check_edit(edit: CriterionEdit) -> CriterionEdit:
    """Names trimmed and present; the weight a finite number above zero."""
    names = {f: getattr(edit, f).strip() for f in EDITABLE if f != "weight"}
    for field in ("name_zh", "name_en"):
        if not names[field]:
            raise InvalidInput("rubric.name_empty", criterion=edit.key)
    weight = edit.weight
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
        raise InvalidInput("rubric.weight_not_number", criterion=edit.key, weight=weight)
    if weight <= 0:
        raise InvalidInput("rubric.weight_not_positive", criterion=edit.key, weight=weight)
    return replace(edit, weight=float(weight), **names)


def edit_rubric(
    ctx: Context, *, actor: Actor, campaign_id: int, edits: Sequence[CriterionEdit]
) -> list[Criterion]:
    """Change names, descriptions and weights (admin only; refused once frozen).

    Every edit is checked before anything is written; each changed criterion gets one
    audit line with its old → new values. Returns the rubric as stored afterwards.
    """
    require_role(actor, Role.ADMIN)
    checked = [check_edit(e) for e in edits]

    def work(cur: Cursor) -> list[Criterion]:
        ensure_writable(cur, campaign_id)
        _campaign_id(cur, campaign_id)
        freeze = _freeze(cur, campaign_id)
        if freeze is not None:
            raise frozen_error(freeze, ctx.settings.timezone)
        current = {c.key: c for c in rubric_store.list_criteria(cur, campaign_id)}
        unknown = [e.key for e in checked if e.key not in current]
        if unknown:
            raise InvalidInput("rubric.unknown_criterion", criteria=", ".join(unknown))
        for edit in checked:
            _store_edit(cur, ctx, actor, current[edit.key], edit)
        return rubric_store.list_criteria(cur, campaign_id)

    return ctx.db.write(work)


def _store_edit(
    cur: Cursor, ctx: Context, actor: Actor, old: Criterion, edit: CriterionEdit
) -> None:
    changes = {
        f: {"old": getattr(old, f), "new": getattr(edit, f)}
        for f in EDITABLE
        if getattr(old, f) != getattr(edit, f)
    }
    if not changes:
        return
    rubric_store.update_criterion(cur, replace(old, **{f: getattr(edit, f) for f in EDITABLE}))
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="rubric.edit",
        target=old.key,
        campaign_id=old.campaign_id,
        changes=changes,
    )
