"""Judge: watch one entry and score it on the rubric; previous / next through my queue."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    context,
    current_actor,
    local_time,
    plain,
    require_campaign,
    t,
    t_plain,
)
from pages.panels.scoring import entry_facts, player_panel, queue_picker, rubric_form
from scoring.enums import ScorecardStatus
from scoring.services.judging import scorecards
from scoring.services.judging.queue import judge_queue

ctx = context()
campaign = require_campaign(ctx)
actor = current_actor()
queue = judge_queue(ctx, actor=actor, campaign_id=campaign.id or 0)
if not queue.total:
    st.info(t("queue.empty"))
    st.stop()
entry_id = queue_picker(queue)
view = attempt(lambda: scorecards.open_for_scoring(ctx, actor=actor, entry_id=entry_id))
if view is None:
    st.stop()

st.title(plain(view.entry.title))
card = view.card
if view.closed:
    st.info(t("scorecard.closed", deadline=local_time(campaign.scoring_deadline)))
elif card is not None and card.status is ScorecardStatus.SUBMITTED:
    st.success(t("scorecard.submitted_at", at=local_time(card.submitted_at)))
elif card is not None and card.reopen_reason:
    st.warning(t_plain("scorecard.reopened", reason=card.reopen_reason))
left, right = st.columns([3, 2])
with left:
    player_panel(ctx, view)
with right:
    entry_facts(view)
st.divider()
rubric_form(ctx, view)
if not view.closed and (card is None or card.status is ScorecardStatus.DRAFT):
    with st.expander(t("scorecard.recuse_title"), icon=":material/front_hand:"):
        reason = st.text_input(t("scorecard.recuse_reason"), key=f"recuse-{entry_id}")
        if st.button(t("scorecard.recuse_submit"), key=f"recuse-go-{entry_id}") and attempt(
            lambda: scorecards.recuse(ctx, actor=actor, entry_id=entry_id, reason=reason)
        ):
            st.session_state.pop("score_entry_id", None)
            st.rerun()
