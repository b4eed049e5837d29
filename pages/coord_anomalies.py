"""Coordinator: odd viewing figures, flagged (never acted on by themselves); a coordinator
may neutralise an entry's audience part with a reason, and undo it."""

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    flash,
    plain,
    require_campaign,
    t,
)
from pages.panels.views import flag_lines, flags_pending, history_chart, one_page_of
from scoring.services.entries.listing import entry_table
from scoring.services.views.anomalies import (
    anomalies_if_ready,
    neutralise_audience,
    neutralised_entries,
    restore_audience,
)
from scoring.services.views.history import view_history

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
st.title(t("anomalies.title"))
st.caption(t("anomalies.help"))
flags = anomalies_if_ready(ctx, actor=actor, campaign_id=campaign.id)
if flags is None:
    flags_pending(ctx, campaign.id)
    st.stop()
neutral = neutralised_entries(ctx, campaign.id)
entries = {e.id: e for e in entry_table(ctx, actor=actor, campaign_id=campaign.id)}
flagged = sorted({f.entry_id for f in flags} | neutral, key=lambda i: entries[i].code)
if not flagged:
    st.success(t("anomalies.none"))
for entry_id in one_page_of(flagged, key="an_page"):
    entry = entries[entry_id]
    mine = [f for f in flags if f.entry_id == entry_id]
    label = plain(f"{entry.code} {entry.title}") + (
        f" · {t('anomalies.neutral')}" if entry_id in neutral else ""
    )
    with st.expander(label, expanded=entry_id not in neutral):
        flag_lines(mine)
        st.plotly_chart(
            history_chart(view_history(ctx, actor=actor, entry_id=entry_id), "views"),
            config=chart_config(),
            key=f"an-chart-{entry_id}",
        )
        reason = st.text_input(t("anomalies.reason"), key=f"an-reason-{entry_id}")
        if entry_id in neutral:
            if st.button(t("anomalies.restore"), key=f"an-restore-{entry_id}") and attempt(
                lambda e=entry_id, r=reason: restore_audience(
                    ctx, actor=actor, entry_id=e, reason=r
                )
            ):
                flash(t("anomalies.restored", code=entry.code))
        elif st.button(t("anomalies.neutralise"), key=f"an-neutral-{entry_id}") and attempt(
            lambda e=entry_id, r=reason: neutralise_audience(ctx, actor=actor, entry_id=e, reason=r)
        ):
            flash(t("anomalies.neutralised", code=entry.code))
