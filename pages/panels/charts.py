"""Plotly figures built from service results (presentation only, no arithmetic on scores)."""

from __future__ import annotations

import plotly.graph_objects as go

from pages.frame.runtime import t
from scoring.domain.calibration import ClipFigures, JudgeFigures
from scoring.records import EntryProgress, JudgeProgress

COLOURS = {"submitted": "#2e7d32", "draft": "#f9a825", "not_started": "#cfd8dc"}


def judge_progress_chart(judges: list[JudgeProgress]) -> go.Figure:
    """Stacked bars per judge: submitted, drafts, not started."""
    names = [j.display_name or j.username for j in judges]
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
    codes = [e.code for e in entries]
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


def calibration_chart(
    clips: list[tuple[str, ClipFigures]], judges: list[tuple[str, JudgeFigures]]
) -> go.Figure:
    """Per clip: each judge's total as a dot, the panel's range as a line, the median as a bar."""
    labels = [label for label, _ in clips]
    figure = go.Figure()
    for label, clip in clips:
        if clip.low is not None:
            figure.add_trace(
                go.Scatter(
                    x=[label, label],
                    y=[clip.low, clip.high],
                    mode="lines",
                    line={"color": "#90a4ae", "width": 10},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    figure.add_trace(
        go.Scatter(
            name=t("calibration.median"),
            x=[label for label, c in clips if c.median is not None],
            y=[c.median for _, c in clips if c.median is not None],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 36, "color": "#b3261e", "line": {"width": 3}},
        )
    )
    for name, judge in judges:
        shown = [
            (label, judge.totals[c.clip_id]) for label, c in clips if c.clip_id in judge.totals
        ]
        figure.add_trace(
            go.Scatter(
                name=name,
                x=[label for label, _ in shown],
                y=[total for _, total in shown],
                mode="markers",
                marker={"size": 11},
            )
        )
    figure.update_layout(
        height=340,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        legend={"orientation": "h"},
        xaxis={"categoryorder": "array", "categoryarray": labels},
        yaxis_title=t("calibration.total_axis"),
    )
    return figure
