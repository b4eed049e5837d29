"""Coordinator: enter a judge's signed paper score sheet, or import a table of them."""

from functools import partial

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, lang, require_campaign, t
from scoring.i18n import translate
from scoring.services.judging.paper import enter_paper_scorecard, import_scores, paper_choices

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
chosen = st.session_state.get("paper_judge")  # only this judge's cards are read
choices = paper_choices(ctx, actor=actor, campaign_id=campaign.id or 0, judge_id=chosen)
names = {c.key: c.name_zh if lang() == "zh" else c.name_en for c in choices.facts.criteria}
st.title(t("paper.title"))
st.caption(t("paper.help"))
by_hand, by_file = st.tabs([t("paper.tab_form"), t("paper.tab_file")])

with by_hand:
    judges = {j.user_id: f"{j.display_name}（{j.username}）" for j in choices.facts.judges}
    judge_id = st.selectbox(t("paper.judge"), judges, format_func=judges.get, key="paper_judge")
    entries = {e.id or 0: e for e in choices.entries_for(judge_id or 0)}
    labels = {i: f"{e.code} {e.title}" for i, e in entries.items()}
    pick = st.selectbox(t("entry.code"), labels, choices.first_open(judge_id or 0), labels.get)
    entry = entries.get(pick or 0)
    card = choices.card(judge_id or 0, entry.id or 0) if entry else None
    locked = card is not None and card.status == "submitted"
    if card is not None:
        key = "paper.existing_locked" if locked else "paper.existing"
        st.info(t(key, status=t(f"status.{card.status}"), source=t(f"source.{card.source}")))
    lock = {"disabled": locked}  # a locked card is shown, not offered for editing
    with st.form(f"paper-{judge_id}-{entry.id if entry else 0}"):
        marks = {
            key: st.number_input(
                name, 0.0, 10.0, card.marks.get(key) if card else None, 0.5, "%.1f", **lock
            )
            for key, name in names.items()
        }
        comment = st.text_area(t("scorecard.comment"), card.comment if card else "", **lock)
        submitted = st.toggle(t("paper.submitted"), locked, help=t("paper.submitted_help"), **lock)
        save = st.form_submit_button(
            t("paper.save"), type="primary", disabled=entry is None or locked
        )
    if save and entry is not None:
        sheet = {"marks": marks, "comment": comment, "submitted": submitted}
        store = partial(enter_paper_scorecard, ctx, actor=actor, judge_id=judge_id or 0, **sheet)
        if attempt(partial(store, entry_id=entry.id or 0)):
            flash(t("paper.saved", code=entry.code, judge=judges[judge_id or 0]))

with by_file:
    upload = st.file_uploader(t("paper.upload"), type=["csv", "xlsx"], key="paper_file")
    data, name = (upload.getvalue(), upload.name) if upload else (b"", "")
    load = partial(import_scores, ctx, actor=actor, data=data, file_name=name)
    preview = attempt(partial(load, dry_run=True)) if data else None
    if preview is not None:
        for col, (key, count) in zip(st.columns(6), preview.counts().items(), strict=True):
            col.metric(t(f"paper.count_{key}"), count)
        if preview.already_imported is not None:
            st.info(t("paper.already", file=preview.already_imported.file_name))
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
