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
    """Per clip: each judge's total as a dot (set a little apart, so equal totals both
    show), the panel's range as a bar and the median as a line across it."""
    place = {clip.clip_id: number for number, (_, clip) in enumerate(clips, start=1)}
    figure = go.Figure()
    for _, clip in clips:
        if clip.low is not None:
            figure.add_trace(
                go.Scatter(
                    x=[place[clip.clip_id]] * 2,
                    y=[clip.low, clip.high],
                    mode="lines",
                    line={"color": "#cfd8dc", "width": 14},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    medians = [(place[c.clip_id], c.median) for _, c in clips if c.median is not None]
    figure.add_trace(
        go.Scatter(
            name=t("calibration.median"),
            x=[x for x, _ in medians],
            y=[y for _, y in medians],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 44, "color": "#b3261e", "line": {"width": 3}},
        )
    )
    step = 0.25 / max(len(judges), 1)
    for index, (name, judge) in enumerate(judges):
        offset = (index - (len(judges) - 1) / 2) * step
        shown = [(place[c], total) for c, total in judge.totals.items() if c in place]
        figure.add_trace(
            go.Scatter(
                name=name,
                x=[x + offset for x, _ in shown],
                y=[total for _, total in shown],
                mode="markers",
                marker={"size": 11, "line": {"width": 1, "color": "white"}},
            )
        )
    figure.update_layout(
        height=360,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        legend={"orientation": "h"},
        xaxis={
            "tickvals": list(range(1, len(clips) + 1)),
            "ticktext": [label for label, _ in clips],
            "range": [0.5, len(clips) + 0.5],
        },
        yaxis_title=t("calibration.total_axis"),
    )
    return figure
