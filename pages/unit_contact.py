"""Recommending unit: its liaison for the campaign (附件2 联络员反馈表)."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    local_time,
    require_campaign,
    t,
    t_plain,
)
from scoring.services.entries.units import my_contact, save_my_contact

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
campaign_id = campaign.id
st.title(t("liaison.title"))
st.caption(t_plain("liaison.caption", unit=actor.unit))
now = my_contact(ctx, actor=actor, campaign_id=campaign_id)
if now is None:
    st.warning(t("liaison.missing"), icon=":material/warning:")
else:
    st.caption(t_plain("liaison.updated", at=local_time(now.updated_at), by=now.updated_by))
with st.form("liaison"):
    name = st.text_input(t("liaison.name"), now.name if now else "")
    unit = st.text_input(t("liaison.unit"), now.contact_unit if now else actor.unit)
    position = st.text_input(t("liaison.position"), now.position if now else "")
    mobile = st.text_input(
        t("liaison.mobile"), now.mobile if now else "", help=t("liaison.mobile_help")
    )
    if st.form_submit_button(t("liaison.save"), type="primary") and attempt(
        lambda: save_my_contact(
            ctx,
            actor=actor,
            campaign_id=campaign_id,
            name=name,
            contact_unit=unit,
            position=position,
            mobile=mobile,
        )
    ):
        flash(t("liaison.saved"))
