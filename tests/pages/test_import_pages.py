"""The import page (table + videos through ``st.file_uploader``) and the single-entry form,
on a private copy of the demo, driven by AppTest (streamlit 1.67 has ``file_uploader``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.media.store import sha256_of
from scoring.storage import entries as entry_store
from scoring.storage.audit import AuditFilter, list_events
from tests.pages.conftest import app_context, log_in, texts
from tests.services.entries.test_records import table, texts_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = FIXTURES / "entries"
MEDIA = FIXTURES / "media"


def import_page(user: str = "coord") -> AppTest:
    at = log_in(user)
    at.switch_page("pages/coord_import.py").run()
    return at


def upload_table(at: AppTest, name: str) -> None:
    at.file_uploader(key="imp_table").set_value((name, (TABLES / name).read_bytes(), "text/csv"))


# --- the import page ----------------------------------------------------------------------------


def test_import_page_shows_the_upload_limit_and_the_command_line(app_env: Path) -> None:
    at = import_page()
    assert at.title[0].value == "导入作品"
    assert at.info[0].value == (
        "网页上传每个视频最大 200 MB。更大的视频请在服务器上用命令行导入："
        "python -m scoring entries import 作品表.xlsx --media-dir 视频文件夹"
    )
    assert len(at.file_uploader) == 2
    assert at.file_uploader(key="imp_videos").accept_multiple_files


def test_import_page_lists_every_problem_before_any_button(app_env: Path) -> None:
    at = import_page()
    upload_table(at, "bad_rows.csv")
    at.run()
    assert (
        at.error[0].value == "发现 9 处问题，本次没有写入任何内容。请按上面的说明改正后重新导入。"
    )
    problems = at.table[-1].value  # sentences: drawn whole, lines wrapped
    assert list(problems["行"]) == [str(n) for n in range(2, 11)]
    assert list(problems["列"])[:3] == ["作品类别", "完成时间", "首席质量官案例"]
    assert [b for b in at.button if b.key == "imp_go"] == []
    ctx = app_context(app_env)
    assert len(ctx.db.read(lambda cur: entry_store.list_entries(cur, 1))) == 15


def test_import_page_previews_then_imports_table_and_videos(app_env: Path) -> None:
    at = import_page()
    upload_table(at, "good.csv")
    videos = [
        ("作品 一.mp4", (MEDIA / "land_1080.mp4").read_bytes(), "video/mp4"),
        ("竖屏 作品.mp4", (MEDIA / "rotated_90.mp4").read_bytes(), "video/mp4"),
        ("动漫 片.mov", (MEDIA / "prores.mov").read_bytes(), "video/quicktime"),
    ]
    at.file_uploader(key="imp_videos").set_value(videos)
    at.run()
    plan = at.dataframe[0].value
    assert list(plan["作品编号"]) == ["GS-T-001", "GS-T-002", "GS-T-003"]
    assert set(plan["处理"]) == {"新增"}
    assert list(plan["视频文件"]) == ["作品 一.mp4", "竖屏 作品.mp4", "动漫 片.mov"]
    ctx = app_context(app_env)
    assert len(ctx.db.read(lambda cur: entry_store.list_entries(cur, 1))) == 15  # not yet
    at.button(key="imp_go").click().run()
    assert at.success[0].value == "已导入“good.csv”。"
    assert "新增 3 件，更新 0 件，存入视频 3 个。" in texts(at)
    added = ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, "GS-T-002"))
    assert added is not None
    assert added.media_sha256 == sha256_of(MEDIA / "rotated_90.mp4")
    media = ctx.db.read(lambda cur: entry_store.get_media_file(cur, added.media_sha256 or ""))
    assert media is not None
    assert (media.original_name, media.preview_status) == ("竖屏 作品.mp4", "pending")


def test_import_page_refuses_a_scored_change_until_it_is_allowed(app_env: Path) -> None:
    ctx = app_context(app_env)
    data = table(texts_of(ctx, "GS-2023-002", category="微动漫"))
    at = import_page()
    at.file_uploader(key="imp_table").set_value(("changed.csv", data, "text/csv"))
    at.run()
    problems = at.table[-1].value
    assert list(problems["列"]) == ["作品类别"]
    assert problems["问题与改法"].iloc[0].startswith("作品 GS-2023-002 已有 4 份评分表")
    assert [b for b in at.button if b.key == "imp_go"] == []

    at.checkbox(key="imp_allow").check().run()
    assert at.warning[0].value == (
        "注意：以下作品已有评分表，其类别或视频将被改动，写入时记入审计日志：GS-2023-002"
    )
    at.button(key="imp_go").click().run()
    assert at.success[0].value == "已导入“changed.csv”。"
    events = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action="entry.scored_change")))
    assert [e.target for e in events] == ["GS-2023-002"]


def test_judge_cannot_reach_the_import_or_form_page(app_env: Path) -> None:
    at = log_in("judge1")
    for page in ("pages/coord_import.py", "pages/coord_entry_form.py"):
        with pytest.raises(ValueError):
            at.switch_page(page)


# --- the single-entry form ------------------------------------------------------------------


def form_page() -> AppTest:
    at = log_in("coord")
    at.switch_page("pages/coord_entry_form.py").run()
    return at


def save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "保存").click().run()


def test_form_adds_a_new_entry(app_env: Path) -> None:
    at = form_page()
    assert at.title[0].value == "登记或修改作品"
    for field, value in {
        "code": "GS-2023-016",
        "title": "手工登记的作品",
        "producer": "兰州测试制作有限公司",
        "completed_date": "2023年4月18日",
        "phone": "13893100001",
    }.items():
        at.text_input(key=f"ef__{field}").set_value(value)
    at.selectbox(key="ef__category").set_value("微动漫")
    save(at)
    assert at.success[0].value == "已新增作品 GS-2023-016。"
    ctx = app_context(app_env)
    entry = ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, "GS-2023-016"))
    assert entry is not None
    assert (entry.title, entry.category.value, entry.completed_date.isoformat()) == (  # type: ignore[union-attr]
        "手工登记的作品",
        "micro_animation",
        "2023-04-18",
    )


def test_form_edits_an_entry_and_audits_the_change(app_env: Path) -> None:
    at = form_page()
    at.selectbox(key="ef_pick").set_value("GS-2023-001").run()
    title = at.text_input(key="ef_GS-2023-001_title")
    assert title.value == "一碗牛肉面的标准"
    assert at.text_input(key="ef_GS-2023-001_code").disabled
    title.set_value("一碗牛肉面的新标准")
    save(at)
    assert at.success[0].value == "已保存作品 GS-2023-001 的修改。"
    ctx = app_context(app_env)
    events = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action="entry.update")))
    assert [(e.target, e.details["changes"]) for e in events] == [
        ("GS-2023-001", {"title": {"old": "一碗牛肉面的标准", "new": "一碗牛肉面的新标准"}})
    ]


def test_form_shows_problems_and_saves_nothing(app_env: Path) -> None:
    at = form_page()
    at.text_input(key="ef__code").set_value("GS-2023-001")
    at.text_input(key="ef__title").set_value("重复编号")
    at.text_input(key="ef__producer").set_value("某单位")
    at.text_input(key="ef__completed_date").set_value("2023-13-45")
    save(at)
    assert at.error[0].value == "有 2 处需要改正，尚未保存："
    problems = at.table[0].value
    assert list(problems["列"]) == ["完成时间", "作品编号"]
    assert list(problems["值"]) == ["2023-13-45", "GS-2023-001"]
    ctx = app_context(app_env)
    entry = ctx.db.read(lambda cur: entry_store.get_entry_by_code(cur, 1, "GS-2023-001"))
    assert entry is not None and entry.title == "一碗牛肉面的标准"
