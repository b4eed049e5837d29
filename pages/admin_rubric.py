"""Admin: the rubric — names, descriptions and weights, until the first scorecard is submitted."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    lang,
    local_time,
    plain,
    require_campaign,
    t,
    t_plain,
)
from scoring.services.judging.rubric import CriterionEdit, edit_rubric, rubric_state

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
state = rubric_state(ctx, actor=actor, campaign_id=campaign.id or 0)
frozen = state.frozen
lock = frozen is not None

st.title(t("rubric.title"))
if frozen is not None:
    st.warning(
        t_plain(
            "rubric.frozen_page",
            at=local_time(frozen.submitted_at),
            judge=frozen.judge,
            code=frozen.code,
            count=frozen.submitted,
        ),
        icon=":material/lock:",
    )
else:
    st.caption(t("rubric.editable"))

edits = []
with st.form("rubric"):
    for c in state.criteria:
        name = c.name_zh if lang() == "zh" else c.name_en
        title = t("rubric.criterion_title", name=name, weight=f"{c.weight:g}")
        with st.expander(plain(title)):
            left, right = st.columns(2)
            fields = {
                "name_zh": left.text_input(
                    t("rubric.name_zh"), c.name_zh, key=f"rb-nz-{c.key}", disabled=lock
                ),
                "name_en": right.text_input(
                    t("rubric.name_en"), c.name_en, key=f"rb-ne-{c.key}", disabled=lock
                ),
                "description_zh": left.text_area(
                    t("rubric.description_zh"),
                    c.description_zh,
                    key=f"rb-dz-{c.key}",
                    disabled=lock,
                ),
                "description_en": right.text_area(
                    t("rubric.description_en"),
                    c.description_en,
                    key=f"rb-de-{c.key}",
                    disabled=lock,
                ),
                "weight": st.number_input(
                    t("rubric.weight"),
                    value=float(c.weight),
                    step=1.0,
                    key=f"rb-w-{c.key}",
                    disabled=lock,
                ),
            }
            edits.append(CriterionEdit(key=c.key, **fields))
    save = st.form_submit_button(t("rubric.save"), type="primary", disabled=lock)
if save and attempt(
    lambda: edit_rubric(ctx, actor=actor, campaign_id=campaign.id or 0, edits=edits)
):
    flash(t("rubric.saved"))
