"""Adding or editing one entry by hand (issue 3): checked like a table row, saved like an
import row (same audit lines), findings recomputed in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Final

from scoring.domain.entry_fields import SUBMITTER_TYPES
from scoring.domain.entry_rows import FORM_FIELDS, EntryProblem, FormRow, check_rows, entry_texts
from scoring.enums import EntryStage, Role
from scoring.errors import NotAllowed, NotFound
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
from scoring.records.units import PledgeFile
from scoring.services.campaigns.active import ensure_writable
from scoring.services.compliance import recompute_findings
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.entries._unit_scope import code_problem, is_unit, unit_of, unit_values
from scoring.services.entries.media_files import MB, Upload, add_media_in, rewound, store_media
from scoring.services.entries.pledges import pledge_problem, set_pledge_in, store_pledge
from scoring.services.entries.records import resolve_media, save_row
from scoring.services.entries.report import UNCHANGED, UPDATE
from scoring.storage import entries as store
from scoring.storage.rows import Cursor

FORM_ORIGIN: Final = "form"
# The words a choice field offers (what a table would say), and the label of each word.
CHOICES: Final = {
    "category": ("微视频", "微动漫"),
    "submitter_type": ("", *SUBMITTER_TYPES),
    "cqo_case": ("否", "是"),
    "copyright_pledge": ("未提交", "已提交"),
    "no_major_incident": ("否", "是"),
    "lawfully_established": ("否", "是"),
}
CHOICE_LABELS: Final = {
    "微视频": "category.micro_video",
    "微动漫": "category.micro_animation",
    "是": "common.yes",
    "否": "common.no",
    "已提交": "entry_form.pledge_received",
    "未提交": "entry_form.pledge_missing",
    "": "entry_form.not_given",
}
LONG_FIELDS: Final = ("synopsis", "copy_text", "intro", "platform_links")


@dataclass(frozen=True, kw_only=True)
class FormOutcome:
    """The saved entry and what happened (create/update/unchanged), or the problems.

    A problem's ``column`` is the field name (the form's labels come from the catalog).
    """

    entry: Entry | None
    action: str = ""
    problems: tuple[EntryProblem, ...] = ()


def blank_texts() -> dict[str, str]:
    """The form of a new entry: every field empty, each choice on its first word."""
    texts = dict.fromkeys(FORM_FIELDS, "")
    texts.update({field: words[0] for field, words in CHOICES.items()})
    return texts


def _visible(cur: Cursor, actor: Actor, campaign_id: int, code: str) -> Entry | None:
    """The entry under ``code`` if the actor may edit it: staff the received ones, a unit
    its own drafts."""
    entry = store.get_entry_by_code(cur, campaign_id, code)
    if entry is None or code_problem(entry, actor) is not None:
        return None
    return entry


def entry_form_texts(ctx: Context, *, actor: Actor, campaign_id: int, code: str) -> dict[str, str]:
    """The stored entry's fields as the form shows them (staff; a unit: its own drafts)."""
    require_role(actor, *STAFF, Role.UNIT)
    entry = ctx.db.read(lambda cur: _visible(cur, actor, campaign_id, code))
    if entry is None:
        raise NotFound("error.entry_unknown", entry=code)
    return entry_texts(entry)


def entry_choices(ctx: Context, *, actor: Actor, campaign_id: int) -> list[str]:
    """Codes of the entries the actor may edit (staff: received; a unit: its drafts)."""
    if is_unit(actor):
        unit = unit_of(actor)
        mine = ctx.db.read(lambda cur: store.list_unit_entries(cur, campaign_id, unit))
        return [e.code for e in mine if e.stage is EntryStage.DRAFT]
    require_role(actor, *STAFF)
    return [e.code for e in ctx.db.read(lambda cur: store.list_entries(cur, campaign_id))]


def save_entry(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    texts: Mapping[str, str],
    editing: bool,
    video: Upload | None = None,
    pledge: Upload | None = None,
    allow_scored_changes: bool = False,
) -> FormOutcome:
    """Add (``editing`` False) or edit one entry from the form's texts; an uploaded video
    (and scanned pledge) is checked and stored before the transaction. A unit's new entry
    is its draft, with its own unit as 推荐单位. Another category or video for an entry
    with scorecards is refused unless ``allow_scored_changes`` (``records.save_row``)."""
    require_role(actor, *STAFF, Role.UNIT)
    owner = unit_of(actor) if is_unit(actor) else ""
    code = texts.get("code", "").strip()
    old = ctx.db.read(lambda cur: store.get_entry_by_code(cur, campaign_id, code))
    if editing:
        _check_editable(old, actor, code)
    values, problems = _form_values(
        ctx, actor, texts, old, editing=editing, uploads=(video, pledge)
    )
    if values is None:
        return FormOutcome(entry=None, problems=tuple(problems))
    values, _, _ = resolve_media(values, old, None, line=1, column="media_file")
    media = _stored_video(ctx, video)
    if media is not None:
        values["media_file"] = media.original_name
    scan = store_pledge(ctx, pledge) if pledge is not None else None
    write = partial(_write, ctx=ctx, actor=actor, campaign_id=campaign_id, values=values)
    return ctx.db.write(
        partial(write, owner=owner, media=media, scan=scan, allow=allow_scored_changes)
    )


