"""The Ranking page's "how sure are we" tab (SPEC §6): what the top N becomes with one judge
left out or under another method, the bootstrap, the weight sweep, the panel's agreement."""

from __future__ import annotations

import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import lang, list_text, t, t_plain
from pages.panels.charts import leniency_chart, probability_chart, sweep_chart
from pages.panels.tables import show_table
from scoring.domain.ranking import RankedEntry
from scoring.i18n import count_text
from scoring.services.ranking.results import RankingResult
from scoring.services.ranking.stability import Alternative, Stability


def _codes(ids: list[int], codes: dict[int, str]) -> str:
    return list_text(codes[i] for i in ids) or "—"


def _situation(alt: Alternative, stability: Stability) -> str:
    if alt.judge_id is not None:
        name = stability.judge_names.get(alt.judge_id, str(alt.judge_id))
        return t("sure.without_judge", name=name)
    return t("sure.other_method", method=t(f"method.{alt.method}"))


def _change(alt: Alternative, base: list[int], codes: dict[int, str]) -> str:
    if not alt.dropped and not alt.added:
        return t("sure.same") if alt.top == base else t("sure.reordered")
    return t("sure.changed", out=_codes(alt.dropped, codes), into=_codes(alt.added, codes))


def alternatives_table(result: RankingResult, stability: Stability) -> None:
    """One row per judge left out and per other method: its top N and what changed."""
    codes = {e.entry_id: e.code for e in result.inputs.entries}
    n, base = result.params.top_n, result.ranking.top_ids()
    st.caption(t_plain("sure.alternatives_caption", n=n, top=_codes(base, codes)))
    rows = [
        {
            t("sure.situation"): _situation(alt, stability),
            t("sure.top", n=n): _codes(alt.top, codes),
            t("sure.change"): _change(alt, base, codes),
        }
        for alt in stability.alternatives
    ]
    show_table(rows, key="sure_alternatives")


def stability_panel(result: RankingResult, stability: Stability) -> None:
    """Agreement, the alternatives, and the three charts (titles on hover)."""
    st.subheader(t("sure.alternatives_title", n=result.params.top_n))
    alternatives_table(result, stability)
    details = result.inputs.details
    ranked = list(result.ranking.main)
    titles = [f"{e.code} {details[e.entry_id].title}" for e in ranked]
    left, right = st.columns(2)
    resamples = count_text(stability.resamples, lang())
    left.markdown(f"**{t('ranking.prob_title', seed=stability.seed, n=resamples)}**")
    left.plotly_chart(
        probability_chart(
            [e.code for e in ranked],
            titles,
            [stability.probabilities.get(e.entry_id, 0.0) for e in ranked],
        ),
        width="stretch",
        key="sure_prob",
        config=chart_config(),
    )
    with right:
        _sweep(stability, ranked, titles)
    _leniency(stability)


def _sweep(stability: Stability, ranked: list[RankedEntry], titles: list[str]) -> None:
    """Which entries are in the top N as the expert weight moves (those ever in it)."""
    st.markdown(f"**{t('ranking.sweep_title')}**")
    weights = [p.weight for p in stability.sweep]
    rows = [
        (e.code, title, [e.entry_id in p.top_ids for p in stability.sweep])
        for e, title in zip(ranked, titles, strict=True)
    ]
    st.plotly_chart(
        sweep_chart(weights, [r for r in rows if any(r[2])], stability.sweep_changes),
        width="stretch",
        key="sure_sweep",
        config=chart_config(),
    )


def _leniency(stability: Stability) -> None:
    """Each judge's mean and spread of totals: who marks high, who marks low."""
    st.markdown(f"**{t('ranking.leniency_title')}**")
    judges = stability.reliability.judges
    st.plotly_chart(
        leniency_chart(
            [stability.judge_names.get(j.judge_id, "") for j in judges],
            [j.mean or 0 for j in judges],
            [j.sd or 0 for j in judges],
        ),
        width="stretch",
        key="sure_leniency",
        config=chart_config(),
    )
