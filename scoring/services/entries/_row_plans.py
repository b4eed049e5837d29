"""What one row of an entry table would do (create, update, leave), or why it cannot:
its video is missing or ambiguous, an upload is over the browser limit, or it would make
an entry that has scorecards another work (``records.scored_change``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from scoring.domain.entry_rows import (
    EntryProblem,
    EntryRow,
    build_entry,
    changed_fields,
    entry_texts,
)
from scoring.records.entries import Entry
from scoring.records.progress import ScorecardLine
from scoring.services.context import Context
from scoring.services.entries.media_files import MB, MediaSource
from scoring.services.entries.records import resolve_media, scored_change, with_media
from scoring.services.entries.report import CREATE, UNCHANGED, UPDATE, PlannedRow

MEDIA_COLUMN: Final = "视频文件/media_file"  # names the column when the table has none


def plan_row_of(
    ctx: Context,
    row: EntryRow,
    old: Entry | None,
    *,
    source: MediaSource | None,
    campaign: int,
    columns: Mapping[str, str],
    cards: Mapping[int, list[ScorecardLine]],
    allow: bool,
) -> PlannedRow | EntryProblem:
    """What one good row would do, or why not: its video cannot be found, or it would
    make a scored entry another work."""
    column = columns.get("media_file", MEDIA_COLUMN)
    values, media, problem = resolve_media(row.values, old, source, line=row.line, column=column)
    if problem is not None:
        return problem
    changes = planned_changes(values, old, media, campaign_id=campaign, ctx=ctx)
    action = CREATE if old is None else UPDATE if changes else UNCHANGED
    planned = PlannedRow(
        line=row.line, code=row.code, values=values, media=media, action=action, changes=changes
    )
    if old is None or not changes:
        return planned
    fields, refusal = scored_change(old, changes, cards.get(old.id, []))
    if refusal is None:
        return planned
    if allow:
        return replace(planned, scored=True)
    field = fields[0]
    new = entry_texts(build_entry(values, campaign_id=campaign, now=ctx.now(), existing=old))
    header = columns.get(field, MEDIA_COLUMN)
    return EntryProblem(
        line=row.line, column=header, value=new[field], key=refusal.key, params=refusal.params
    )


def too_large(source: MediaSource | None, *, column: str) -> list[EntryProblem]:
    """One problem per upload over the limit it was taken with (they go through the CLI)."""
    if source is None or source.limit_bytes is None:
        return []
    limit_mb = source.limit_bytes // MB
    return [
        EntryProblem(
            line=None,
            column=column,
            value=name,
            key="entry_import.upload_too_large",
            params={"size_mb": round(source.sizes[name] / MB, 1), "limit_mb": limit_mb},
        )
        for name in source.too_large()
    ]


def unused(source: MediaSource | None, planned: list[PlannedRow]) -> tuple[str, ...]:
    if source is None or source.limit_bytes is None:
        return ()  # a folder may hold other files; only uploads are reported
    used = {p.media for p in planned}
    return tuple(n for n in source.names if n not in used)


def planned_changes(
    values: Mapping[str, object],
    old: Entry | None,
    media: str | None,
    *,
    campaign_id: int,
    ctx: Context,
) -> dict[str, tuple[object, object]]:
    if old is None:
        return {}
    new = with_media(build_entry(values, campaign_id=campaign_id, now=ctx.now(), existing=old), old)
    changes = changed_fields(old, new)
    if media is not None:
        changes.pop("media_sha256", None)  # known once the matched file is hashed
    return changes
