"""Admin: assign entries to judges — every judge every entry, or k per entry with a seed."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    plain_rows,
    require_campaign,
    t,
)
from pages.panels.assignment import unassigned_notice
from scoring.enums import ConflictKind
from scoring.services.judging.assignment import assignment_overview, run_assignment

KIND_KEYS = {
    ConflictKind.UNIT: "assignment.kind_unit",
    ConflictKind.RECUSAL: "assignment.kind_recusal",
}

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
overview = assignment_overview(ctx, actor=actor, campaign_id=campaign.id or 0)

st.title(t("assignment.title"))
mode_now = (
    t("assignment.every")
    if overview.per_entry is None
    else (f"{t('assignment.k')} = {overview.per_entry}")
)
st.caption(t("assignment.current", mode=mode_now, seed=overview.seed or "—"))
unassigned_notice(ctx, actor, link=False)
with st.form("assign"):
    mode = st.radio(
        t("assignment.mode"),
        ["every", "k"],
        horizontal=True,
        format_func=lambda m: t("assignment." + m),
    )
    per_entry = st.number_input(t("assignment.per_entry"), 1, 50, overview.per_entry or 3)
    seed_text = st.text_input(t("assignment.seed"))
    if st.form_submit_button(t("assignment.run"), type="primary"):
        report = attempt(
            lambda: run_assignment(
                ctx,
                actor=actor,
                campaign_id=campaign.id or 0,
                per_entry=None if mode == "every" else int(per_entry),
                seed=int(seed_text) if seed_text.strip().isdigit() else None,
            )
        )
        if report is not None:
            flash(
                t(
                    "assignment.done",
                    pairs=len(report.plan.pairs),
                    seed=report.plan.seed,
                    added=report.added,
                    removed=report.removed,
                    kept=len(report.plan.kept),
                )
            )
st.subheader(t("assignment.loads"))
st.bar_chart(overview.loads, horizontal=True)
st.subheader(t("assignment.conflicts"))
rows = [
    {
        t("login.username"): c.username,
        t("entry.code"): c.code,
        t("queue.status"): t(KIND_KEYS[c.kind]),
        t("scorecard.recuse_reason"): c.reason,
    }
    for c in overview.conflicts
]
st.table(plain_rows(rows) or [{t("entry.code"): "—"}])
