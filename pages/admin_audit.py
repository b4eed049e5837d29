"""Admin: the audit log, filtered by user, action, entry code and time; exported as CSV."""

import streamlit as st

from pages.frame.runtime import context, current_actor, t
from pages.panels.tables import audit_rows, show_table
from scoring.domain.times import day_bounds
from scoring.services.audit import audit_actions, audit_events
from scoring.storage.audit import AuditFilter
from scoring.tables.writing import Sheet, to_csv

ctx = context()
actor = current_actor()
st.title(t("audit.title"))
cols = st.columns(5)
who = cols[0].text_input(t("audit.actor")).strip().lower() or None
action = cols[1].selectbox(
    t("audit.action"),
    ["", *audit_actions(ctx, actor=actor)],
    format_func=lambda a: a or t("common.any"),
)
target = cols[2].text_input(t("audit.target"), help=t("audit.target_help")).strip() or None
since = cols[3].date_input(t("audit.since"), value=None)
until = cols[4].date_input(t("audit.until"), value=None)
start, end = day_bounds(since, until, ctx.settings.timezone)
flt = AuditFilter(
    actor=who, action=action or None, target=target, since=start, until=end, limit=2000
)
events = audit_events(ctx, actor=actor, flt=flt)
st.caption(t("audit.count", count=len(events)))
rows = audit_rows(events)
show_table(rows)

# Built now, in this run; only the CSV encoding is deferred to the click.
sheet = Sheet(
    title=t("audit.title"),
    block=(),
    headers=list(rows[0]) if rows else [],
    rows=[[str(value) for value in row.values()] for row in rows],
)
st.download_button(
    t("audit.download"),
    data=lambda: to_csv(sheet),
    file_name="jurydesk-audit-log.csv",
    mime="text/csv",
    icon=":material/download:",
    disabled=not rows,
    on_click="ignore",
)
