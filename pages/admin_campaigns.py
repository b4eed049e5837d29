"""Admin: campaigns — create one, switch the active one, archive, and edit its settings."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, local_time, t
from pages.panels.table_rows import campaign_rows
from pages.panels.tables import show_table
from scoring.enums import Method
from scoring.records.campaigns import CampaignSettings
from scoring.services.campaigns import admin
from scoring.services.campaigns.active import active_campaign

MINUTE = 60  # deadlines such as 23:59 must be enterable
ctx, actor = context(), current_actor()
st.title(t("campaigns.title"))
campaigns = {c.id: c for c in admin.all_campaigns(ctx, actor=actor)}
active = active_campaign(ctx)
active_id = active.id if active else None
show_table(campaign_rows(list(campaigns.values()), active_id))
ids = list(campaigns)
pick = st.selectbox(
    t("campaigns.pick"), ids, ids.index(active_id) if active_id in ids else 0, key="pick",
    format_func=lambda i: campaigns[i].name,
)  # fmt: skip
chosen = campaigns.get(pick)
if chosen is not None:
    cid, archived = chosen.id, chosen.archived_at is not None
    left, right = st.columns(2)
    if left.button(t("campaigns.switch"), disabled=cid == active_id) and attempt(
        lambda: admin.switch_campaign(ctx, actor=actor, campaign_id=cid)
    ):
        flash(t("campaigns.switched", name=chosen.name))
    toggle = admin.unarchive_campaign if archived else admin.archive_campaign
    if right.button(t("campaigns.unarchive" if archived else "campaigns.archive")) and attempt(
        lambda: toggle(ctx, actor=actor, campaign_id=cid)
    ):
        flash(t("campaigns.unarchived" if archived else "campaigns.archived_now", name=chosen.name))
    if archived:
        st.info(t("campaigns.read_only", at=local_time(chosen.archived_at)))
    v = admin.form_values(chosen, zone=ctx.settings.timezone)
    methods = list(Method)
    with st.form(f"settings_{cid}"):
        a, b, c = st.columns(3)
        new = CampaignSettings(
            name=st.text_input(t("campaigns.name"), v.name),
            office_name=st.text_input(t("campaigns.office_name"), v.office_name),
            notice_title=st.text_input(t("campaigns.notice_title"), v.notice_title),
            starts_at=a.datetime_input(t("campaigns.starts_at"), v.starts_at, step=MINUTE),
            submission_deadline=b.datetime_input(
                t("campaigns.submission"), v.submission_deadline, step=MINUTE),
            scoring_deadline=c.datetime_input(
                t("campaigns.scoring"), v.scoring_deadline, step=MINUTE),
            shortlist_size=int(a.number_input(t("ranking.top_n"), 1, None, v.shortlist_size, 1)),
            expert_weight=b.number_input(t("ranking.weight"), 0.0, 1.0, v.expert_weight, 0.05),
            method=c.selectbox(t("ranking.method"), methods, methods.index(v.method),
                               format_func=lambda m: t("method." + m)),
            min_judges=int(a.number_input(t("campaigns.min_judges"), 1, None, v.min_judges, 1)),
            watch_share_required=b.number_input(
                t("campaigns.watch_share"), 0.0, 1.0, v.watch_share_required, 0.05),
            blind_mode=c.checkbox(t("campaigns.blind_mode"), v.blind_mode),
        )  # fmt: skip
        if st.form_submit_button(t("campaigns.save"), disabled=archived) and attempt(
            lambda: admin.edit_campaign(ctx, actor=actor, campaign_id=cid, settings=new)
        ):
            flash(t("campaigns.saved", name=new.name.strip()))
with st.expander(t("campaigns.new_title")), st.form("new_campaign", clear_on_submit=True):
    name = st.text_input(t("campaigns.name"), help=t("campaigns.new_help"), key="new_name")
    make_active = st.checkbox(t("campaigns.make_active"), key="new_active")
    made = CampaignSettings.like(active, name=name) if active else CampaignSettings(name=name)
    if st.form_submit_button(t("campaigns.create")) and attempt(
        lambda: admin.start_campaign(ctx, actor=actor, settings=made, activate=make_active)
    ):
        flash(t("campaigns.created_now", name=name.strip()))
