"""The paper page's upload: a table of paper score sheets checked row by row, then imported."""

from __future__ import annotations

from functools import partial

import streamlit as st

from pages.frame.runtime import attempt, current_actor, flash, local_time, t, t_plain
from pages.panels.table_rows import problem_rows
from pages.panels.tables import sentence_table, show_table
from pages.panels.uploads import upload_box
from scoring.domain.paper import SheetCheck
from scoring.records.views import ImportRecord
from scoring.services.context import Context
from scoring.services.judging.paper_import import import_scores

_ROUND = "paper_round"  # moved on after an import: a fresh, empty file picker


def paper_upload(ctx: Context, names: dict[str, str]) -> None:
    """Counts, every row with its outcome, every problem, and 确认导入 when nothing is wrong;
    ``names`` are the rubric's criteria by key in the session's language. After an import
    the picker starts empty and the outcome is said once: a later run of the page does not
    check the imported file again (and call it already imported)."""
    n = st.session_state.get(_ROUND, 0)
    upload = upload_box(t("paper.upload"), types=["csv", "xlsx"], key=f"paper_file_{n}")
    data, name = (upload.getvalue(), upload.name) if upload else (b"", "")
    load = partial(import_scores, ctx, actor=current_actor(), data=data, file_name=name)
    preview = attempt(partial(load, dry_run=True)) if data else None
    if preview is not None:
        for col, (key, count) in zip(st.columns(6), preview.counts().items(), strict=True):
            col.metric(t(f"paper.count_{key}"), count)
        if preview.already_imported is not None:
            st.info(t_plain("paper.already", file=preview.already_imported.file_name))
        rows = [
            {t("views.line"): r.line, t("paper.judge"): r.judge, t("entry.code"): r.code}
            | {names[k]: v for k, v in r.marks.items()}
            | {t("paper.submitted"): t("common.yes" if r.submitted else "common.no")}
            | {t("paper.outcome"): t(f"paper.{r.outcome}")}
            for r in preview.check.rows
        ]
        show_table(rows, key="paper_rows")
        if preview.check.problems:
            st.error(t("paper.outcome_rejected", count=preview.counts()["rejected"]))
            sentence_table(problem_rows(preview.check.problems))
        confirm = st.button(t("paper.confirm"), type="primary", disabled=not preview.accepted)
        written = attempt(load) if confirm else None
        if written is not None and written.written:
            st.session_state[_ROUND] = n + 1
            flash(t("paper.outcome_written", file=name))
        elif written is not None:  # refused after all: the data changed since the check
            _refused(name, written.already_imported, written.check)


def _refused(name: str, earlier: ImportRecord | None, check: SheetCheck) -> None:
    """Why a confirmed import wrote nothing: the same file came in meanwhile, or rows that
    passed the check have problems now."""
    if earlier is not None:
        when, who = local_time(earlier.imported_at), earlier.username
        st.error(t_plain("paper.outcome_already", when=when, user=who, file=name))
        return
    st.error(t("paper.outcome_rejected", count=check.rejected))
    sentence_table(problem_rows(check.problems))
