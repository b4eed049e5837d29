"""Coordinator: import an entry table and its videos from the browser (issue 3).

Larger videos go through the command line.
"""

import streamlit as st

from pages.frame.runtime import context, require_campaign, t
from pages.panels.entry_import import entry_import

campaign = require_campaign(context())
st.title(t("entry_import.title"))
st.caption(t("entry_import.help"))
entry_import(campaign.id or 0, limit_key="entry_import.limit", office=True)
