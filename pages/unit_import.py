"""Recommending unit: import its works from a table like the office's, with their videos;
every row must be the unit's own (推荐单位 empty or the unit itself)."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t, t_plain
from pages.panels.entry_import import entry_import

campaign = require_campaign(context())
st.title(t("unit_import.title"))
st.caption(t_plain("unit_import.help", unit=current_actor().unit))
entry_import(campaign.id, limit_key="unit_import.limit", office=False)
