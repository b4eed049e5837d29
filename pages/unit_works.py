"""Recommending unit: its own works — state, compliance findings with what to fix, pledge."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t, t_plain
from pages.panels.tables import pick_row
from pages.panels.unit_work import forwarding_note, unit_work_rows, work_detail
from scoring.services.entries.unit_works import unit_works

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
campaign_id = campaign.id
st.title(t("unit_works.title"))
st.caption(t_plain("unit_works.caption", unit=actor.unit))
forwarding_note(campaign_id)
works = unit_works(ctx, actor=actor, campaign_id=campaign_id)
if not works:
    st.info(t("unit_works.none"))
    st.stop()
row = pick_row(unit_work_rows(works), ids=[w.entry.id for w in works], key="uw_table")
if row is None:
    st.caption(t("unit_works.pick_hint"))
    st.stop()
work_detail(works[row].entry.id)
