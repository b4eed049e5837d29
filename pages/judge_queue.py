"""Judge: the entries assigned to me, with my progress."""

import streamlit as st

from pages.frame.runtime import context, current_actor, require_campaign, t
from pages.panels.calibration import queue_block
from pages.panels.scoring import ENTRY_KEY
from pages.panels.table_rows import queue_rows
from pages.panels.tables import pick_row
from scoring.enums import Category
from scoring.services.judging.queue import judge_queue

STATUSES = ("not_started", "draft", "submitted")

ctx = context()
campaign = require_campaign(ctx)
queue = judge_queue(ctx, actor=current_actor(), campaign_id=campaign.id or 0)

st.title(t("queue.title"))
queue_block(ctx, campaign.id or 0)  # the calibration clips first while the round is open
st.progress(
    queue.share_submitted,
    text=t(
        "queue.progress",
        done=queue.count("submitted"),
        total=queue.total,
        drafts=queue.count("draft"),
    ),
)
left, right = st.columns(2)
statuses = left.multiselect(
    t("queue.filter_status"),
    STATUSES,
    format_func=lambda s: t("status." + s),
    key="queue_status",
    placeholder=t("common.any"),
    select_all=False,  # Streamlit says "Select all" in English only
)
categories = right.multiselect(
    t("entry.category"),
    [c.value for c in Category],
    format_func=lambda c: t("category." + c),
    key="queue_category",
    placeholder=t("common.any"),
    select_all=False,  # Streamlit says "Select all" in English only
)
items = queue.filtered(statuses=set(statuses), categories=set(categories))
if not queue.total:
    st.info(t("queue.empty"))
else:
    row = pick_row(queue_rows(items), ids=[i.entry_id for i in items], key="queue_table")
    st.caption(t("queue.open_hint"))
    if row is not None:
        st.session_state[ENTRY_KEY] = items[row].entry_id
        st.switch_page("pages/judge_score.py")
