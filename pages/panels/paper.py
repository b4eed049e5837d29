"""The paper page's second tab: a table of paper score sheets, checked, then imported."""

from __future__ import annotations

from functools import partial

import streamlit as st

from pages.frame.runtime import attempt, flash, lang, t, t_plain
from pages.panels.uploads import upload_box
from scoring.i18n import translate
from scoring.services.context import Actor, Context
from scoring.services.judging.paper import import_scores


def paper_file_section(ctx: Context, actor: Actor, names: dict[str, str]) -> None:
    """Upload a table, see every row and problem of the dry run, then confirm the import."""
    upload = upload_box(t("paper.upload"), types=["csv", "xlsx"], key="paper_file")
    data, name = (upload.getvalue(), upload.name) if upload else (b"", "")
    load = partial(import_scores, ctx, actor=actor, data=data, file_name=name)
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
        st.dataframe(rows, hide_index=True, width="stretch", key="paper_rows")
        problems = [
            {t("views.line"): p.line, t("views.column"): p.column, t("views.value"): p.value}
            | {t("views.reason"): translate(p.key, lang(), **p.params)}
            for p in preview.check.problems
        ]
        if problems:
            st.error(t("paper.outcome_rejected", count=preview.counts()["rejected"]))
            st.dataframe(problems, hide_index=True, width="stretch", key="paper_problems")
        confirm = st.button(t("paper.confirm"), type="primary", disabled=not preview.accepted)
        if confirm and attempt(load):
            flash(t("paper.outcome_written", file=name))
