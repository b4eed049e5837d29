"""Admin: the compliance rules — every limit with its meaning, edited and validated."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    local_time,
    plain_rows,
    require_campaign,
    t,
    t_plain,
)
from scoring.domain.rules import rule_rows
from scoring.services.compliance import (
    apply_edits,
    current_rules,
    rule_set_history,
    save_rules,
    value_text,
)

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
rule_set = current_rules(ctx, actor=actor, campaign_id=campaign.id or 0)

st.title(t("rules.title"))
st.caption(
    t_plain(
        "rules.version",
        version=rule_set.version,
        by=rule_set.created_by,
        at=local_time(rule_set.created_at),
    )
)
rows = rule_rows(rule_set.rules)
table = [
    {
        t("rules.rule"): t("rule_name." + r.rule),
        t("entry.category"): t("category." + r.category) if r.category else t("common.any"),
        t("rules.field"): r.field,
        t("rules.value"): value_text(r.value),
        t("rules.help"): t(r.help_key),
    }
    for r in rows
]
edited = st.data_editor(
    table,
    hide_index=True,
    width="stretch",
    key="rules_editor",
    disabled=[t("rules.rule"), t("entry.category"), t("rules.field"), t("rules.help")],
)
changes = [
    (r.rule, r.category, r.field, row[t("rules.value")])
    for r, row in zip(rows, edited, strict=True)
    if row[t("rules.value")] != value_text(r.value)
]
st.caption(t("rules.changes", count=len(changes)))
if st.button(t("rules.save"), type="primary", disabled=not changes) and attempt(
    lambda: save_rules(
        ctx, actor=actor, campaign_id=campaign.id or 0, rules=apply_edits(rule_set.rules, changes)
    )
):
    flash(t("rules.saved"))
with st.expander(t("rules.history")):
    rows = [
        {
            t("rules.version_col"): s.version,
            t("audit.actor"): s.created_by,
            t("audit.time"): local_time(s.created_at),
        }
        for s in rule_set_history(ctx, actor=actor, campaign_id=campaign.id or 0)
    ]
    st.table(plain_rows(rows))
