"""Coordinator: the calibration round (试评) — reference clips, every judge's totals beside
the panel's median and spread, the discussion note, and closing the round."""

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import context, current_actor, require_campaign, t
from pages.panels.calibration import (
    clip_label,
    clips_panel,
    discussion_panel,
    results_tables,
)
from pages.panels.charts import calibration_chart
from scoring.domain.calibration import MIN_CLIPS
from scoring.services.judging.calibration import calibration_overview

ctx = context()
campaign = require_campaign(ctx)
campaign_id = campaign.id or 0
seen = calibration_overview(ctx, actor=current_actor(), campaign_id=campaign_id)
st.title(t("calibration.title"))
st.caption(t("calibration.intro"))
st.markdown(f"**{t('calibration.state')}** {t('calibration.state_' + seen.state)}")

st.subheader(t("calibration.clips_title"))
if len(seen.clips) < MIN_CLIPS and seen.state != "closed":
    st.info(t("calibration.add_more", least=MIN_CLIPS, have=len(seen.clips)))
clips_panel(ctx, seen, campaign_id)
if not seen.clips:
    st.stop()

st.subheader(t("calibration.results_title"))
left, right = st.columns([3, 2])
with left:
    results_tables(seen)
with right:
    labels = {c.clip.id: clip_label(c.number) for c in seen.clips}
    names = {j.id: j.display_name for j in seen.judges}
    figure = calibration_chart(
        [(labels[f.clip_id], f) for f in seen.figures.clips],
        [(names[j.judge_id], j) for j in seen.figures.judges],
    )
    st.plotly_chart(figure, width="stretch", config=chart_config())

st.subheader(t("calibration.discussion_title"))
discussion_panel(ctx, seen, campaign_id)
