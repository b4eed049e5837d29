"""Widgets of the coordinators' progress page that grow with the round: the entries'
chart, the list of entries short of judges, and the scorecards (one page of them, with
filters, when there are more than a page).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from pages.frame.chrome import chart_config
from pages.frame.runtime import attempt, choose_hint, flash, lang, list_text, t, t_plain
from pages.panels.charts import COLOURS, MIN_LINE, entry_progress_chart, layout
from pages.panels.table_rows import card_rows
from pages.panels.tables import show_table
from scoring.enums import ScorecardStatus
from scoring.records.progress import EntryProgress, ScorecardLine
from scoring.services.context import Actor, Context
from scoring.services.judging.progress import Progress, scorecard_lines
from scoring.services.judging.scorecards import reopen_scorecard

ENTRY_BARS = 150  # more entries than this: counted by scorecards submitted, not one bar each
CODES_NAMED = 20  # entries short of judges named in the warning, then how many in all
CARD_PAGE = 200  # scorecards drawn at once


def entry_spread_chart(entries: list[EntryProgress], min_judges: int) -> go.Figure:
    """Entries counted by how many scorecards they have submitted (a round too large to draw
    one bar per entry): those still short of what the ranking needs apart."""
    counts: dict[int, int] = {}
    for e in entries:
        counts[e.submitted] = counts.get(e.submitted, 0) + 1
    top = max(counts, default=0)
    hover = t("progress.spread_hover", k="%{x}", count="%{y}") + "<extra></extra>"
    traces = [
        {
            "type": "bar",
            "name": t(name, n=min_judges),
            "x": [k for k in range(top + 1) if keep(k)],
            "y": [counts.get(k, 0) for k in range(top + 1) if keep(k)],
            "marker": {"color": colour},
            "hovertemplate": hover,
        }
        for name, colour, keep in (
            ("progress.spread_short", MIN_LINE, lambda k: k < min_judges),
            ("progress.spread_enough", COLOURS["submitted"], lambda k: k >= min_judges),
        )
    ]
    return go.Figure(
        {
            "data": traces,
            "layout": layout(
                barmode="stack",
                xaxis={"title": {"text": t("progress.spread_axis")}, "dtick": 1},
                yaxis={"title": {"text": t("progress.spread_count")}},
            ),
        }
    )


def entries_chart(where: Any, entries: list[EntryProgress], min_judges: int) -> None:
    """Scorecards per entry, or (a large round) entries per number of scorecards."""
    many = len(entries) > ENTRY_BARS
    where.caption(t("progress.chart_entries_spread" if many else "progress.chart_entries"))
    chart = entry_spread_chart if many else entry_progress_chart
    where.plotly_chart(chart(entries, min_judges), key="pg_entries", config=chart_config())


def short_warning(short: list[EntryProgress], min_judges: int) -> None:
    """The entries still short of the scorecards the ranking needs (the first 20 named)."""
    if not short:
        return
    codes = list_text(e.code for e in short[:CODES_NAMED])
    if len(short) > CODES_NAMED:
        codes = t("progress.codes_more", codes=codes, count=len(short))
    st.warning(t_plain("progress.short", codes=codes, n=min_judges))


def scorecards(ctx: Context, actor: Actor, campaign_id: int, progress: Progress) -> None:
    """The scorecards table and the form to send a submitted one back to its judge."""
    st.subheader(t("progress.cards_title"))
    cards, total = progress.cards, progress.cards_total
    paged = total > CARD_PAGE
    if paged:
        left, right = st.columns(2)
        judge = left.selectbox(
            t("progress.filter_judge"),
            [None, *progress.judges],
            format_func=_judge_name,
            key=f"pg_judge_{lang()}",  # Streamlit keeps a keyed box's labels: one per language
        )
        code = right.text_input(t("progress.filter_code"), key="pg_code").strip()
        if judge is not None or code:
            cards, total = scorecard_lines(
                ctx,
                actor=actor,
                campaign_id=campaign_id,
                judge_id=None if judge is None else judge.judge_id,
                code=code,
                limit=CARD_PAGE,
            )
        st.caption(t("progress.cards_shown", shown=len(cards), total=total))
    show_table(card_rows(cards))
    _reopen(ctx, actor, [c for c in cards if c.status is ScorecardStatus.SUBMITTED], paged)


def _judge_name(judge: Any) -> str:
    return t("progress.all_judges") if judge is None else judge.display_name or judge.username


def _reopen(ctx: Context, actor: Actor, submitted: list[ScorecardLine], paged: bool) -> None:
    with st.expander(t("progress.reopen_title"), icon=":material/undo:"), st.form("reopen"):
        if paged:
            st.caption(t("progress.reopen_from_table"))
        card = st.selectbox(
            t("progress.reopen_pick"),
            submitted,
            format_func=lambda c: f"{c.code} · {c.display_name or c.username}",
            placeholder=choose_hint(submitted, empty="progress.none_to_reopen"),
        )
        reason = st.text_input(t("progress.reopen_reason"))
        if (
            st.form_submit_button(t("progress.reopen_submit"))
            and card
            and attempt(
                lambda: reopen_scorecard(
                    ctx, actor=actor, judge_id=card.judge_id, entry_id=card.entry_id, reason=reason
                )
            )
        ):
            flash(t("progress.reopened", code=card.code, judge=card.display_name or card.username))
