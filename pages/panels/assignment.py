"""The notice that judges are waiting for an assignment run, with the way to it."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import t, t_plain
from scoring.services.campaigns.active import active_campaign
from scoring.services.context import Actor, Context
from scoring.services.judging.assignment import unassigned_judges

ASSIGNMENT_PAGE = "pages/admin_assignment.py"


def unassigned_notice(ctx: Context, actor: Actor, *, link: bool = True) -> None:
    """Name the enabled judges with no entry of the active campaign and say what to do."""
    campaign = active_campaign(ctx)
    if campaign is None or campaign.id is None:
        return
    waiting = unassigned_judges(ctx, actor=actor, campaign_id=campaign.id)
    if not waiting:
        return
    names = t("common.list_separator").join(
        t("paper.judge_option", name=j.display_name, username=j.username) for j in waiting
    )
    notice = t_plain("users.unassigned", names=names, count=len(waiting))
    st.warning(notice, icon=":material/info:")
    if link:
        st.page_link(ASSIGNMENT_PAGE, label=t("users.go_assign"), icon=":material/assignment_ind:")
