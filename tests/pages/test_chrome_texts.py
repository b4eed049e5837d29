"""Streamlit's and plotly's own words in Chinese: uploaders, charts, multiselects, empty
select boxes (pages/frame/chrome.py)."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import log_in


def page(path: str, user: str = "admin") -> AppTest:
    at = log_in(user)
    at.switch_page(f"pages/{path}").run()
    return at


def styles(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_uploaders_say_choose_file_and_the_limit_in_chinese(app_env: Path) -> None:
    at = page("coord_import.py")
    css = styles(at)
    assert ".st-key-imp_table [data-testid=stFileUploaderDropzone] button" in css
    assert 'content: "选择文件"' in css
    assert ".st-key-imp_videos [data-testid=stFileUploaderDropzoneInstructions] span" in css
    assert 'content: "每个文件不超过 200 MB · CSV、XLSX"' in css  # the server's limit
    assert 'content: "每个文件不超过 200 MB"' in css


def test_charts_get_a_chinese_plotly_locale(app_env: Path) -> None:
    at = page("coord_views.py", "coord")
    chart = at.get("plotly_chart")[0].proto
    config = json.loads(chart.config)
    locale = config["locales"][config["locale"]]
    assert config["locale"] == "jd-zh"
    assert locale["dictionary"]["Zoom"] == "缩放"
    assert locale["dictionary"]["Download plot as a PNG"] == "下载为 PNG 图片"
    assert locale["format"]["shortMonths"][5] == "6月"
    assert json.loads(chart.spec)["layout"]["xaxis"]["tickformat"] == "%m-%d"  # no month names
    assert 'content: "全屏"' in styles(at)  # Streamlit's own Fullscreen button


def test_multiselects_have_no_english_select_all_line(app_env: Path) -> None:
    queue = page("judge_queue.py", "judge1")
    compliance = page("coord_compliance.py", "coord")
    boxes = [*queue.multiselect, *compliance.multiselect]
    assert [(m.proto.placeholder, m.proto.select_all) for m in boxes] == [("全部", 0)] * 3


def test_an_empty_choice_says_so_in_chinese(app_env: Path) -> None:
    at = page("admin_backup.py")
    picker = next(s for s in at.selectbox if s.label == "选择备份")
    assert picker.proto.placeholder == ("请选择" if picker.options else "没有可选项")
