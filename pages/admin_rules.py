"""Admin: the compliance rules — each setting with its own widget, the effect of a change
on the current entries shown before saving, every version kept."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    lang,
    local_time,
    plain_rows,
    require_campaign,
    t,
    t_plain,
)
from pages.panels.rules import rule_form, show_preview
from scoring.services.audit import actor_label
from scoring.services.compliance import current_rules, preview_rules, rule_set_history, save_rules

DRAFT_KEY = "rules_draft"  # bumped to throw the edits away
ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
rule_set = current_rules(ctx, actor=actor, campaign_id=campaign.id or 0)
draft = st.session_state.setdefault(DRAFT_KEY, 0)

st.title(t("rules.title"))
by = actor_label(rule_set.created_by, lang())
st.caption(
    t_plain("rules.version", version=rule_set.version, by=by, at=local_time(rule_set.created_at))
)
candidate, spots = rule_form(rule_set.rules, prefix=f"rl{rule_set.version}.{draft}.{lang()}")
preview = preview_rules(ctx, actor=actor, campaign_id=campaign.id or 0, rules=candidate)
show_preview(preview, spots)
ready = bool(preview.changes) and not preview.problems
row = st.container(horizontal=True)
if row.button(t("rules.save"), type="primary", disabled=not ready) and attempt(
    lambda: save_rules(ctx, actor=actor, campaign_id=campaign.id or 0, rules=candidate)
):
    flash(t("rules.saved"))
if row.button(t("rules.discard"), disabled=not preview.changes and not preview.problems):
    st.session_state[DRAFT_KEY] = draft + 1
    st.rerun()
with st.expander(t("rules.history")):
    st.table(
        plain_rows(
            [
                {
                    t("rules.version_col"): s.version,
                    t("audit.actor"): actor_label(s.created_by, lang()),
                    t("audit.time"): local_time(s.created_at),
                }
                for s in rule_set_history(ctx, actor=actor, campaign_id=campaign.id or 0)
            ]
        )
    )