def _form_values(
    ctx: Context,
    actor: Actor,
    texts: Mapping[str, str],
    old: Entry | None,
    *,
    editing: bool,
    uploads: tuple[Upload | None, Upload | None],
) -> tuple[dict[str, object] | None, list[EntryProblem]]:
    """The form's values as a table row's, or None with every problem: the cells, the
    form's own rules, the uploads (video, pledge) and a unit's 推荐单位."""
    checked = check_rows(list(texts), [FormRow(texts)])
    code = texts.get("code", "").strip()
    problems = [*checked.problems, *_form_problems(actor, old, code, editing=editing)]
    problems += _upload_problems(ctx, *uploads)
    values: dict[str, object] = dict(checked.rows[0].values) if checked.rows else {}
    if is_unit(actor):
        values, unit_problem = unit_values(values, actor, old)
        if unit_problem is not None:
            named = texts.get("recommender", "")
            problems.append(_problem("recommender", named, unit_problem[0], unit_problem[1]))
    return (None if problems or not checked.rows else values), problems


def _write(
    cur: Cursor,
    *,
    ctx: Context,
    actor: Actor,
    campaign_id: int,
    values: dict[str, object],
    owner: str,
    media: MediaFile | None,
    scan: PledgeFile | None,
    allow: bool,
) -> FormOutcome:
    """Store the video, save the entry, attach the pledge and recompute the findings."""
    ensure_writable(cur, campaign_id)
    if media is not None:
        add_media_in(cur, media)
    action, entry = save_row(
        cur,
        ctx,
        actor=actor,
        campaign_id=campaign_id,
        values=values,
        media_sha=media.sha256 if media is not None else None,
        origin=FORM_ORIGIN,
        owner=owner,
        allow_scored_changes=allow,
    )
    if scan is not None:
        entry = set_pledge_in(cur, ctx, actor=actor, entry=entry, pledge=scan)
        action = UPDATE if action == UNCHANGED else action
    recompute_findings(cur, ctx, campaign_id)
    return FormOutcome(entry=entry, action=action)


def _check_editable(old: Entry | None, actor: Actor, code: str) -> None:
    """Refuse editing an entry that is not there for the actor; a unit's own forwarded
    work is named as such (it is the office's now)."""
    if old is not None and code_problem(old, actor) is None:
        return
    if old is not None and is_unit(actor) and old.unit == actor.unit:
        raise NotAllowed("error.unit_entry_forwarded", code=code)
    raise NotFound("error.entry_unknown", entry=code)


def _stored_video(ctx: Context, video: Upload | None) -> MediaFile | None:
    """The uploaded video copied into the store (before the transaction), or None."""
    if video is None:
        return None
    with rewound(video) as stream:
        return store_media(ctx, stream, original_name=video.name)


def _form_problems(
    actor: Actor, old: Entry | None, code: str, *, editing: bool
) -> list[EntryProblem]:
    """What the form adds to a table row's checks: a new entry's code must be free, and an
    entry may be changed only by whom it belongs to."""
    taken = code_problem(old, actor)
    if taken is not None:
        return [_problem("code", code, taken[0], taken[1])]
    if not editing and old is not None:
        return [_problem("code", code, "entry_form.code_exists", {})]
    return []


def _upload_problems(
    ctx: Context, video: Upload | None, pledge: Upload | None
) -> list[EntryProblem]:
    """An uploaded video within the browser limit; a pledge a PDF or JPEG within its own."""
    problems = []
    limit = ctx.settings.upload_limit_mb
    if video is not None and video.size > limit * MB:
        size = {"size_mb": round(video.size / MB, 1), "limit_mb": limit}
        problems.append(_problem("media_file", video.name, "entry_import.upload_too_large", size))
    wrong = pledge_problem(pledge) if pledge is not None else None
    if pledge is not None and wrong is not None:
        problems.append(_problem("copyright_pledge", pledge.name, wrong[0], wrong[1]))
    return problems


def _problem(field: str, value: str, key: str, params: Mapping[str, object]) -> EntryProblem:
    return EntryProblem(line=None, column=field, value=value, key=key, params=dict(params))
