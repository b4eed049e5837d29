"""Coordinator: every entry of the active campaign, a search, and one entry in full."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t, t_plain
from pages.panels.entry_detail import entry_detail_panel
from pages.panels.table_rows import entry_columns, entry_rows
from pages.panels.tables import pick_row
from scoring.services.entries.listing import entry_table, search_entries

ctx = context()
campaign = require_campaign(ctx)
entries = entry_table(ctx, actor=current_actor(), campaign_id=campaign.id or 0)

st.title(t("entries.title"))
if not entries:
    st.info(t("entries.empty"))
    st.stop()
text = st.text_input(
    t("entries.search"),
    placeholder=t("entries.search_placeholder"),
    key="ent_search",
    icon=":material/search:",
)
shown = search_entries(entries, text)
if len(shown) == len(entries):
    st.caption(t("entries.count", count=len(entries)))
else:
    st.caption(t("entries.found", shown=len(shown), count=len(entries)))
if not shown:
    st.info(t_plain("entries.none_found", text=text.strip()))
    st.stop()
row = pick_row(
    entry_rows(shown), ids=[e.id for e in shown], key="ent_table", columns=entry_columns()
)
if row is None:
    st.caption(t("entries.pick_hint"))
    st.stop()
entry_detail_panel(ctx, shown[row].id, key="ent")
