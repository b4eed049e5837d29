"""Admin: the audit log as sentences, filtered by user, action, object and day; as CSV."""

import streamlit as st

from pages.frame.runtime import context, current_actor, lang, t
from pages.panels.table_rows import audit_rows
from pages.panels.tables import show_table
from scoring.services.audit import action_name, audit_actions, audit_lines
from scoring.tables.writing import Sheet, to_csv

ctx = context()
actor = current_actor()
st.title(t("audit.title"))
cols = st.columns(5)
who = cols[0].text_input(t("audit.actor")).strip().lower() or None
actions = sorted(audit_actions(ctx, actor=actor), key=lambda a: action_name(a, lang()))
action = cols[1].selectbox(
    t("audit.action"),
    ["", *actions],
    format_func=lambda a: action_name(a, lang()) if a else t("common.any"),
)
target = cols[2].text_input(t("audit.target"), help=t("audit.target_help")).strip() or None
since = cols[3].date_input(t("audit.since"), value=None, format="YYYY-MM-DD")
until = cols[4].date_input(t("audit.until"), value=None, format="YYYY-MM-DD")
lines = audit_lines(
    ctx,
    actor=actor,
    lang=lang(),
    who=who,
    action=action or None,
    target=target,
    since=since,
    until=until,
)
st.caption(t("audit.count", count=len(lines)))
rows = audit_rows(lines)
show_table(
    rows,
    columns={
        t("audit.time"): st.column_config.TextColumn(width=125),
        t("audit.actor"): st.column_config.TextColumn(width=110),
        t("audit.target"): st.column_config.TextColumn(width=150),
        t("audit.text"): st.column_config.TextColumn(width=560),
    },
)

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
