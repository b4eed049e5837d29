"""Coordinator: add one entry by hand, or pick one and edit it (issue 3)."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, lang, require_campaign, t
from pages.panels.tables import sentence_table
from pages.panels.uploads import upload_box, upload_limit_mb
from scoring.services.entries.form import (
    CHOICE_LABELS,
    CHOICES,
    LONG_FIELDS,
    blank_texts,
    entry_choices,
    entry_form_texts,
    save_entry,
)
from scoring.services.entries.report import form_problem_rows

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
campaign_id = campaign.id or 0
limit = upload_limit_mb()
st.title(t("entry_form.title"))
codes = entry_choices(ctx, actor=actor, campaign_id=campaign_id)
pick = st.selectbox(
    t("entry_form.pick"),
    ["", *codes],
    format_func=lambda code: code or t("entry_form.new"),
    key="ef_pick",
)
texts = (
    entry_form_texts(ctx, actor=actor, campaign_id=campaign_id, code=pick)
    if pick
    else blank_texts()
)


def word(value: str) -> str:
    """A choice's label in the session's language."""
    return t(CHOICE_LABELS[value]) if value in CHOICE_LABELS else value


with st.form(f"ef_form_{pick}"):
    values: dict[str, str] = {}
    for field, text in texts.items():
        label, key = t("entry_field." + field), f"ef_{pick}_{field}"
        if field in CHOICES:
            options = CHOICES[field]
            index = options.index(text) if text in options else 0
            values[field] = st.selectbox(label, options, index=index, format_func=word, key=key)
        elif field in LONG_FIELDS:
            values[field] = st.text_area(label, text, key=key)
        else:
            locked = field == "code" and bool(pick)  # an entry keeps its code
            values[field] = st.text_input(label, text, key=key, disabled=locked)
    video = upload_box(t("entry_form.video", limit=limit), key=f"ef_{pick}_video")
    saved = st.form_submit_button(t("entry_form.save"), type="primary")
if saved:
    outcome = attempt(
        lambda: save_entry(
            ctx,
            actor=actor,
            campaign_id=campaign_id,
            texts=values,
            editing=bool(pick),
            video=video,
        )
    )
    if outcome is not None and outcome.entry is not None:
        flash(t("entry_saved." + outcome.action, code=outcome.entry.code))
    elif outcome is not None:
        st.error(t("entry_form.rejected", count=len(outcome.problems)))
        sentence_table(form_problem_rows(outcome.problems, lang()))
