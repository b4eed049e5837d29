"""Widgets of the Ranking page: what-if controls, the lists, one entry's numbers, downloads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from pages.frame.runtime import (
    current_actor,
    lang,
    local_time,
    plain,
    t,
)
from pages.panels.cells import NO_NUMBER
from pages.panels.tables import pick_row, show_table
from scoring.domain.ranking import RankedEntry
from scoring.domain.rounding import rounded, score_text
from scoring.domain.shortlist import Shortlist
from scoring.enums import Method
from scoring.i18n import count_text
from scoring.records.campaigns import Campaign
from scoring.services.context import Context
from scoring.services.ranking import exports
from scoring.services.ranking.explain import Explanation, explain
from scoring.services.ranking.results import RankingResult, WhatIf
from scoring.services.ranking.stability import Stability, stability_if_ready
from scoring.tables.writing import encode


def what_if_controls(campaign: Campaign) -> WhatIf:
    """Method, expert weight, N and cutoff; they change nothing stored."""
    cols = st.columns(4)
    methods = [m.value for m in Method]
    method = cols[0].selectbox(
        t("ranking.method"),
        methods,
        index=methods.index(campaign.method),
        format_func=lambda m: t("method." + m),
        key="rk_method",
    )
    weight = cols[1].slider(
        t("ranking.weight"),
        0.0,
        1.0,
        float(campaign.expert_weight),
        0.05,
        key="rk_weight",
        help=t("ranking.weight_help"),
    )
    top_n = cols[2].number_input(
        t("ranking.top_n"), 1, 50, int(campaign.shortlist_size), key="rk_top"
    )
    cutoff = cols[3].text_input(
        t("ranking.cutoff"),
        local_time(campaign.ranking_cutoff),
        placeholder=t("ranking.cutoff_now"),
        key="rk_cutoff",
        help=t("ranking.cutoff_help"),
    )
    return WhatIf(method=method, expert_weight=weight, top_n=int(top_n), cutoff=cutoff)


def score_columns(top_n: int) -> dict[str, Any]:
    """Headers of the ranking tables that say what each figure is, on hover."""
    return {
        t("ranking.col_shortlist"): st.column_config.TextColumn(
            help=t("ranking.col_shortlist_help", n=top_n)
        ),
        t("export.col.expert"): st.column_config.NumberColumn(
            help=t("ranking.col_expert_help"), format="%.2f"
        ),
        t("export.col.audience"): st.column_config.NumberColumn(
            help=t("ranking.col_audience_help"), format="%.2f"
        ),
        t("export.col.final"): st.column_config.NumberColumn(
            help=t("ranking.col_final_help"), format="%.2f"
        ),
        t("export.col.views"): st.column_config.NumberColumn(format="localized"),
        t("ranking.probability"): st.column_config.TextColumn(
            help=t("ranking.col_probability_help", n=top_n)
        ),
    }


def _marks(shortlist: Shortlist) -> dict[int, str]:
    """Entry id → ★ in the shortlist, a coordinator's swap said in words."""
    marks = {e: t("ranking.mark_out") for e in shortlist.removed}
    for line in shortlist.lines:
        marks[line.entry.entry_id] = "★" + (t("ranking.mark_in") if line.override else "")
    return marks


class _Labels(dict[str, str]):
    """Catalog texts of this run, each looked up the first time it is needed (a national
    round's table has ten thousand rows)."""

    def __call__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            found = self[key] = t(key)
        return found


def rank_cell(entry: RankedEntry) -> int | str:
    """The place, or 未排名 for an entry without one (why: its explanation says)."""
    return t("ranking.unranked") if entry.rank is None else entry.rank


def ranked_rows(
    result: RankingResult,
    entries: Sequence[RankedEntry],
    *,
    chances: Mapping[int, float] | None,
    shortlist: Shortlist | None,
) -> list[dict[str, object]]:
    """Ranked entries (main or CQO list) as table rows; ★ and chances for the main list
    (without ``chances``, still being computed, their column says so)."""
    details = result.inputs.details
    label = _Labels()
    marks = _marks(shortlist) if shortlist is not None else {}
    rows: list[dict[str, object]] = []
    for e in entries:
        row: dict[str, object] = {label("export.col.rank"): rank_cell(e)}
        if shortlist is not None:
            row[label("ranking.col_shortlist")] = marks.get(e.entry_id, "")
        row |= {
            label("entry.code"): e.code,
            label("entry.title"): details[e.entry_id].title,
            label("entry.category"): label("category." + e.category.value),
            label("export.col.expert"): rounded(e.expert),
            label("export.col.audience"): rounded(e.audience),
            label("export.col.final"): rounded(e.final),
            label("export.col.judges"): e.judges,
            label("export.col.views"): e.views,
        }
        if shortlist is not None:
            row[label("ranking.probability")] = (
                label("ranking.probability_pending")
                if chances is None
                else f"{round(chances.get(e.entry_id, 0.0) * 100)} %"
            )
        rows.append(row)
    return rows


