"""Coordinator: every entry's compliance findings, with filters and a detail view."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t
from pages.panels.entry_detail import entry_detail_panel
from pages.panels.findings import compliance_rows
from pages.panels.hints import hints_progress_line
from pages.panels.tables import pick_row
from scoring.domain.compliance import filter_report
from scoring.enums import Category
from scoring.services.compliance import compliance_report
from scoring.services.entries.hints import campaign_hints, hints_progress

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
report = compliance_report(ctx, actor=actor, campaign_id=campaign.id or 0)
hints = campaign_hints(ctx, actor=actor, campaign_id=campaign.id or 0)

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
hints_progress_line(hints_progress(ctx, actor=actor, campaign_id=campaign.id or 0))
row = pick_row(compliance_rows(shown, hints), ids=[r.entry.id for r in shown], key="cmp_table")
if row is None:
    st.caption(t("compliance.pick_hint"))
    st.stop()
entry_detail_panel(ctx, shown[row].entry.id or 0, key="cmp")
