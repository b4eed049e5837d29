"""Plotly figures built from service results (presentation only, no arithmetic on scores)."""

from __future__ import annotations

import plotly.graph_objects as go

from pages.frame.runtime import chart_text, t
from scoring.records import EntryProgress, JudgeProgress

COLOURS = {"submitted": "#2e7d32", "draft": "#f9a825", "not_started": "#cfd8dc"}


def judge_progress_chart(judges: list[JudgeProgress]) -> go.Figure:
    """Stacked bars per judge: submitted, drafts, not started."""
    names = [chart_text(j.display_name or j.username) for j in judges]
    parts = {
        "submitted": [j.submitted for j in judges],
        "draft": [j.drafts for j in judges],
        "not_started": [max(0, j.assigned - j.submitted - j.drafts) for j in judges],
    }
    figure = go.Figure(
        [
            go.Bar(name=t("status." + k), x=names, y=v, marker_color=COLOURS[k])
            for k, v in parts.items()
        ]
    )
    figure.update_layout(
        barmode="stack",
        height=320,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        legend={"orientation": "h"},
        yaxis_title=t("progress.cards"),
    )
    return figure


def entry_progress_chart(entries: list[EntryProgress], min_judges: int) -> go.Figure:
    """Submitted scorecards per entry against the number the ranking needs."""
    codes = [chart_text(e.code) for e in entries]
    figure = go.Figure(
        [
            go.Bar(
                name=t("status.submitted"),
                x=codes,
                y=[e.submitted for e in entries],
                marker_color=COLOURS["submitted"],
            ),
            go.Bar(
                name=t("status.draft"),
                x=codes,
                y=[e.drafts for e in entries],
                marker_color=COLOURS["draft"],
            ),
        ]
    )
    figure.add_hline(
        y=min_judges,
        line_dash="dash",
        line_color="#b3261e",
        annotation_text=t("progress.min_judges", n=min_judges),
    )
    figure.update_layout(
        barmode="stack",
        height=320,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        legend={"orientation": "h"},
    )
    return figure
