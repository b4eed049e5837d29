"""Recommending unit: register a work with the 附件4 fields, its video and scanned pledge
(附件3), or mend a draft; its compliance findings show below at once."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t, t_plain
from pages.panels.entry_form import entry_form
from pages.panels.unit_work import work_detail
from scoring.services.entries.form import blank_texts
from scoring.services.entries.unit_works import draft_id, suggested_code

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
campaign_id = campaign.id
st.title(t("unit_form.title"))
st.caption(t_plain("unit_form.caption", unit=actor.unit))
fresh = blank_texts() | {
    "code": suggested_code(ctx, actor=actor, campaign_id=campaign_id),
    "recommender": actor.unit,
}
pick = entry_form(campaign_id, new_texts=fresh, unit=True)
if pick:
    st.divider()
    work_detail(draft_id(ctx, actor=actor, campaign_id=campaign_id, code=pick))
