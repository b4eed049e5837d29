"""Compliance (coordinator) and Rules (admin) pages on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.frame.runtime import USER_KEY
from pages.panels.tables import table_key
from scoring.services.context import open_context
from scoring.storage import entries as entry_store
from scoring.storage import hints as hint_store
from scoring.storage.users import list_users
from tests.conftest import make_settings, measure_hints
from tests.pages.conftest import app_context, log_in, texts


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


# --- media hints -------------------------------------------------------------------------


def _measured(data_dir: Path) -> None:
    # the app's own context: the pages read what this writes
    measure_hints(app_context(data_dir), ["GS-2023-003", "GS-2023-005", "GS-2023-006"])


def test_compliance_shows_the_media_hints_of_a_demo_entry(app_env: Path) -> None:
    _measured(app_env)
    at = _open_detail("GS-2023-006", app_env)

    assert not at.exception
    table = at.dataframe[0].value.set_index("作品编号")["媒体提示"]
    assert (table["GS-2023-006"], table["GS-2023-005"], table["GS-2023-001"]) == ("1", "1", "待测")
    assert "媒体提示" in [h.value for h in at.subheader]
    assert [i.value for i in at.info] == [
        "与 GS-2023-003《计量让生活更公平》是同一部片子（整部相同）。两个文件的内容字节不同"
        "（重新编码、改了尺寸或剪短过），文件哈希查不出来。"
    ]
    captions = [c.value for c in at.main.caption]
    assert (
        r"本作品 0\:00.0–0\:08.0 ＝ GS-2023-003 的 0\:01.0–0\:09.0" in captions
    )  # Markdown-escaped
    assert (
        "响度：整体 -22.0 LUFS · 响度范围 0.3 LU · 真峰值 -16.3 dBTP"
        "（参照 EBU R128：-23 LUFS，真峰值不超过 -1 dBTP）"
    ) in captions
    assert "媒体提示：已测量 3 / 15 个视频文件。" in captions
    # the error finding stays the only error: hints are no findings
    assert [e.value[:4] for e in at.error] == ["分辨率："]


def test_a_hints_time_seeks_the_entrys_player(app_env: Path) -> None:
    _measured(app_env)
    at = _open_detail("GS-2023-005", app_env)
    assert [i.value for i in at.info] == ["黑场 1.0 秒（0:12.0–0:13.0）。"]
    seek = next(b for b in at.button if b.label == "0:12.0")
    assert seek.help == "在播放器中跳到这里"

    seek.click().run()
    seek = next(b for b in at.button if b.label == "0:12.0")
    seek.click().run()

    assert not at.exception
    assert at.session_state["cmp-player-5__seek"] == {"at": 12.0, "token": 2}


def test_a_judge_never_sees_hints(app_env: Path) -> None:
    _measured(app_env)
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    for _ in range(5):  # GS-2023-002 … GS-2023-006: the black gap and the copy among them
        shown = texts(at) + "\n".join(b.label for b in at.button)
        assert not at.exception
        assert not any(word in shown for word in ("媒体提示", "黑场", "同一部片子", "LUFS"))
        next(b for b in at.button if b.label == "下一件").click().run()
    assert at.title[0].value == "一滴水的旅程"  # GS-2023-007: it went past 005 and 006
    with pytest.raises(ValueError):
        at.switch_page("pages/coord_compliance.py")


def _hints_panel_alone(folder: str, entry_id: int) -> None:
    from pathlib import Path

    from pages.panels.hints import hints_panel
    from scoring.services.context import open_context
    from tests.conftest import make_settings

    # as in the app when its background worker runs (none is started here)
    ctx = open_context(make_settings(Path(folder), background_previews="true"))
    try:
        hints_panel(ctx, entry_id=entry_id, player_key="p")
    finally:
        ctx.db.close()


def test_while_the_video_is_measured_the_panel_shows_its_progress(demo_dir: Path) -> None:
    ctx = open_context(make_settings(demo_dir))
    try:
        entry = ctx.db.read(lambda c: entry_store.get_entry_by_code(c, 1, "GS-2023-005"))
        assert entry is not None and entry.media_sha256 is not None
        sha = entry.media_sha256
        ctx.db.write(lambda c: hint_store.set_hints_state(c, sha, status="running", progress=0.4))
        coord = next(u for u in ctx.db.read(list_users) if u.username == "coord")
    finally:
        ctx.db.close()
    at = AppTest.from_function(
        _hints_panel_alone, args=(str(demo_dir), entry.id), default_timeout=30
    )
    at.session_state[USER_KEY] = coord
    at.run()
    assert not at.exception
    assert [p.proto.text for p in at.get("progress")] == ["正在测量：40%"]
    assert [p.proto.value for p in at.get("progress")] == [40]
