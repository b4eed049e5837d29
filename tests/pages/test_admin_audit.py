"""The Audit log page: each line a sentence in the chosen language; actions named in words."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import log_in


def audit_page() -> AppTest:
    at = log_in("admin")
    at.switch_page("pages/admin_audit.py").run()
    return at


def test_lines_read_as_sentences_with_actions_in_words(app_env: Path) -> None:
    at = audit_page()
    table = at.dataframe[0].value
    assert list(table.columns) == ["时间", "操作人", "操作", "对象", "记录"]
    newest = table.iloc[0]
    assert (newest["操作"], newest["记录"]) == ("登录", "admin 登录。")
    seed = table[table["操作"] == "建立演示数据"].iloc[0]
    assert seed["记录"] == "系统建立了演示数据：15 件作品，9 个用户。"
    cells = [str(v) for row in table.itertuples(index=False) for v in row]
    assert [c for c in cells if "{" in c or '":' in c] == []


def test_action_filter_lists_names_in_words_and_filters(app_env: Path) -> None:
    at = audit_page()
    box = at.selectbox[0]
    assert box.options[0] == "全部"
    assert {"登录", "建立演示数据", "创建征集活动"} <= set(box.options)
    assert not [o for o in box.options if "." in o or "_" in o]
    box.set_value("demo.seed").run()
    assert list(at.dataframe[0].value["操作"]) == ["建立演示数据"]


def test_english_lines_and_filter(app_env: Path) -> None:
    at = audit_page()
    at.session_state["language"] = "en"
    at.run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["Time", "User", "Action", "Target", "What happened"]
    assert (table.iloc[0]["Action"], table.iloc[0]["What happened"]) == (
        "Login",
        "admin logged in.",
    )
    assert "Demo data seeded" in at.selectbox[0].options
