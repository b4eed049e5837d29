"""Streamlit's and plotly's own words in the session's language, wherever they can be set.

Streamlit 1.67 has no parameter for the file uploader's button and size line, so those are
replaced by CSS keyed to the uploader; plotly takes a locale dictionary in its config;
multiselects get our placeholder and no "Select all". What cannot be changed at all is
listed in the README.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

from pages.frame.runtime import lang, t

CALENDAR = {  # plotly's locale "format" names → catalog keys (comma-separated lists)
    "months": "chart.months",
    "shortMonths": "chart.short_months",
    "days": "chart.days",
    "shortDays": "chart.short_days",
}
# plotly's own texts of the cartesian charts' mode bar and tips → catalog keys
PLOTLY_TEXTS = {
    "Autoscale": "chart.autoscale",
    "Box Select": "chart.box_select",
    "Compare data on hover": "chart.compare_hover",
    "Double-click on legend to isolate one trace": "chart.legend_tip",
    "Double-click to zoom back out": "chart.zoom_back_tip",
    "Download plot": "chart.download",
    "Download plot as a png": "chart.download_png",
    "Download plot as a PNG": "chart.download_png",
    "Preparing image - this may take a few seconds": "chart.snapshot_taking",
    "Lasso Select": "chart.lasso_select",
    "Pan": "chart.pan",
    "Reset axes": "chart.reset_axes",
    "Show closest data on hover": "chart.closest_hover",
    "Snapshot succeeded": "chart.snapshot_done",
    "Taking snapshot - this may take a few seconds": "chart.snapshot_taking",
    "Toggle Spike Lines": "chart.spike_lines",
    "Zoom": "chart.zoom",
    "Zoom in": "chart.zoom_in",
    "Zoom out": "chart.zoom_out",
}


def chart_config() -> dict[str, Any]:
    """``st.plotly_chart(config=...)``: plotly's texts, month and day names in this language."""
    names = {name: t(key).split(",") for name, key in CALENDAR.items()}
    locale = {
        "dictionary": {english: t(key) for english, key in PLOTLY_TEXTS.items()},
        "format": names | {"date": t("chart.date")},
    }
    return {"locale": "jd-" + lang(), "locales": {"jd-" + lang(): locale}, "displaylogo": False}


def frame_texts() -> None:
    """Once per run: words Streamlit adds to every chart (its "Fullscreen" mode-bar button,
    whose tooltip is drawn from ``data-title`` by CSS), in this language."""
    bar = ".js-plotly-plot .modebar-btn"
    st.html(
        "<style>"
        f'{bar}[data-title="Fullscreen"]::after {{content: {_css_text(t("chart.fullscreen"))}}}'
        f'{bar}[data-title="Close fullscreen"]::after'
        f" {{content: {_css_text(t('chart.close_fullscreen'))}}}"
        "</style>"
    )


def choice_menu(placeholder_key: str = "common.choose_many") -> dict[str, Any]:
    """Keyword arguments of a multiselect: our placeholder (never Streamlit's "Choose
    options" / "No options to select") and no English "Select all" line."""
    return {"placeholder": t(placeholder_key), "select_all": False}


def upload_texts(key: str, *, limit_mb: int | None = None, types: Sequence[str] = ()) -> None:
    """Put this language's words on the uploader with ``key``: the button, and the size and
    file types line (call it next to ``st.file_uploader(..., key=key)``)."""
    limit = limit_mb or int(st.get_option("server.maxUploadSize"))
    size = (
        t("upload.size_gb", gb=f"{limit / 1024:g}")
        if limit >= 1024
        else t("upload.size_mb", mb=limit)
    )
    note = t("upload.note", size=size)
    if types:
        kinds = t("common.list_separator").join(k.upper() for k in types)
        note = t("upload.note_types", size=size, types=kinds)
    scope = ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())
    button = (
        f"{scope} [data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p"
    )
    line = f"{scope} [data-testid=stFileUploaderDropzoneInstructions] span"
    st.html(
        "<style>"
        f"{button}, {line} {{font-size: 0}}"
        f"{button}::after {{content: {_css_text(t('upload.button'))}; font-size: 0.875rem}}"
        f"{line}::after {{content: {_css_text(note)}; font-size: 0.875rem}}"
        "</style>"
    )


def _css_text(text: str) -> str:
    """A CSS string literal holding ``text`` as plain text."""
    return (
        '"'
        + "".join(c if c.isalnum() or c in " ·,.:()（）、，" else f"\\{ord(c):x} " for c in text)
        + '"'
    )
