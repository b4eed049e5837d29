"""Widgets of the Ranking page: what-if controls, tables, explanation, charts, downloads."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from pages.frame.runtime import attempt, current_actor, flash, lang, local_time, t
from scoring.domain.ranking import RankedEntry
from scoring.domain.rounding import rounded, score_text
from scoring.domain.shortlist import SWAP_IN, SWAP_OUT, Shortlist
from scoring.enums import Method
from scoring.records import Campaign
from scoring.services.context import Context
from scoring.services.ranking import exports
from scoring.services.ranking.explain import explain
from scoring.services.ranking.results import (
    RankingResult,
    WhatIf,
    live_overrides,
    swap,
    undo_swap,
)
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


def ranking_rows(
    result: RankingResult, chances: dict[int, float] | None, shortlist: Shortlist
) -> tuple[list[RankedEntry], list[dict[str, object]]]:
    """Every entry as a table row, main list first, then CQO, then the unranked; without
    ``chances`` (still being computed) their column says so."""
    pending = t("ranking.probability_pending")
    listed = {line.entry.entry_id for line in shortlist.lines}
    ranking = result.ranking
    order = [*ranking.main, *ranking.cqo, *ranking.others]
    details = result.inputs.details
    head = {k: t(k) for k in _COLUMNS}  # each text looked up once, not once per row
    label = _Labels()
    rows = [
        {
            head["export.col.rank"]: e.rank,
            head["entry.code"]: e.code,
            head["entry.title"]: details[e.entry_id].title,
            head["entry.category"]: label("category." + e.category.value),
            "E": rounded(e.expert),
            "A": rounded(e.audience),
            "F": rounded(e.final),
            head["export.col.judges"]: e.judges,
            head["export.col.views"]: e.views,
            head["ranking.status"]: label("rank_status." + e.status.value),
            head["ranking.probability"]: (
                pending if chances is None else f"{round(chances.get(e.entry_id, 0.0) * 100)} %"
            ),
            head["export.col.shortlist"]: "★" if e.entry_id in listed else "",
        }
        for e in order
    ]
    return order, rows


_COLUMNS = (
    "export.col.rank",
    "entry.code",
    "entry.title",
    "entry.category",
    "export.col.judges",
    "export.col.views",
    "ranking.status",
    "ranking.probability",
    "export.col.shortlist",
)


class _Labels(dict[str, str]):
    """Catalog texts of this run, each looked up the first time it is needed."""

    def __call__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            found = self[key] = t(key)
        return found


def explanation(ctx: Context, result: RankingResult, entry: RankedEntry) -> None:
    """The numbers behind one entry's place, as text."""
    info = explain(ctx, actor=current_actor(), result=result, entry_id=entry.entry_id)
    st.table(
        [
            {
                t("login.username"): j.username,
                t("ranking.total"): rounded(j.total, 3),
                t("ranking.z"): rounded(j.z, 3),
            }
            for j in info.judges
        ]
    )
    st.table(
        [
            {
                t("ranking.platform"): t("platform_name." + s.platform)
                if t("platform_name." + s.platform) != "platform_name." + s.platform
                else s.platform,
                t("views.field_views"): s.views,
                t("audience.captured"): local_time(s.captured_at),
            }
            for s in info.platforms
        ]
        or [{t("ranking.platform"): t("ranking.no_views")}]
    )
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
                V=entry.views,
                U=score_text(info.audience_raw, 4),
            ),
            language=None,
        )
    else:
        st.info(t("rank_status." + entry.status.value))


@st.fragment(run_every=3)
def stability_pending(ctx: Context, result: RankingResult) -> None:
    """Says the stability checks are being computed; reruns the page when they are done."""
    if stability_if_ready(ctx, actor=current_actor(), result=result) is not None:
        st.rerun()
    st.info(t("ranking.stability_pending"), icon=":material/hourglass_top:")


