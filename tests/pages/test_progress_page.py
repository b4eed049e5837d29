"""The Progress page under AppTest: charts that keep their labels, names for judges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from pages.panels import progress as progress_panel
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


def test_a_large_round_pages_the_cards_and_counts_entries_by_cards_submitted(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo drawn as a national round is: more scorecards than a page, more entries
    # than bars.
    monkeypatch.setattr(progress_panel, "CARD_PAGE", 10)
    monkeypatch.setattr(progress_panel, "ENTRY_BARS", 5)
    monkeypatch.setattr(progress_panel, "CODES_NAMED", 1)
    at = _open()
    data = _figure(at, "pg_entries")["data"]
    assert [(trace["name"], trace["x"], trace["y"]) for trace in data] == [
        ("少于 3 份，暂不能排名", [0, 1, 2], [0, 0, 2]),
        ("已有 3 份及以上", [3, 4, 5], [6, 5, 2]),
    ]
    assert "GS-2023-014 等 2 件" in at.warning[0].value
    assert len(at.dataframe[1].value) == 10
    assert any("共 56 张评分表，下表列出前 10 张" in c.value for c in at.caption)
    at.selectbox(key="pg_judge_zh").select_index(5).run()  # 石秘书长 (judge5)
    cards = at.dataframe[1].value
    assert list(cards["评委"]) == ["石秘书长"] * 5
    at.text_input(key="pg_code").input("002").run()
    assert list(at.dataframe[1].value["作品编号"]) == ["GS-2023-002"]
    assert at.selectbox[1].options == ["GS-2023-002 · 石秘书长"]  # reopen: the table's
