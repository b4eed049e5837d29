"""The Progress page under AppTest: charts that keep their labels, names for judges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import log_in


def _open() -> AppTest:
    at = log_in("coord")
    at.switch_page("pages/coord_progress.py").run()
    assert not at.exception
    return at


def _figure(at: AppTest, key: str) -> dict[str, Any]:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key))
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec


def test_entry_chart_names_the_needed_line_in_the_legend_not_over_a_bar(app_env: Path) -> None:
    layout = _figure(_open(), "pg_entries")["layout"]
    assert "annotations" not in layout and "shapes" not in layout
    assert layout["legend"] | {"traceorder": None} == {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 1.02,  # above the plot: never over the axis labels
        "yanchor": "bottom",
        "traceorder": None,
    }
    assert (layout["xaxis"]["automargin"], layout["xaxis"]["tickangle"]) == (True, -45)


def test_entry_chart_bars_and_line(app_env: Path) -> None:
    data = _figure(_open(), "pg_entries")["data"]
    assert [trace["name"] for trace in data] == ["已提交", "草稿", "排名至少需要 3 份"]
    submitted, _, needed = data
    assert submitted["x"][:2] == ["GS-2023-001", "GS-2023-002"]
    assert submitted["y"][-2:] == [2, 2]
    assert submitted["customdata"][0] == "GS-2023-001 一碗牛肉面的标准"  # shown on hover
    assert submitted["hovertemplate"] == "%{customdata}<br>已提交：%{y} 份<extra></extra>"
    assert (needed["y"], needed["line"]["dash"]) == ([3] * 15, "dash")


def test_judge_chart_uses_display_names(app_env: Path) -> None:
    data = _figure(_open(), "pg_judges")["data"]
    assert data[0]["x"] == ["马教授", "林主任", "周研究员", "何老师", "石秘书长"]
    assert [trace["y"] for trace in data] == [
        [15, 14, 12, 8, 3],
        [0, 1, 1, 0, 2],
        [0, 0, 2, 7, 8],
    ]


def test_scorecards_table_names_the_judge_and_the_reopen_list_too(app_env: Path) -> None:
    at = _open()
    cards = at.dataframe[1].value
    assert list(cards.columns) == [
        "作品编号",
        "评委",
        "状态",
        "来源",
        "已打分项",
        "观看比例",
        "最近保存",
        "退回原因",
    ]
    assert list(cards["评委"][:5]) == ["马教授", "林主任", "周研究员", "何老师", "石秘书长"]
    assert len(cards) == 56
    reopen = at.selectbox[0]
    assert reopen.options[0] == "GS-2023-001 · 马教授"
