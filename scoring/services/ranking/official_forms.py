"""附件5 质量强国建设微视频作品汇总表 filled from the shortlist, as CSV, XLSX or PDF."""

from __future__ import annotations

import hashlib
from typing import Final

from scoring.documents import forms as f
from scoring.documents.fonts import find_cjk_fonts
from scoring.documents.forms_pdf import summary_pdf
from scoring.documents.forms_xlsx import summary_xlsx
from scoring.domain.entry_fields import CATEGORY_LABELS_ZH
from scoring.domain.shortlist import attachment5_order
from scoring.errors import DocumentProblem, InvalidInput
from scoring.i18n import translate
from scoring.records.entries import EntryHead
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.ranking._export_notes import change_word, settings_block, when_text
from scoring.services.ranking.results import WhatIf, compute_ranking
from scoring.services.ranking.shortlist import live_overrides, shortlist_of
from scoring.storage import entries as entry_store
from scoring.tables.writing import Sheet, to_csv

# SPEC §7: the CSV keeps the six official columns under their short names.
CSV_HEADERS: Final = ("作品类别", "作品排序", "作品名称", "内容简介", "创作单位", "推荐单位")
FORMATS: Final = ("csv", "xlsx", "pdf")
_NOTE_LABELS: Final = ("notes_title", "overrides", "code", "title", "change", "reason", "by", "at")


def summary_table(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None
) -> f.SummaryTable:
    """附件5 of the shortlist (overrides applied) with its 说明 notes (staff only)."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    details, campaign = result.inputs.details, result.inputs.campaign
    lines = attachment5_order(shortlist_of(ctx, result).lines)
    ids = [line.entry.entry_id for _, _, line in lines]
    full = ctx.db.read(lambda cur: entry_store.get_entries(cur, ids))  # synopsis, units
    rows = []
    for category, order, line in lines:
        e = full[line.entry.entry_id]
        rows.append(
            f.SummaryRow(
                CATEGORY_LABELS_ZH[category], order, e.code, e.title, e.synopsis, e.producer,
                e.recommender,
            )
        )  # fmt: skip
    overrides = _override_notes(ctx, actor, campaign_id, details)
    notes = [
        (translate("export.codes", "zh"), "、".join(r.code for r in rows)),
        (translate("export.notice", "zh"), campaign.notice_title),
        (translate("export.office", "zh"), campaign.office_name),
        (translate("export.top_n", "zh"), str(result.params.top_n)),
        *settings_block(ctx, result, "zh"),
    ]
    labels = {k: translate("export.notes." + k, "zh") for k in (*_NOTE_LABELS, "none")}
    return f.SummaryTable(
        campaign=campaign.name,
        office=campaign.office_name,
        rows=tuple(rows),
        notes=tuple(f.Note(label, value) for label, value in notes),
        overrides=overrides,
        labels=labels,
    )


def _override_notes(
    ctx: Context, actor: Actor, campaign_id: int, details: dict[int, EntryHead]
) -> tuple[f.OverrideNote, ...]:
    zone = ctx.settings.timezone
    return tuple(
        f.OverrideNote(
            code=details[o.entry_id].code,
            title=details[o.entry_id].title,
            change=change_word(o, "zh"),
            reason=o.reason,
            by=o.created_by,
            at=when_text(o.created_at, zone),
        )
        for o in live_overrides(ctx, actor=actor, campaign_id=campaign_id)
    )


def summary_sheet(table: f.SummaryTable) -> Sheet:
    """附件5 as a plain table (the CSV): the six columns; notes and overrides above (XLSX);
    in a CSV, every override with its reason in a note below the table (SPEC §7: overrides
    are marked in exports, and the six columns stay as they are)."""
    rows = [
        (r.category, r.order, r.title, r.synopsis, r.producer, r.recommender) for r in table.rows
    ]
    block = [(n.label, n.value) for n in table.notes]
    block += [(table.labels["overrides"], _override_line(o)) for o in table.overrides]
    below = [
        translate("export.csv_note", "zh", count=len(table.overrides)),
        *(_override_line(o) for o in table.overrides),
    ]
    return Sheet(
        "附件5",
        block,
        CSV_HEADERS,
        rows,
        campaign=table.campaign,
        notes_below=below if table.overrides else (),
    )


def _override_line(o: f.OverrideNote) -> str:
    return translate(
        "export.override_line", "zh", code=o.code, title=o.title, change=o.change,
        reason=o.reason, by=o.by, at=o.at,
    )  # fmt: skip


def export_summary(
    ctx: Context, *, actor: Actor, campaign_id: int, fmt: str, what_if: WhatIf | None = None
) -> bytes:
    """附件5 as CSV, XLSX or PDF; the audit log keeps each export's sha256 and settings."""
    table = summary_table(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    if fmt == "csv":
        data = to_csv(summary_sheet(table))
    elif fmt == "xlsx":
        data = summary_xlsx(table)
    elif fmt == "pdf":
        data = summary_pdf(table, made_at=ctx.now())
    else:
        raise InvalidInput("error.export_format", fmt=fmt, formats=", ".join(FORMATS))
    digest = hashlib.sha256(data).hexdigest()
    settings = {n.label: n.value for n in table.notes}
    ctx.db.write(
        lambda cur: audit(
            cur, ctx, actor=actor.name, action="export.shortlist", target=fmt,
            campaign_id=campaign_id, sha256=digest, rows=len(table.rows), settings=settings,
        )
    )  # fmt: skip
    return data


def pdf_unavailable() -> DocumentProblem | None:
    """Why no PDF can be made on this machine (no Chinese font), or None when it can."""
    try:
        find_cjk_fonts()
    except DocumentProblem as problem:
        return problem
    return None
