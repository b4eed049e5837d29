"""The Ranking page's audience list (人气作品): the top N by views alone beside the blended
top N, CQO, excluded and neutralised entries marked; every entry in detail below."""

from __future__ import annotations

import streamlit as st

from pages.frame.runtime import current_actor, local_time, t
from pages.panels.tables import show_table
from scoring.domain.audience import AudienceLine
from scoring.domain.rounding import score_text
from scoring.domain.shortlist import Shortlist
from scoring.enums import RankStatus
from scoring.services.context import Context
from scoring.services.ranking.audience import Audience, audience_of
from scoring.services.ranking.results import RankingResult


def _mark(line: AudienceLine, audience: Audience) -> str:
    """What sets the entry apart in the ranking, in a few words."""
    if line.neutralised:
        return t("audience_list.mark_neutralised", reason=audience.reasons.get(line.entry_id, ""))
    if line.status is RankStatus.RANKED:
        return ""
    return t("audience_list.mark." + line.status.value.replace(":", "_"))


def audience_panel(ctx: Context, result: RankingResult, shortlist: Shortlist) -> None:
    """Blended top N and the audience top N side by side, then every entry by views."""
    audience = audience_of(ctx, actor=current_actor(), result=result)
    details = result.inputs.details
    top_n = result.params.top_n
    listed = {line.entry.entry_id for line in shortlist.lines}
    st.caption(t("audience_list.intro", n=top_n, cutoff=local_time(result.inputs.cutoff)))
    left, right = st.columns([5, 8])
    with left:
        st.markdown(f"**{t('audience_list.blended', n=top_n)}**")
        show_table(
            [
                {
                    t("export.col.rank"): line.entry.rank,
                    t("entry.code"): line.entry.code,
                    t("entry.title"): details[line.entry.entry_id].title,
                    "F": score_text(line.entry.final),
                }
                for line in shortlist.lines
            ],
        )
    with right:
        st.markdown(f"**{t('audience_list.heading', n=top_n)}**")
        show_table(
            [
                {
                    t("audience_list.col.place"): line.place,
                    t("entry.code"): line.code,
                    t("entry.title"): details[line.entry_id].title,
                    t("audience_list.col.views"): line.views,
                    t("export.col.shortlist"): "★" if line.entry_id in listed else "",
                    t("audience_list.col.mark"): _mark(line, audience),
                }
                for line in audience.top()
            ],
            columns={
                t("audience_list.col.place"): st.column_config.Column(width=72),
                t("export.col.shortlist"): st.column_config.Column(width=72),
                t("audience_list.col.views"): st.column_config.Column(width=92),
            },
        )
    st.caption(t("audience_list.ties"))
    with st.expander(t("audience_list.every"), icon=":material/format_list_numbered:"):
        show_table(
            [
                {
                    t("audience_list.col.place"): line.place,
                    t("entry.code"): line.code,
                    t("entry.title"): details[line.entry_id].title,
                    t("audience_list.col.views"): line.views,
                    "A": score_text(line.audience, blank="—"),
                    t("audience_list.col.rank"): "—" if line.rank is None else str(line.rank),
                    t("ranking.status"): t("rank_status." + line.status.value),
                    t("audience_list.col.neutralised"): audience.reasons.get(line.entry_id, "")
                    if line.neutralised
                    else "",
                }
                for line in audience.order.lines
            ],
        )
