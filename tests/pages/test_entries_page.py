"""The Entries page under AppTest: the table, the search and one entry in full."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pages.panels.tables import table_key
from scoring.storage import entries as entry_store
from tests.pages.conftest import app_context, log_in


def _ids(data_dir: Path, codes: list[str]) -> list[int]:
    ctx = app_context(data_dir)
    found = [ctx.db.read(lambda c, x=x: entry_store.get_entry_by_code(c, 1, x)) for x in codes]
    return [e.id or 0 for e in found if e is not None]


def _pick(at: AppTest, data_dir: Path, code: str) -> AppTest:
    codes = list(at.dataframe[0].value["作品编号"])
    at.session_state[table_key("ent_table", _ids(data_dir, codes))] = {
        "selection": {"rows": [codes.index(code)], "columns": []}
    }
    return at.run()


def _facts(at: AppTest, first: str) -> dict[str, str]:
    """The label-value lines of the fact list that starts with ``first``."""
    block = next(m.value for m in at.markdown if m.value.startswith(first))
    pairs = (line.split("**：", 1) for line in block.split("  \n"))
    return {label.strip("*"): value for label, value in pairs}


def test_entry_table_fits_one_row_per_entry_in_seven_columns(app_env: Path) -> None:
    at = log_in("coord")
    table = at.dataframe[0].value
    assert len(table) == 15
    row = table[table["作品编号"] == "GS-2023-008"].iloc[0].to_dict()
    assert row == {
        "作品编号": "GS-2023-008",
        "作品名称": "首席质量官的一天",
        "作品类别": "微视频",
        "创作单位": "酒泉钢铁（集团）有限责任公司",
        "推荐单位": "酒泉市市场监督管理局",
        "首席质量官": "是",
        "评分": "3 / 5",
    }
    assert "共 15 件作品" in [c.value for c in at.main.caption]


def test_search_finds_entries_by_unit_code_and_title(app_env: Path) -> None:
    at = log_in("coord")
    at.text_input(key="ent_search").input("天水").run()
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-004", "GS-2023-005"]
    assert "找到 2 件（共 15 件）" in [c.value for c in at.main.caption]
    at.text_input(key="ent_search").input("ｇｓ-2023-00２").run()  # full-width, lower case
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-002"]
    at.text_input(key="ent_search").input("兰州 计量").run()  # every word must match
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-003"]


def test_search_without_a_match_says_so(app_env: Path) -> None:
    at = log_in("coord")
    at.text_input(key="ent_search").input("不存在的单位").run()
    assert not at.dataframe
    assert at.info[0].value == "没有作品符合“不存在的单位”。"


def test_picking_an_entry_shows_its_fields_findings_and_media(app_env: Path) -> None:
    at = _pick(log_in("coord"), app_env, "GS-2023-006")
    assert not at.exception
    assert at.subheader[0].value == "GS-2023-006 渠水长流"
    assert at.error[0].value.startswith("分辨率：分辨率 1280×720 低于 1080p")
    fields = _facts(at, "**作品编号**")
    assert fields["作品类别"] == "微视频"
    assert fields["推荐单位"] == "甘肃省水利工程行业协会"
    assert fields["首席质量官案例"] == "否"
    assert len(fields) == 24  # the platform links come as buttons, never as Markdown links
    assert [(b.proto.label, b.proto.url) for b in at.get("link_button")] == [
        ("抖音", "https://www.douyin.com/video/7300000006"),
        ("市场监管总局官网", "https://www.samr.gov.cn/zljds/wsp/6.html"),
    ]
    assert _facts(at, "**原始文件名**")["分辨率"] == "1280×720"


def test_the_detail_follows_the_search(app_env: Path) -> None:
    at = _pick(log_in("coord"), app_env, "GS-2023-006")
    at.text_input(key="ent_search").input("天水").run()
    assert not at.subheader  # the rows changed: nothing is picked any more
    assert "点击某一行，查看该作品的视频、登记信息和合规检查结果。" in [
        c.value for c in at.main.caption
    ]
