"""Coordinator: every entry of the active campaign."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t
from pages.panels.tables import entry_rows
from scoring.services.entries.listing import entry_table

ctx = context()
campaign = require_campaign(ctx)
entries = entry_table(ctx, actor=current_actor(), campaign_id=campaign.id or 0)

st.title(t("entries.title"))
st.caption(t("entries.count", count=len(entries)))
if entries:
    st.dataframe(entry_rows(entries), hide_index=True, width="stretch")
else:
    st.info(t("entries.empty"))