def stability_charts(result: RankingResult, stability: Stability) -> None:
    """Probabilities, the weight sweep, judge leniency, and the other methods' top N."""
    codes = {e.entry_id: e.code for e in result.inputs.entries}
    ranked = [e for e in result.ranking.main]
    left, right = st.columns(2)
    probs = go.Figure(
        go.Bar(
            x=[codes[e.entry_id] for e in ranked],
            y=[stability.probabilities.get(e.entry_id, 0.0) for e in ranked],
        )
    )
    probs.update_layout(
        title=t("ranking.prob_title", seed=stability.seed, n=stability.resamples),
        yaxis_range=[0, 1],
        height=320,
    )
    left.plotly_chart(probs, width="stretch")
    sweep = go.Figure()
    for e in ranked:
        inside = [1 if e.entry_id in p.top_ids else 0 for p in stability.sweep]
        if any(inside):
            sweep.add_trace(
                go.Scatter(
                    x=[p.weight for p in stability.sweep],
                    y=[codes[e.entry_id]] * len(inside),
                    mode="markers",
                    marker={"opacity": inside, "size": 6},
                    name=codes[e.entry_id],
                    showlegend=False,
                )
            )
    for change in stability.sweep_changes:
        sweep.add_vline(x=change, line_dash="dot", line_color="#b3261e")
    sweep.update_layout(title=t("ranking.sweep_title"), xaxis_title=t("ranking.weight"), height=320)
    right.plotly_chart(sweep, width="stretch")
    judges = stability.reliability.judges
    lenient = go.Figure(
        go.Bar(
            x=[stability.judge_names.get(j.judge_id, "") for j in judges],
            y=[j.mean or 0 for j in judges],
            error_y={"array": [j.sd or 0 for j in judges]},
        )
    )
    lenient.update_layout(title=t("ranking.leniency_title"), height=300)
    st.plotly_chart(lenient, width="stretch")


def shortlist_panel(ctx: Context, result: RankingResult, shortlist: Shortlist) -> None:
    """The shortlist, overrides with reasons, and the forms to change it."""
    details = result.inputs.details
    campaign_id = result.inputs.campaign.id or 0
    if not shortlist.size_matches:
        st.warning(t("shortlist.size", have=len(shortlist.lines), want=shortlist.size_wanted))
    st.table(
        [
            {
                t("export.col.rank"): ln.entry.rank,
                t("entry.code"): ln.entry.code,
                t("entry.title"): details[ln.entry.entry_id].title,
                t("shortlist.why"): ln.override or t("shortlist.by_formula"),
            }
            for ln in shortlist.lines
        ]
        or [{t("entry.code"): "—"}]
    )
    for entry_id, reason in shortlist.removed.items():
        st.caption(t("shortlist.removed", code=details[entry_id].code, reason=reason))
    ranked = result.ranking.main
    left, right = st.columns(2)
    with left.form("swap"):
        kind = st.radio(
            t("shortlist.kind"),
            [SWAP_IN, SWAP_OUT],
            horizontal=True,
            format_func=lambda k: t("shortlist." + k),
        )
        pick = st.selectbox(t("entry.code"), ranked, format_func=lambda e: f"{e.rank}. {e.code}")
        reason = st.text_input(t("shortlist.reason"))
        if (
            st.form_submit_button(t("shortlist.apply"))
            and pick
            and attempt(
                lambda: swap(
                    ctx,
                    actor=current_actor(),
                    campaign_id=campaign_id,
                    entry_id=pick.entry_id,
                    kind=kind,
                    reason=reason,
                )
            )
        ):
            flash(t("shortlist.done", code=pick.code))
    live = live_overrides(ctx, actor=current_actor(), campaign_id=campaign_id)
    with right.form("undo_swap"):
        chosen = st.selectbox(
            t("shortlist.live"),
            live,
            format_func=lambda o: (
                f"{details[o.entry_id].code} · {t('shortlist.' + o.kind)} · {o.reason}"
            ),
        )
        why = st.text_input(t("shortlist.undo_reason"))
        if (
            st.form_submit_button(t("shortlist.undo"))
            and chosen
            and attempt(
                lambda: undo_swap(
                    ctx,
                    actor=current_actor(),
                    campaign_id=campaign_id,
                    override_id=chosen.id or 0,
                    reason=why,
                )
            )
        ):
            flash(t("shortlist.undone"))


def downloads(ctx: Context, result: RankingResult, what_if: WhatIf) -> None:
    """The full ranking and the scores, as CSV and XLSX (made only on click)."""
    campaign_id = result.inputs.campaign.id or 0
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
            )


def _fig(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def reliability_text(stability: Stability) -> str:
    """Krippendorff's α, ICC(3,k) and Kendall's W in one line (— where not defined)."""
    rel = stability.reliability
    return t(
        "ranking.reliability", alpha=_fig(rel.alpha), icc=_fig(rel.icc3k), w=_fig(rel.kendall_w)
    )
