"""Plotly figures built from service results (presentation only, no arithmetic on scores).

Figures are built from plain dicts (one validation when the figure is made, instead of one
per property set): the progress page draws two on every run.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from pages.frame.runtime import chart_text, t
from scoring.domain.calibration import ClipFigures, JudgeFigures
from scoring.records.progress import EntryProgress, JudgeProgress

COLOURS = {"submitted": "#2e7d32", "draft": "#f9a825", "not_started": "#cfd8dc"}
MIN_LINE = "#b3261e"
HEIGHT = 340


def layout(**extra: Any) -> dict[str, Any]:
    """The house layout: legend in one row above the plot (never over labels or bars),
    margins that grow to fit the axis labels, a title only when given."""
    base: dict[str, Any] = {
        "height": HEIGHT,
        "margin": {"t": 40, "b": 10, "l": 10, "r": 10},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        "xaxis": {"automargin": True, "tickangle": 0},
        "yaxis": {"automargin": True, "rangemode": "tozero"},
        "hoverlabel": {"align": "left"},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def hover_text(texts: list[str]) -> list[str]:
    """Text typed by people, for a chart's hover box: plotly reads tags (<b>, <a>) in it."""
    return [chart_text(text) for text in texts]


def _stacked_bars(
    x: list[str], parts: dict[str, list[int]], names: list[str]
) -> list[dict[str, Any]]:
    """One bar trace per part; hovering a bar names the judge or entry in full."""
    names = hover_text(names)
    return [
        {
            "type": "bar",
            "name": t("status." + part),
            "x": x,
            "y": values,
            "marker": {"color": COLOURS[part]},
            "customdata": names,
            "hovertemplate": "%{customdata}<br>"
            + t("progress.hover", status=t("status." + part), count="%{y}")
            + "<extra></extra>",
        }
        for part, values in parts.items()
    ]


def judge_progress_chart(judges: list[JudgeProgress]) -> go.Figure:
    """Stacked bars per judge: submitted, drafts, not started."""
    names = [chart_text(j.display_name or j.username) for j in judges]
    parts = {
        "submitted": [j.submitted for j in judges],
        "draft": [j.drafts for j in judges],
        "not_started": [max(0, j.assigned - j.submitted - j.drafts) for j in judges],
    }
    return go.Figure(
        {
            "data": _stacked_bars(names, parts, names),
            "layout": layout(
                barmode="stack",
                yaxis={"title": {"text": t("progress.cards")}},
                xaxis={"tickangle": -30 if len(judges) > 8 else 0},
            ),
        }
    )


def entry_progress_chart(entries: list[EntryProgress], min_judges: int) -> go.Figure:
    """Submitted scorecards per entry against the number the ranking needs (a dashed line
    named in the legend, so no note sits on top of a bar)."""
    codes = [e.code for e in entries]
    parts = {"submitted": [e.submitted for e in entries], "draft": [e.drafts for e in entries]}
    needed = {
        "type": "scatter",
        "mode": "lines",
        "name": t("progress.min_judges", n=min_judges),
        "x": codes,
        "y": [min_judges] * len(codes),
        "line": {"color": MIN_LINE, "dash": "dash", "width": 2},
        "hoverinfo": "skip",
    }
    titles = [f"{e.code} {e.title}" for e in entries]
    return go.Figure(
        {
            "data": [*_stacked_bars(codes, parts, titles), needed],
            "layout": layout(
                barmode="stack",
                yaxis={"title": {"text": t("progress.cards")}},
                xaxis={"tickangle": -45, "type": "category"},
            ),
        }
    )


def calibration_chart(
    clips: list[tuple[str, ClipFigures]], judges: list[tuple[str, JudgeFigures]]
) -> go.Figure:
    """Per clip: each judge's total as a dot (set a little apart, so equal totals both
    show), the panel's range as a bar and the median as a line across it."""
    place = {clip.clip_id: number for number, (_, clip) in enumerate(clips, start=1)}
    figure = go.Figure([*_panel_traces(clips, place), *_judge_traces(judges, place)])
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


