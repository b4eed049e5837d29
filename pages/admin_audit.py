"""Admin: the audit log, filtered by user, action and time."""

import streamlit as st

from pages.ui.runtime import context, current_actor, t
from pages.ui.tables import audit_rows
from scoring.domain.times import day_bounds
from scoring.services.audit_log import audit_actions, audit_events
from scoring.storage.audit import AuditFilter

ctx = context()
actor = current_actor()
st.title(t("audit.title"))
cols = st.columns(4)
who = cols[0].text_input(t("audit.actor")).strip().lower() or None
action = cols[1].selectbox(
    t("audit.action"),
    ["", *audit_actions(ctx, actor=actor)],
    format_func=lambda a: a or t("common.any"),
)
since = cols[2].date_input(t("audit.since"), value=None)
until = cols[3].date_input(t("audit.until"), value=None)
start, end = day_bounds(since, until, ctx.settings.timezone)
events = audit_events(
    ctx,
    actor=actor,
    flt=AuditFilter(actor=who, action=action or None, since=start, until=end, limit=2000),
)
st.caption(t("audit.count", count=len(events)))
st.dataframe(audit_rows(events), hide_index=True, width="stretch")
