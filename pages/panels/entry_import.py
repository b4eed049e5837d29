"""Importing an entry table and its videos from the browser: shared by the office's page
and a recommending unit's (the service keeps a unit to its own works).

The table is checked and every problem shown before anything can be written; videos are
streamed into the store only on confirming.
"""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, lang, t, t_plain
from pages.panels.table_rows import problem_rows
from pages.panels.tables import sentence_table, show_table
from pages.panels.uploads import upload_box, upload_limit_mb
from scoring.services.entries.media_files import upload_source
from scoring.services.entries.report import EntryImportPlan, EntryImportReport, planned_rows
from scoring.services.entries.table_import import apply_entry_import, plan_entry_import


def entry_import(campaign_id: int, *, limit_key: str, office: bool) -> None:
    """Uploads, the plan with every problem, and the button that writes an accepted one;
    ``office``: the office may let an import change works judges have scored (a unit's
    drafts have no scorecards)."""
    ctx, actor = context(), current_actor()
    limit = upload_limit_mb()
    table = upload_box(t("entry_import.upload_table"), types=["csv", "xlsx"], key="imp_table")
    videos = upload_box(t("entry_import.upload_videos"), many=True, key="imp_videos")
    st.info(t(limit_key, limit=limit), icon="ℹ️")
    allow = office and st.checkbox(
        t("entry_import.allow_scored"), help=t("entry_import.allow_scored_help"), key="imp_allow"
    )
    if table is None:
        return
    source = upload_source(videos, limit_mb=limit) if videos else None
    plan = attempt(
        lambda: plan_entry_import(
            ctx,
            actor=actor,
            data=table.getvalue(),
            file_name=table.name,
            source=source,
            campaign_id=campaign_id,
            allow_scored_changes=allow,
        )
    )
    if plan is None:
        return
    _show_plan(plan, with_videos=source is not None)
    if plan.problems:
        return
    if st.button(t("entry_import.confirm"), type="primary", key="imp_go"):
        report = attempt(lambda: apply_entry_import(ctx, actor=actor, plan=plan))
        if report is not None:
            _written(report)


def _written(report: EntryImportReport) -> None:
    """What the import wrote: counts, works with an error finding, previews on their way."""
    st.success(t_plain("entry_import.outcome_written", file=report.plan.file_name))
    counts = {"created": len(report.created), "updated": len(report.updated)}
    st.caption(t("entry_import.done_counts", media=len(report.media), **counts))
    if report.with_errors:
        st.warning(t_plain("entry_import.with_errors", codes=", ".join(report.with_errors)))
    if report.media:
        st.caption(t("entry_import.previews_queued", count=len(report.media)))


def _show_plan(plan: EntryImportPlan, *, with_videos: bool) -> None:
    """Counts, the rows, warnings and every problem of a checked table."""
    cols = st.columns(4)
    cols[0].metric(t("entry_import.metric_read"), plan.rows_read)
    for col, action in zip(cols[1:], ("create", "update", "unchanged"), strict=True):
        col.metric(t("entry_action." + action), len(plan.codes(action)))
    if plan.planned:
        show_table(planned_rows(plan, lang()))
    if not with_videos:
        st.caption(t("entry_import.no_videos"))
    if plan.unused_media:
        st.warning(t_plain("entry_import.unused_media", names=", ".join(plan.unused_media)))
    if plan.spreadsheet_codes:
        st.warning(
            t_plain("entry_import.spreadsheet_codes", codes=", ".join(plan.spreadsheet_codes))
        )
    if plan.scored_codes:
        st.warning(t_plain("entry_import.scored_changes", codes=", ".join(plan.scored_codes)))
    if plan.problems:
        st.error(t("entry_import.outcome_rejected", count=len(plan.problems)))
        sentence_table(problem_rows(plan.problems, labels="entry_import"))