def _panel_traces(clips: list[tuple[str, ClipFigures]], place: dict[int, int]) -> list[go.Scatter]:
    """Each clip's range of totals as a grey bar, then the medians as short red lines."""
    bars = [
        go.Scatter(
            x=[place[clip.clip_id]] * 2,
            y=[clip.low, clip.high],
            mode="lines",
            line={"color": "#cfd8dc", "width": 14},
            showlegend=False,
            hoverinfo="skip",
        )
        for _, clip in clips
        if clip.low is not None
    ]
    medians = [(place[c.clip_id], c.median) for _, c in clips if c.median is not None]
    return [
        *bars,
        go.Scatter(
            name=t("calibration.median"),
            x=[x for x, _ in medians],
            y=[y for _, y in medians],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 44, "color": "#b3261e", "line": {"width": 3}},
        ),
    ]


def _judge_traces(
    judges: list[tuple[str, JudgeFigures]], place: dict[int, int]
) -> list[go.Scatter]:
    """One trace of dots per judge, set a little apart so that equal totals both show."""
    step = 0.25 / max(len(judges), 1)
    traces = []
    for index, (name, judge) in enumerate(judges):
        offset = (index - (len(judges) - 1) / 2) * step
        shown = [(place[c], total) for c, total in judge.totals.items() if c in place]
        traces.append(
            go.Scatter(
                name=chart_text(name),
                x=[x + offset for x, _ in shown],
                y=[total for _, total in shown],
                mode="markers",
                marker={"size": 11, "line": {"width": 1, "color": "white"}},
            )
        )
    return traces


def probability_chart(codes: list[str], titles: list[str], chances: list[float]) -> go.Figure:
    """Each ranked entry's bootstrap probability of being in the top N (0–100 %)."""
    bar = {
        "type": "bar",
        "x": codes,
        "y": [round(c * 100, 1) for c in chances],
        "customdata": hover_text(titles),
        "marker": {"color": "#1565c0"},
        "hovertemplate": "%{customdata}<br>%{y}%<extra></extra>",
    }
    return go.Figure(
        {
            "data": [bar],
            "layout": layout(
                yaxis={"range": [0, 100], "ticksuffix": "%"},
                xaxis={"tickangle": -45, "type": "category"},
                margin={"t": 10},
            ),
        }
    )


def sweep_chart(
    weights: list[float], rows: list[tuple[str, str, list[bool]]], changes: list[float]
) -> go.Figure:
    """Who is in the top N as the expert weight goes from 0 to 1: one row per entry that
    ever is (code, title, in or out at each weight), dotted lines where the list changes."""
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [w for w, inside in zip(weights, flags, strict=True) if inside],
            "y": [code] * sum(flags),
            "marker": {"size": 7, "symbol": "square", "color": "#1565c0"},
            "name": code,
            "showlegend": False,
            "customdata": hover_text([title] * sum(flags)),
            "hovertemplate": "%{customdata}<br>w = %{x:.2f}<extra></extra>",
        }
        for code, title, flags in rows
    ]
    return go.Figure(
        {
            "data": traces,
            "layout": layout(
                shapes=[_vertical_dots(w) for w in changes],
                xaxis={"range": [-0.02, 1.02], "title": {"text": t("ranking.weight")}},
                yaxis={"type": "category", "autorange": "reversed", "rangemode": "normal"},
                margin={"t": 10},
            ),
        }
    )


def _vertical_dots(x: float) -> dict[str, Any]:
    """A dotted line across the plot at ``x``."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": MIN_LINE, "dash": "dot", "width": 1},
    }


def leniency_chart(names: list[str], means: list[float], sds: list[float]) -> go.Figure:
    """Each judge's mean total with ± one SD."""
    bar = {
        "type": "bar",
        "x": hover_text(names),
        "y": means,
        "error_y": {"type": "data", "array": sds, "visible": True},
        "customdata": sds,
        "marker": {"color": "#1565c0"},
        "hovertemplate": "%{x}<br>"
        + t("ranking.leniency_hover", mean="%{y:.2f}", sd="%{customdata:.2f}")
        + "<extra></extra>",
    }
    return go.Figure(
        {
            "data": [bar],
            "layout": layout(
                yaxis={"range": [0, 10], "title": {"text": t("ranking.total")}},
                margin={"t": 10},
                height=300,
            ),
        }
    )
