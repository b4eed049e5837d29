"""The registration form (附件4 fields) for adding or editing one entry: shared by the
office's page and a recommending unit's, which also uploads the scanned pledge (附件3)."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, lang, t
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
from scoring.services.entries.media_files import Upload
from scoring.services.entries.pledges import PLEDGE_LIMIT_MB
from scoring.services.entries.report import form_problem_rows

NEXT_PICK = "ef_next_pick"  # the entry to open on the next run (one just added)


def word(value: str) -> str:
    """A choice's label in the session's language."""
    return t(CHOICE_LABELS[value]) if value in CHOICE_LABELS else value


def _field(field: str, text: str, pick: str, *, locked: frozenset[str]) -> str:
    label, key = t("entry_field." + field), f"ef_{pick}_{field}"
    if field in CHOICES:
        options = CHOICES[field]
        index = options.index(text) if text in options else 0
        return str(
            st.selectbox(
                label, options, index=index, format_func=word, key=key, disabled=field in locked
            )
        )
    if field in LONG_FIELDS:
        return st.text_area(label, text, key=key)
    closed = field in locked or (field == "code" and bool(pick))  # an entry keeps its code
    return st.text_input(label, text, key=key, disabled=closed)


def entry_form(
    campaign_id: int, *, new_texts: dict[str, str] | None = None, unit: bool = False
) -> str:
    """Pick an entry (or a new one), show its fields, save; return the code picked.

    ``unit``: a recommending unit's form — its own unit as 推荐单位, and the pledge (附件3)
    uploaded as a scan instead of ticked.
    """
    ctx, actor = context(), current_actor()
    codes = entry_choices(ctx, actor=actor, campaign_id=campaign_id)
    if NEXT_PICK in st.session_state:
        st.session_state["ef_pick"] = st.session_state.pop(NEXT_PICK)
    pick = st.selectbox(
        t("entry_form.pick"),
        ["", *codes],
        format_func=lambda code: code or t("entry_form.new"),
        key="ef_pick",
    )
    texts = (
        entry_form_texts(ctx, actor=actor, campaign_id=campaign_id, code=pick)
        if pick
        else dict(new_texts or blank_texts())
    )
    locked = frozenset({"recommender", "copyright_pledge"} if unit else ())
    with st.form(f"ef_form_{pick}"):
        values = {field: _field(field, text, pick, locked=locked) for field, text in texts.items()}
        limit = upload_limit_mb()
        video = upload_box(t("entry_form.video", limit=limit), key=f"ef_{pick}_video")
        pledge = None
        if unit:
            pledge = upload_box(
                t("unit_works.pledge_upload", limit=PLEDGE_LIMIT_MB),
                types=["pdf", "jpg", "jpeg"],
                limit_mb=PLEDGE_LIMIT_MB,
                key=f"ef_{pick}_pledge",
            )
        saved = st.form_submit_button(t("entry_form.save"), type="primary")
    if saved:
        _save(campaign_id, values, editing=bool(pick), video=video, pledge=pledge)
    return pick


def _save(
    campaign_id: int,
    values: dict[str, str],
    *,
    editing: bool,
    video: Upload | None,
    pledge: Upload | None,
) -> None:
    ctx, actor = context(), current_actor()
    outcome = attempt(
        lambda: save_entry(
            ctx,
            actor=actor,
            campaign_id=campaign_id,
            texts=values,
            editing=editing,
            video=video,
            pledge=pledge,
        )
    )
    if outcome is not None and outcome.entry is not None:
        st.session_state[NEXT_PICK] = outcome.entry.code
        flash(t("entry_saved." + outcome.action, code=outcome.entry.code))
    elif outcome is not None:
        st.error(t("entry_form.rejected", count=len(outcome.problems)))
        sentence_table(form_problem_rows(outcome.problems, lang()))
