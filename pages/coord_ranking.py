"""Coordinator: the ranking, how sure it is, the shortlist, and the official exports."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, require_campaign, t
from pages.panels.documents import document_downloads
from pages.panels.ranking import (
    downloads,
    explanation,
    ranking_rows,
    reliability_text,
    shortlist_panel,
    stability_charts,
    stability_pending,
    what_if_controls,
)
from pages.panels.tables import pick_row
from scoring.services.ranking.results import compute_ranking, fix_settings, shortlist_of
from scoring.services.ranking.stability import stability_if_ready

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("ranking.title"))
what_if = what_if_controls(campaign)
result = attempt(
    lambda: compute_ranking(ctx, actor=actor, campaign_id=campaign.id or 0, what_if=what_if)
)
if result is None:
    st.stop()
if st.button(t("ranking.fix"), help=t("ranking.fix_help")) and attempt(
    lambda: fix_settings(ctx, actor=actor, campaign_id=campaign.id or 0, what_if=what_if)
):
    flash(t("ranking.fixed"))
stability = stability_if_ready(ctx, actor=actor, result=result)
shortlist = shortlist_of(ctx, result)
tab_rank, tab_short, tab_sure, tab_files = st.tabs(
    [
        t("ranking.tab_rank"),
        t("ranking.tab_shortlist"),
        t("ranking.tab_sure"),
        t("ranking.tab_files"),
    ]
)
with tab_rank:
    order, rows = ranking_rows(result, stability and stability.probabilities, shortlist)
    row = pick_row(rows, ids=[e.entry_id for e in order], key="rk_table")
    st.caption(t("ranking.explain_hint"))
    if row is not None:
        explanation(ctx, result, order[row])
with tab_short:
    shortlist_panel(ctx, result, shortlist)
with tab_sure:
    if stability is None:
        stability_pending(ctx, result)
    else:
        st.caption(reliability_text(stability))
        differ = [e.code for e in result.inputs.entries if e.entry_id in stability.disagreements]
        st.caption(t("ranking.methods_differ", codes="、".join(differ) or "—"))
        stability_charts(result, stability)
with tab_files:
    document_downloads(ctx, result, what_if)
    downloads(ctx, result, what_if)
