"""Judge: the calibration round (试评) — score the reference clips on the same rubric before
the real round. These marks never enter the ranking."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    local_time,
    require_campaign,
    t,
)
from pages.panels.calibration import clip_label, clip_picker
from pages.panels.desks import CALIBRATION_DESK
from pages.panels.scoring import player_panel, rubric_form
from pages.panels.table_rows import duration_text
from scoring.enums import ScorecardStatus
from scoring.services.judging.calibration import judge_round
from scoring.services.judging.calibration_cards import open_clip

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("calibration.judge_title"))
listed = judge_round(ctx, actor=actor, campaign_id=campaign.id or 0)
if not listed.items:
    st.info(t("calibration.none_for_judges"))
    st.stop()
if listed.state == "closed":
    st.info(t("calibration.closed_for_judges_at", at=local_time(listed.closed_at)))
else:
    st.caption(t("calibration.judge_hint"))
if listed.note:
    st.text(t("calibration.note_shown", note=listed.note))
clip_id = clip_picker(listed)
view = attempt(lambda: open_clip(ctx, actor=actor, clip_id=clip_id))
if view is None:
    st.stop()

st.subheader(clip_label(view.number))
if view.card is not None and view.card.status is ScorecardStatus.SUBMITTED:
    st.success(t("scorecard.submitted_at", at=local_time(view.card.submitted_at)))
left, right = st.columns([3, 2])
with left:
    player_panel(ctx, view, CALIBRATION_DESK)
with right:
    st.caption(f"{t('entry.duration')} {duration_text(view.duration_s)}")
    st.caption(t("calibration.judge_facts"))
st.divider()
rubric_form(ctx, view, CALIBRATION_DESK)
