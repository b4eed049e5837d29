"""Coordinator: every entry's compliance findings, with filters and a detail view."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, lang, plain, require_campaign, t
from pages.panels.findings import compliance_rows, media_facts, show_findings
from pages.panels.player import video_player
from pages.panels.tables import pick_row
from scoring.enums import Category
from scoring.services.compliance import compliance_report, entry_detail, filter_report
from scoring.services.media import player_sources

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
report = compliance_report(ctx, actor=actor, campaign_id=campaign.id or 0)

st.title(t("compliance.title"))
cols = st.columns(3)
errors_only = cols[0].toggle(t("compliance.errors_only"), key="cmp_errors")
categories = cols[1].multiselect(
    t("entry.category"),
    [c.value for c in Category],
    format_func=lambda c: t("category." + c),
    placeholder=t("common.any"),
    select_all=False,  # Streamlit says "Select all" in English only
    key="cmp_category",
)
recommender = cols[2].selectbox(
    t("entry.recommender"),
    ["", *sorted({r.entry.recommender for r in report})],
    format_func=lambda r: r or t("common.any"),
    key="cmp_rec",
)
shown = filter_report(
    report, errors_only=errors_only, categories=categories, recommender=recommender
)
with_errors = filter_report(report, errors_only=True)
st.caption(t("compliance.count", shown=len(shown), total=len(report), errors=len(with_errors)))
row = pick_row(compliance_rows(shown), ids=[r.entry.id for r in shown], key="cmp_table")
if row is None:
    st.caption(t("compliance.pick_hint"))
    st.stop()
detail = entry_detail(ctx, actor=actor, entry_id=shown[row].entry.id or 0)
st.subheader(plain(f"{detail.entry.code} {detail.entry.title}"))
left, right = st.columns([3, 2])
with left:
    sources = attempt(lambda: player_sources(ctx, actor=actor, entry_id=detail.entry.id or 0))
    if sources and (sources.preview_url or sources.original_url):
        video_player(
            src=sources.preview_url or sources.original_url or "",
            poster=sources.poster_url,
            portrait=sources.portrait,
            key=f"cmp-player-{detail.entry.id}",
        )
    show_findings(detail.findings, lang())
with right:
    media_facts(detail.media)
