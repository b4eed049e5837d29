"""Compliance (coordinator) and Rules (admin) pages on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.panels.tables import table_key
from scoring.storage import entries as entry_store
from tests.pages.conftest import app_context, log_in


def test_compliance_page_lists_every_entry_and_filters_errors(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_compliance.py").run()
    assert at.title[0].value == "合规检查"
    table = at.dataframe[0].value
    assert len(table) == 15
    captions = [c.value for c in at.main.caption]
    assert "显示 15 / 15 件作品；其中 3 件有错误，不能进入推荐名单。" in captions
    at.toggle[0].set_value(True).run()
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-006", "GS-2023-010", "GS-2023-013"]


def test_compliance_filter_by_recommender(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_compliance.py").run()
    at.selectbox(key="cmp_rec").set_value("兰州市市场监督管理局").run()
    table = at.dataframe[0].value
    assert list(table["作品编号"]) == ["GS-2023-001", "GS-2023-002", "GS-2023-003"]
    assert set(table["结论"]) == {"警告"}


def test_coordinator_cannot_reach_the_rules_page(app_env: Path) -> None:
    at = log_in("coord")
    with pytest.raises(ValueError):
        at.switch_page("pages/admin_rules.py")


def test_compliance_selection_survives_a_filter_that_hides_its_row(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_compliance.py").run()
    codes = list(at.dataframe[0].value["作品编号"])
    ids = [_entry_id(app_env, code) for code in codes]
    at.session_state[table_key("cmp_table", ids)] = {
        "selection": {"rows": [codes.index("GS-2023-015")], "columns": []}
    }
    at.run()
    assert at.subheader[0].value.startswith("GS-2023-015 ")

    at.toggle(key="cmp_errors").set_value(True).run()

    assert not at.exception
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-006", "GS-2023-010", "GS-2023-013"]
    assert not at.subheader
    assert "点击某一行查看该作品的视频、技术参数和全部检查结果。" in [
        c.value for c in at.main.caption
    ]


def _open_detail(code: str, data_dir: Path) -> AppTest:
    at = log_in("coord")
    at.switch_page("pages/coord_compliance.py").run()
    codes = list(at.dataframe[0].value["作品编号"])
    ids = [_entry_id(data_dir, c) for c in codes]
    at.session_state[table_key("cmp_table", ids)] = {
        "selection": {"rows": [codes.index(code)], "columns": []}
    }
    return at.run()


def test_compliance_detail_puts_the_error_first_and_folds_the_passes(app_env: Path) -> None:
    # Reported: the one error sat among 18 passes, not highlighted, with emoji icons that
    # show as empty boxes where no emoji font is installed.
    at = _open_detail("GS-2023-006", app_env)
    assert [(e.value, e.proto.icon) for e in at.error] == [
        (
            "分辨率：分辨率 1280×720 低于 1080p（短边 1080 像素以上）。请用原始素材按 1920×1080,"
            " 3840×2160, 1080×1920, 2160×3840 之一重新导出，不要把低分辨率视频放大。",
            ":material/error:",
        )
    ]
    passed = at.expander[0]
    assert (passed.label, passed.proto.expanded, passed.proto.icon) == (
        "通过的检查（18 项）",
        False,
        ":material/check_circle:",
    )
    assert passed.markdown[0].value == ":green[:material/check_circle:] 视频文件：已导入视频文件。"
    assert len(passed.markdown) == 18


def test_compliance_detail_lists_warnings_before_the_passes(app_env: Path) -> None:
    at = _open_detail("GS-2023-001", app_env)
    assert not at.error
    assert [w.proto.icon for w in at.warning] == [":material/warning:"] * len(at.warning)
    assert len(at.warning) >= 1
    assert at.expander[0].label.startswith("通过的检查（")


def test_compliance_shows_no_emoji(app_env: Path) -> None:
    at = _open_detail("GS-2023-006", app_env)
    shown = [str(v) for v in at.dataframe[0].value["结论"]]
    shown += [e.value for e in (*at.error, *at.warning, *at.markdown)]
    assert [s for s in shown if any(c in s for c in "✅⚠⛔")] == []


def _entry_id(data_dir: Path, code: str) -> int:
    ctx = app_context(data_dir)
    found = ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, code))
    assert found is not None and found.id is not None
    return found.id
