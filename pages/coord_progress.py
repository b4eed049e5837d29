"""Coordinator: judging progress — who is done, who is behind, coverage, reopening a card."""

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import context, current_actor, local_time, require_campaign, t
from pages.panels.charts import judge_progress_chart
from pages.panels.progress import CARD_PAGE, entries_chart, scorecards, short_warning
from pages.panels.table_rows import behind_rows
from pages.panels.tables import show_table
from scoring.services.judging.progress import judging_progress

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
progress = judging_progress(ctx, actor=actor, campaign_id=campaign.id, limit=CARD_PAGE)

st.title(t("progress.title"))
cols = st.columns(3)
cols[0].metric(t("progress.submitted"), f"{progress.submitted} / {progress.expected}")
cols[1].metric(t("progress.behind"), len(progress.behind))
cols[2].metric(t("progress.deadline"), local_time(progress.deadline) or "—")
left, right = st.columns(2)
left.caption(t("progress.chart_judges"))
left.plotly_chart(judge_progress_chart(progress.judges), key="pg_judges", config=chart_config())
entries_chart(right, progress.entries, progress.min_judges)
if progress.behind:
    st.subheader(t("progress.behind_title"))
    show_table(behind_rows(progress.behind))
short_warning(progress.short_of_judges, progress.min_judges)
scorecards(ctx, actor, campaign.id, progress)
