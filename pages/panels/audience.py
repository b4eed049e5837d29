"""The Ranking page's audience list (人气作品): the top N by views alone beside the blended
top N, CQO, excluded and neutralised entries marked; every entry in detail below."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from pages.frame.runtime import current_actor, local_time, t
from pages.panels.tables import show_table
from scoring.domain.audience import AudienceLine
from scoring.domain.rounding import score_text
from scoring.domain.shortlist import Shortlist
from scoring.enums import RankStatus
from scoring.records.entries import EntryHead
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
    st.caption(t("audience_list.intro", n=top_n, cutoff=local_time(result.inputs.cutoff)))
    left, right = st.columns([5, 8])
    with left:
        st.markdown(f"**{t('audience_list.blended', n=top_n)}**")
        show_table(_blended_rows(shortlist, details))
    with right:
        st.markdown(f"**{t('audience_list.heading', n=top_n)}**")
        show_table(
            _audience_top_rows(audience, details, shortlist),
            columns={
                t("audience_list.col.place"): st.column_config.Column(width=72),
                t("export.col.shortlist"): st.column_config.Column(width=72),
                t("audience_list.col.views"): st.column_config.Column(width=92),
            },
        )
    st.caption(t("audience_list.ties"))
    with st.expander(t("audience_list.every"), icon=":material/format_list_numbered:"):
        show_table([_every_row(line, audience, details) for line in audience.order.lines])


def _blended_rows(
    shortlist: Shortlist, details: Mapping[int, EntryHead]
) -> list[dict[str, object]]:
    """The shortlist by the blended final score F."""
    return [
        {
            t("export.col.rank"): line.entry.rank,
            t("entry.code"): line.entry.code,
            t("entry.title"): details[line.entry.entry_id].title,
            "F": score_text(line.entry.final),
        }
        for line in shortlist.lines
    ]


def _audience_top_rows(
    audience: Audience, details: Mapping[int, EntryHead], shortlist: Shortlist
) -> list[dict[str, object]]:
    """The audience top N by views, shortlisted entries starred."""
    listed = {line.entry.entry_id for line in shortlist.lines}
    return [
        {
            t("audience_list.col.place"): line.place,
            t("entry.code"): line.code,
            t("entry.title"): details[line.entry_id].title,
            t("audience_list.col.views"): line.views,
            t("export.col.shortlist"): "★" if line.entry_id in listed else "",
            t("audience_list.col.mark"): _mark(line, audience),
        }
        for line in audience.top()
    ]


def _every_row(
    line: AudienceLine, audience: Audience, details: Mapping[int, EntryHead]
) -> dict[str, object]:
    """One entry of the full list by views, with its A, rank, status and any neutralising."""
    neutralised = audience.reasons.get(line.entry_id, "") if line.neutralised else ""
    return {
        t("audience_list.col.place"): line.place,
        t("entry.code"): line.code,
        t("entry.title"): details[line.entry_id].title,
        t("audience_list.col.views"): line.views,
        "A": score_text(line.audience, blank="—"),
        t("audience_list.col.rank"): "—" if line.rank is None else str(line.rank),
        t("ranking.status"): t("rank_status." + line.status.value),
        t("audience_list.col.neutralised"): neutralised,
    }
