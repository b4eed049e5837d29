"""The Ranking page's audience list (人气作品): the top N by views alone beside the blended
top N, CQO, excluded and neutralised entries marked."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import current_actor, local_time, t
from scoring.domain.rounding import rounded, score_text
from scoring.domain.shortlist import Shortlist
from scoring.services.context import Context
from scoring.services.ranking.audience import audience_of
from scoring.services.ranking.results import RankingResult


def audience_panel(ctx: Context, result: RankingResult, shortlist: Shortlist) -> None:
    """Blended top N on the left, the audience list on the right (top N, or every entry)."""
    audience = audience_of(ctx, actor=current_actor(), result=result)
    details = result.inputs.details
    top_n = result.params.top_n
    st.caption(t("audience_list.intro", n=top_n, cutoff=local_time(result.inputs.cutoff)))
    left, right = st.columns([2, 3])
    left.markdown(f"**{t('audience_list.blended', n=top_n)}**")
    left.dataframe(
        [
            {
                t("export.col.rank"): line.entry.rank,
                t("entry.code"): line.entry.code,
                t("entry.title"): details[line.entry.entry_id].title,
                "F": score_text(line.entry.final),
            }
            for line in shortlist.lines
        ],
        hide_index=True,
        width="stretch",
    )
    every = right.toggle(t("audience_list.show_all"), key="aud_all")
    right.markdown(f"**{t('audience_list.heading', n=top_n)}**")
    listed = {line.entry.entry_id for line in shortlist.lines}
    lines = audience.order.lines if every else audience.top()
    right.dataframe(
        [
            {
                t("audience_list.col.place"): line.place,
                t("entry.code"): line.code,
                t("entry.title"): details[line.entry_id].title,
                t("audience_list.col.views"): line.views,
                "A": rounded(line.audience),
                t("audience_list.col.rank"): line.rank,
                t("ranking.status"): t("rank_status." + line.status.value),
                t("export.col.shortlist"): "★" if line.entry_id in listed else "",
                t("audience_list.col.neutralised"): audience.reasons.get(line.entry_id, "")
                if line.neutralised
                else "",
            }
            for line in lines
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(t("audience_list.ties"))
