"""Coordinator: import viewing figures, and see an entry's figures over time."""

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import (
    attempt,
    choose_hint,
    context,
    current_actor,
    plain_rows,
    require_campaign,
    t,
)
from pages.panels.views import (
    FIELDS,
    history_chart,
    import_section,
    latest_rows,
    platform_links,
)
from scoring.services.entries.listing import entry_table
from scoring.services.ranking.results import parse_cutoff
from scoring.services.views.history import latest_views, view_history

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("views.title"))
st.caption(t("views.help"))
import_section(ctx)
st.divider()
st.subheader(t("views.history"))
entries = entry_table(ctx, actor=actor, campaign_id=campaign.id or 0)
pick = st.selectbox(
    t("entry.code"),
    entries,
    format_func=lambda e: f"{e.code} {e.title}",
    key="views_entry",
    placeholder=choose_hint(entries),
)
field = st.radio(
    t("views.field"),
    FIELDS,
    horizontal=True,
    format_func=lambda f: t("views.field_" + f),
    key="views_field",
)
if pick is not None:
    snapshots = view_history(ctx, actor=actor, entry_id=pick.id)
    if snapshots:
        st.plotly_chart(history_chart(snapshots, field), config=chart_config())
    else:
        st.info(t("views.none_yet"))
    platform_links(pick.platform_links)
    cutoff = attempt(
        lambda: parse_cutoff(
            st.text_input(
                t("ranking.cutoff"), key="views_cut", placeholder=t("ranking.cutoff_now")
            ),
            ctx.settings.timezone,
        )
    )
    latest = latest_views(ctx, actor=actor, campaign_id=campaign.id or 0, cutoff=cutoff)
    rows = plain_rows(latest_rows(latest.get(pick.id, {})))
    st.table(rows or [{t("ranking.platform"): t("views.none_yet")}])