def unranked_rows(result: RankingResult) -> list[dict[str, object]]:
    """Entries outside both lists, with the reason."""
    details = result.inputs.details
    label = _Labels()
    return [
        {
            label("entry.code"): e.code,
            label("entry.title"): details[e.entry_id].title,
            label("entry.category"): label("category." + e.category.value),
            label("export.col.judges"): e.judges,
            label("ranking.why_unranked"): label("rank_status." + e.status.value),
        }
        for e in result.ranking.others
    ]


def ranking_lists(
    ctx: Context,
    result: RankingResult,
    chances: Mapping[int, float] | None,
    shortlist: Shortlist,
) -> None:
    """The main list (★ the shortlist), the CQO list apart from it, then the unranked;
    a row of either list opens the numbers behind its place."""
    ranking, top_n = result.ranking, result.params.top_n
    columns = score_columns(top_n)
    st.caption(t("ranking.main_caption", count=len(ranking.main), n=top_n))
    main = list(ranking.main)
    rows = ranked_rows(result, main, chances=chances, shortlist=shortlist)
    row = pick_row(rows, ids=[e.entry_id for e in main], key="rk_table", columns=columns)
    st.caption(t("ranking.explain_hint"))
    if row is not None:
        explanation(ctx, result, main[row])
    if ranking.cqo:
        st.subheader(t("ranking.cqo_title"))
        st.caption(t("ranking.cqo_caption"))
        cqo = list(ranking.cqo)
        rows = ranked_rows(result, cqo, chances={}, shortlist=None)
        row = pick_row(rows, ids=[e.entry_id for e in cqo], key="rk_cqo", columns=columns)
        if row is not None:
            explanation(ctx, result, cqo[row])
    if ranking.others:
        st.subheader(t("ranking.others_title"))
        show_table(unranked_rows(result))


def explanation(ctx: Context, result: RankingResult, entry: RankedEntry) -> None:
    """The numbers behind one entry's place, as text."""
    info = explain(ctx, actor=current_actor(), result=result, entry_id=entry.entry_id)
    st.table(
        [
            {
                t("progress.judge"): plain(j.name),
                t("ranking.total"): score_text(j.total, 3, blank=NO_NUMBER),
                t("ranking.z"): score_text(j.z, 3, blank=NO_NUMBER),
            }
            for j in info.judges
        ]
    )
    st.table(
        [
            {
                t("ranking.platform"): _platform_name(s.platform),
                t("views.field_views"): count_text(s.views, lang(), exact=True),
                t("audience.captured"): local_time(s.captured_at),
            }
            for s in info.platforms
        ]
        or [{t("ranking.platform"): t("ranking.no_views")}]
    )
    _formula(entry, info)


def _formula(entry: RankedEntry, info: Explanation) -> None:
    """F = w·E + (1−w)·A with this entry's numbers, or why it has none."""
    if entry.final is not None and entry.expert is not None and entry.audience is not None:
        w = info.expert_weight
        st.code(
            t(
                "ranking.formula",
                w=f"{w:g}",
                E=score_text(entry.expert),
                A=score_text(entry.audience),
                rest=f"{1 - w:g}",
                F=score_text(entry.final),
                X=score_text(entry.expert_raw, 4),
                V=count_text(entry.views, lang(), exact=True),
                U=score_text(info.audience_raw, 4),
            ),
            language=None,
        )
    else:
        st.info(t("rank_status." + entry.status.value))


def _platform_name(platform: str) -> str:
    """The platform's name from the catalog, or as imported when the catalog has none."""
    key = "platform_name." + platform
    return t(key) if t(key) != key else platform


def downloads(ctx: Context, result: RankingResult, what_if: WhatIf) -> None:
    """The full ranking and the scores, as CSV and XLSX (made only on click)."""
    campaign_id = result.inputs.campaign.id
    actor = current_actor()
    builders = {
        "ranking": lambda: exports.ranking_sheet(
            ctx, actor=actor, campaign_id=campaign_id, what_if=what_if, lang=lang()
        ),
        "scores": lambda: exports.scores_sheet(
            ctx, actor=actor, campaign_id=campaign_id, lang=lang()
        ),
    }
    for what, build in builders.items():
        cols = st.columns(2)
        for col, suffix in zip(cols, ("csv", "xlsx"), strict=True):
            name = f"{t('download.' + what)}.{suffix}"
            col.download_button(
                f"{t('download.' + what)} ({suffix.upper()})",
                key=f"dl-{what}-{suffix}",
                data=lambda b=build, n=name: encode(b(), n),
                file_name=name,
                mime="text/csv"
                if suffix == "csv"
                else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/download:",
                on_click="ignore",  # a download changes nothing on the page: no rerun
            )


def _fig(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def reliability_text(stability: Stability) -> str:
    """Krippendorff's α, ICC(3,k) and Kendall's W in one line (— where not defined)."""
    rel = stability.reliability
    return t(
        "ranking.reliability", alpha=_fig(rel.alpha), icc=_fig(rel.icc3k), w=_fig(rel.kendall_w)
    )


@st.fragment(run_every=3)
def stability_pending(ctx: Context, result: RankingResult) -> None:
    """Says the stability checks are being computed; reruns the page when they are done."""
    if stability_if_ready(ctx, actor=current_actor(), result=result) is not None:
        st.rerun()
    st.info(t("ranking.stability_pending"), icon=":material/hourglass_top:")
