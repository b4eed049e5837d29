"""Compliance (coordinator) and Rules (admin) pages on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.conftest import log_in


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
    assert set(table["结论"]) == {"⚠️ 警告"}


def test_rules_page_shows_every_setting_with_its_meaning(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_rules.py").run()
    assert at.title[0].value == "合规规则"
    table = at.dataframe[0].value
    assert len(table) == 74
    duration = table[(table["设置项"] == "ok_max") & (table["规则"] == "片长")]
    assert list(duration["值"]) == ["20.0", "60.0"]
    assert "已修改 0 项（尚未保存）。" in [c.value for c in at.main.caption]


def test_coordinator_cannot_reach_the_rules_page(app_env: Path) -> None:
    at = log_in("coord")
    with pytest.raises(ValueError):
        at.switch_page("pages/admin_rules.py")
