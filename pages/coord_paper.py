"""Coordinator: enter a judge's signed paper score sheet, or import a table of them."""

from functools import partial

import streamlit as st

from pages.frame.runtime import (
    attempt,
    choose_hint,
    context,
    current_actor,
    flash,
    lang,
    plain,
    require_campaign,
    t,
)
from pages.panels.paper import paper_upload
from scoring.services.judging.paper import enter_paper_scorecard, paper_choices

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
chosen = st.session_state.get("paper_judge")  # only this judge's cards are read
choices = paper_choices(ctx, actor=actor, campaign_id=campaign.id, judge_id=chosen)
names = {c.key: c.name_zh if lang() == "zh" else c.name_en for c in choices.facts.criteria}
st.title(t("paper.title"))
st.caption(t("paper.help"))
by_hand, by_file = st.tabs(
    [t("paper.tab_form"), t("paper.tab_file")], key="paper_tab", on_change="rerun"
)  # a save or an import reruns the page on the same tab

with by_hand:
    option = partial(t, "paper.judge_option")
    judges = {
        j.user_id: option(name=j.display_name, username=j.username) for j in choices.facts.judges
    }
    judge_id = st.selectbox(
        t("paper.judge"), judges, format_func=judges.get, key="paper_judge",
        placeholder=choose_hint(judges),
    )  # fmt: skip
    entries = {e.id: e for e in choices.entries_for(judge_id or 0)}
    labels = {i: f"{e.code} {e.title}" for i, e in entries.items()}
    pick = st.selectbox(
        t("entry.code"), labels, choices.first_open(judge_id or 0), labels.get,
        placeholder=choose_hint(labels),
    )  # fmt: skip
    entry = entries.get(pick or 0)
    card = choices.card(judge_id or 0, entry.id) if entry else None
    locked = card is not None and card.status == "submitted"
    if card is not None:
        key = "paper.existing_locked" if locked else "paper.existing"
        st.info(t(key, status=t(f"status.{card.status}"), source=t(f"source.{card.source}")))
    lock = {"disabled": locked}  # a locked card is shown, not offered for editing
    with st.form(f"paper-{judge_id}-{entry.id if entry else 0}"):
        marks = {
            key: st.number_input(
                plain(name), 0.0, 10.0, card.marks.get(key) if card else None, 0.5, "%.1f", **lock
            )
            for key, name in names.items()
        }
        comment = st.text_area(t("scorecard.comment"), card.comment if card else "", **lock)
        submitted = st.toggle(t("paper.submitted"), locked, help=t("paper.submitted_help"), **lock)
        save = st.form_submit_button(t("paper.save"), type="primary", disabled=not entry or locked)
    if save and entry is not None:
        sheet = {"marks": marks, "comment": comment, "submitted": submitted}
        store = partial(enter_paper_scorecard, ctx, actor=actor, judge_id=judge_id or 0, **sheet)
        if attempt(partial(store, entry_id=entry.id)):
            flash(t("paper.saved", code=entry.code, judge=judges[judge_id or 0]))

with by_file:
    paper_upload(ctx, names)
