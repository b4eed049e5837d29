"""Coordinator: judging progress — who is done, who is behind, coverage, reopening a card."""

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import (
    attempt,
    choose_hint,
    context,
    current_actor,
    flash,
    list_text,
    local_time,
    require_campaign,
    t,
    t_plain,
)
from pages.panels.charts import entry_progress_chart, judge_progress_chart
from pages.panels.tables import behind_rows, card_rows, show_table
from scoring.enums import ScorecardStatus
from scoring.services.judging.progress import judging_progress
from scoring.services.judging.scorecards import reopen_scorecard

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
progress = judging_progress(ctx, actor=actor, campaign_id=campaign.id or 0)

st.title(t("progress.title"))
cols = st.columns(3)
cols[0].metric(t("progress.submitted"), f"{progress.submitted} / {progress.expected}")
cols[1].metric(t("progress.behind"), len(progress.behind))
cols[2].metric(t("progress.deadline"), local_time(progress.deadline) or "—")
left, right = st.columns(2)
left.caption(t("progress.chart_judges"))
right.caption(t("progress.chart_entries"))
shown = chart_config()
left.plotly_chart(judge_progress_chart(progress.judges), key="pg_judges", config=shown)
right.plotly_chart(
    entry_progress_chart(progress.entries, progress.min_judges), key="pg_entries", config=shown
)
if progress.behind:
    st.subheader(t("progress.behind_title"))
    show_table(behind_rows(progress.behind))
if progress.short_of_judges:
    codes = list_text(e.code for e in progress.short_of_judges)
    st.warning(t_plain("progress.short", codes=codes, n=progress.min_judges))

st.subheader(t("progress.cards_title"))
show_table(card_rows(progress.cards))
submitted = [c for c in progress.cards if c.status is ScorecardStatus.SUBMITTED]
with st.expander(t("progress.reopen_title"), icon=":material/undo:"), st.form("reopen"):
    card = st.selectbox(
        t("progress.reopen_pick"),
        submitted,
        format_func=lambda c: f"{c.code} · {c.display_name or c.username}",
        placeholder=choose_hint(submitted, empty="progress.none_to_reopen"),
    )
    reason = st.text_input(t("progress.reopen_reason"))
    if (
        st.form_submit_button(t("progress.reopen_submit"))
        and card
        and attempt(
            lambda: reopen_scorecard(
                ctx, actor=actor, judge_id=card.judge_id, entry_id=card.entry_id, reason=reason
            )
        )
    ):
        flash(t("progress.reopened", code=card.code, judge=card.display_name or card.username))
