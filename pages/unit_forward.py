"""Recommending unit: forward one or two of its works to the office by the deadline."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, require_campaign, t, t_plain
from pages.panels.unit_work import forwarding_note
from scoring.enums import Severity
from scoring.services.entries.forwarding import forward_works
from scoring.services.entries.unit_works import DRAFT, unit_works

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
campaign_id = campaign.id
st.title(t("forward.title"))
st.caption(t("forward.rule"))
state = forwarding_note(campaign_id)
drafts = {
    w.entry.id: w for w in unit_works(ctx, actor=actor, campaign_id=campaign_id) if w.state == DRAFT
}
if not drafts:
    st.info(t("forward.no_drafts"))
    st.stop()


def label(entry_id: int) -> str:
    """Code, title and how its checks stand."""
    work = drafts[entry_id]
    return t(
        "forward.option",
        code=work.entry.code,
        title=work.entry.title,
        worst=t("severity." + work.worst.value),
    )


chosen = st.multiselect(
    t("forward.choose"),
    list(drafts),
    format_func=label,
    key="fw_pick",
    placeholder=t("forward.choose_placeholder"),
)
flawed = [drafts[i].entry.code for i in chosen if drafts[i].worst is Severity.ERROR]
accept = False
if flawed:
    st.warning(t_plain("forward.flawed", codes=", ".join(flawed)), icon=":material/error:")
    accept = st.checkbox(t("forward.accept_errors"), key="fw_accept")
st.caption(t("forward.read_only_after"))
if st.button(t("forward.submit"), type="primary", disabled=state.closed, key="fw_go"):
    sent = attempt(
        lambda: forward_works(
            ctx, actor=actor, campaign_id=campaign_id, entry_ids=chosen, accept_errors=accept
        )
    )
    if sent:
        flash(t("forward.done", codes=", ".join(e.code for e in sent)))
