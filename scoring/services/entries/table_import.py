"""Importing entries from a table and their videos (SPEC §2, §8 ``entries import``).

Atomic: any row problem and nothing is written — neither the database nor the media
store. An accepted file has its videos stored first (a full disk, a failed copy or a
refused save removes the originals it copied that no entry uses), then one transaction
adds or updates the entries (a known code is updated, never duplicated), audits every
change (old → new), logs the import and recomputes the campaign's findings. New originals
wait for their preview (``preview_status = 'pending'``): the app's worker, or
``make_previews`` from the CLI.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from scoring.domain.entry_rows import CheckedTable, EntryProblem, check_rows
from scoring.domain.spreadsheet_codes import changed_by_spreadsheets
from scoring.enums import Role
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
from scoring.records.progress import ScorecardLine
from scoring.records.views import NewImportRecord
from scoring.services.campaigns.active import active_campaign, ensure_writable
from scoring.services.compliance import entries_with_errors, recompute_findings
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries._media_batch import saved_or_discarded, store_all
from scoring.services.entries._row_plans import (
    MEDIA_COLUMN,
    plan_row_of,
    too_large,
    unused,
)
from scoring.services.entries._unit_scope import is_unit, scoped_row, unit_of
from scoring.services.entries.media_files import (
    MediaSource,
    add_media_in,
    folder_source,
)
from scoring.services.entries.records import (
    cards_by_entry,
    save_row,
)
from scoring.services.entries.report import (
    CREATE,
    UNCHANGED,
    UPDATE,
    EntryImportPlan,
    EntryImportReport,
    PlannedRow,
)
from scoring.storage import entries as store
from scoring.storage.imports import add_import
from scoring.storage.rows import Cursor
from scoring.tables.reading import read_table


def campaign_or_active(ctx: Context, campaign_id: int | None) -> int:
    """``campaign_id``, or the active campaign's when it is None."""
    if campaign_id is not None:
        return campaign_id
    campaign = active_campaign(ctx)
    if campaign is None:
        raise InvalidInput("error.no_active_campaign")
    return campaign.id


def plan_entry_import(
    ctx: Context,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    source: MediaSource | None = None,
    campaign_id: int | None = None,
    allow_scored_changes: bool = False,
) -> EntryImportPlan:
    """Check a table and find its videos in ``source``, writing nothing (staff; a unit
    imports its own works: see ``scoped_row``).

    File-level problems (encoding, no data rows, merged header…) raise InvalidInput; every
    row and column problem is in the plan's ``problems``. ``source`` None: the table only
    (declared video names are kept; the ``media`` rule asks for the files). A row that
    changes the category or video of an entry with scorecards is a problem unless
    ``allow_scored_changes`` (see ``records.save_row``).
    """
    require_role(actor, *STAFF, Role.UNIT)
    owner = unit_of(actor) if is_unit(actor) else ""
    campaign = campaign_or_active(ctx, campaign_id)
    table = read_table(data, file_name=file_name)
    checked = check_rows(table.headers, table.rows)
    planned, problems = _plan_rows(
        ctx, checked, actor=actor, campaign=campaign, source=source, allow=allow_scored_changes
    )
    return EntryImportPlan(
        campaign_id=campaign,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        rows_read=len(table.rows),
        planned=tuple(planned),
        problems=tuple(problems),
        source=source,
        unused_media=unused(source, planned),
        spreadsheet_codes=tuple(p.code for p in planned if changed_by_spreadsheets(p.code)),
        owner=owner,
        allow_scored_changes=allow_scored_changes,
    )


def _plan_rows(
    ctx: Context,
    checked: CheckedTable,
    *,
    actor: Actor,
    campaign: int,
    source: MediaSource | None,
    allow: bool,
) -> tuple[list[PlannedRow], list[EntryProblem]]:
    """Each row planned against the stored entry of its code, or its problem; row problems
    in row order (a row's own checks first), header and upload ones where they were, then
    the videos too large to store."""
    stored, cards = ctx.db.read(lambda cur: _stored(cur, campaign))
    plan_row = partial(
        plan_row_of,
        ctx,
        source=source,
        campaign=campaign,
        columns=dict(checked.columns),
        cards=cards,
        allow=allow,
    )
    problems = list(checked.problems)
    planned = []
    for row in checked.rows:
        old = stored.get(row.code)
        scoped = scoped_row(row, old, actor, checked.columns)
        found = scoped if isinstance(scoped, EntryProblem) else plan_row(scoped, old)
        if isinstance(found, EntryProblem):
            problems.append(found)
        else:
            planned.append(found)
    lined = iter(sorted((p for p in problems if p.line is not None), key=lambda p: p.line or 0))
    problems = [p if p.line is None else next(lined) for p in problems]
    return planned, problems + too_large(
        source, column=checked.columns.get("media_file", MEDIA_COLUMN)
    )


