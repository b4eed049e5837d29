"""Coordinator: add one entry by hand, or pick one and edit it (issue 3)."""

import streamlit as st

from pages.frame.runtime import context, require_campaign, t
from pages.panels.entry_form import entry_form

campaign = require_campaign(context())
st.title(t("entry_form.title"))
entry_form(campaign.id or 0)
