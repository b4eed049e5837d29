"""Coordinator: the ranking, how sure it is, the shortlist, and the official exports."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, require_campaign, t
from pages.panels.audience import audience_panel
from pages.panels.documents import document_downloads
from pages.panels.ranking import (
    downloads,
    ranking_lists,
    reliability_text,
    stability_pending,
    what_if_controls,
)
from pages.panels.shortlist import shortlist_panel
from pages.panels.stability import stability_panel
from scoring.services.ranking.results import compute_ranking, fix_settings
from scoring.services.ranking.shortlist import shortlist_of
from scoring.services.ranking.stability import stability_if_ready

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("ranking.title"))
what_if = what_if_controls(campaign)
result = attempt(
    lambda: compute_ranking(ctx, actor=actor, campaign_id=campaign.id, what_if=what_if)
)
if result is None:
    st.stop()
if st.button(t("ranking.fix"), help=t("ranking.fix_help")) and attempt(
    lambda: fix_settings(ctx, actor=actor, campaign_id=campaign.id, what_if=what_if)
):
    flash(t("ranking.fixed"))
shortlist = shortlist_of(ctx, result)
# The tabs keep their state (and run only the open one): a change or a download leaves the
# coordinator where they were working.
tab_rank, tab_short, tab_audience, tab_sure, tab_files = st.tabs(
    [
        t("ranking.tab_rank"),
        t("ranking.tab_shortlist"),
        t("ranking.tab_audience"),
        t("ranking.tab_sure"),
        t("ranking.tab_files"),
    ],
    key="rk_tab",
    on_change="rerun",
)
# The stability checks take minutes at a national round's size: computed beside the page
# then, and the page says so until they are ready.
stability = None
if tab_rank.open or tab_sure.open:
    stability = stability_if_ready(ctx, actor=actor, result=result)
if tab_rank.open:
    with tab_rank:
        chances = None if stability is None else stability.probabilities
        ranking_lists(ctx, result, chances, shortlist)
        if stability is None:
            stability_pending(ctx, result)
if tab_short.open:
    with tab_short:
        shortlist_panel(ctx, result, shortlist)
if tab_audience.open:
    with tab_audience:
        audience_panel(ctx, result, shortlist)
if tab_sure.open:
    with tab_sure:
        if stability is None:
            stability_pending(ctx, result)
        else:
            st.caption(reliability_text(stability))
            stability_panel(result, stability)
if tab_files.open:
    with tab_files:
        document_downloads(ctx, result, what_if)
        downloads(ctx, result, what_if)