def _stored(cur: Cursor, campaign: int) -> tuple[dict[str, Entry], dict[int, list[ScorecardLine]]]:
    """The campaign's entries by code (drafts too) and their scorecards by entry id."""
    return {e.code: e for e in store.list_all_entries(cur, campaign)}, cards_by_entry(cur, campaign)


def apply_entry_import(ctx: Context, *, actor: Actor, plan: EntryImportPlan) -> EntryImportReport:
    """Write an accepted plan: store its videos, then one transaction (see the module)."""
    if plan.owner:
        if unit_of(actor) != plan.owner:
            raise NotAllowed("error.unit_entry_refused", entry=plan.file_name)
    else:
        require_role(actor, *STAFF)
    if not plan.accepted:
        return EntryImportReport.unwritten(plan)
    names = sorted({p.media for p in plan.planned if p.media is not None})
    source = plan.source
    stored = store_all(ctx, source, names) if source is not None else {}
    write = partial(_write, ctx=ctx, actor=actor, plan=plan, stored=stored)
    return saved_or_discarded(ctx, stored.values(), lambda: ctx.db.write(write))


def _write(
    cur: Cursor,
    *,
    ctx: Context,
    actor: Actor,
    plan: EntryImportPlan,
    stored: Mapping[str, MediaFile],
) -> EntryImportReport:
    ensure_writable(cur, plan.campaign_id)
    for media in stored.values():
        add_media_in(cur, media)
    done, codes = _save_rows(cur, ctx, actor, plan, stored)
    counts = {"created": len(done[CREATE]), "updated": len(done[UPDATE])}
    counts["unchanged"] = len(done[UNCHANGED])
    record = add_import(cur, _import_record(ctx, actor, plan, counts))
    recompute_findings(cur, ctx, plan.campaign_id)
    _audit_import(cur, ctx, actor, plan, import_id=record.id, media_stored=len(stored), **counts)
    flagged = entries_with_errors(cur, plan.campaign_id)
    created, updated, unchanged = (tuple(done[a]) for a in (CREATE, UPDATE, UNCHANGED))
    with_errors = tuple(sorted(code for i, code in codes.items() if i in flagged))
    return EntryImportReport(
        plan=plan,
        written=True,
        created=created,
        updated=updated,
        unchanged=unchanged,
        media=tuple(stored.values()),
        with_errors=with_errors,
    )


def _audit_import(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    plan: EntryImportPlan,
    *,
    import_id: int | None,
    media_stored: int,
    **counts: int,
) -> None:
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="entries.import",
        target=plan.file_name,
        campaign_id=plan.campaign_id,
        import_id=import_id,
        sha256=plan.sha256,
        rows_read=plan.rows_read,
        media_stored=media_stored,
        **counts,
    )


def _save_rows(
    cur: Cursor, ctx: Context, actor: Actor, plan: EntryImportPlan, stored: Mapping[str, MediaFile]
) -> tuple[dict[str, list[str]], dict[int | None, str]]:
    """Save every planned row; the codes by what happened, and each entry id's code."""
    done: dict[str, list[str]] = {CREATE: [], UPDATE: [], UNCHANGED: []}
    codes: dict[int | None, str] = {}
    for row in plan.planned:
        sha = stored[row.media].sha256 if row.media is not None else None
        action, entry = save_row(
            cur,
            ctx,
            actor=actor,
            campaign_id=plan.campaign_id,
            values=row.values,
            media_sha=sha,
            origin=plan.file_name,
            owner=plan.owner,
            allow_scored_changes=plan.allow_scored_changes,
        )
        done[action].append(row.code)
        codes[entry.id] = row.code
    return done, codes


def _import_record(
    ctx: Context, actor: Actor, plan: EntryImportPlan, counts: Mapping[str, int]
) -> NewImportRecord:
    return NewImportRecord(
        campaign_id=plan.campaign_id,
        kind="entries",
        file_name=plan.file_name,
        sha256=plan.sha256,
        rows_read=plan.rows_read,
        rows_imported=counts["created"] + counts["updated"],
        rows_duplicate=counts["unchanged"],
        rows_rejected=0,
        username=actor.name,
        imported_at=ctx.now(),
    )


def import_entries(
    ctx: Context,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    media_dir: Path | None = None,
    dry_run: bool = False,
    allow_scored_changes: bool = False,
) -> EntryImportReport:
    """Check and (unless ``dry_run``) write an entry table with videos from ``media_dir``."""
    source = folder_source(media_dir) if media_dir is not None else None
    plan = plan_entry_import(
        ctx,
        actor=actor,
        data=data,
        file_name=file_name,
        source=source,
        allow_scored_changes=allow_scored_changes,
    )
    if dry_run:
        return EntryImportReport.unwritten(plan)
    return apply_entry_import(ctx, actor=actor, plan=plan)
