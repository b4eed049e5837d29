"""Admin operations pages on the demo: campaigns, backups, and the audit log with CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from scoring.records.audit import NewAuditEvent
from scoring.services.backup.backups import backup_root, list_backups
from scoring.services.backup.nightly import run_nightly_backup
from scoring.services.campaigns import admin
from scoring.services.campaigns.active import active_campaign
from scoring.services.campaigns.admin import CampaignSettings
from scoring.storage.audit import AuditFilter, append_event, list_events
from tests.conftest import SHELL, T0
from tests.pages.conftest import app_context, log_in, texts


def page(path: str, user: str = "admin") -> AppTest:
    at = log_in(user)
    at.switch_page(f"pages/{path}").run()
    return at


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def test_admin_creates_a_campaign_and_makes_it_active(app_env: Path) -> None:
    at = page("admin_campaigns.py")
    assert at.title[0].value == "征集活动"
    at.text_input(key="new_name").input("2024年质量强国建设微视频作品征集")
    at.checkbox(key="new_active").check()
    button(at, "创建").click().run()
    assert at.success[0].value == "已创建活动“2024年质量强国建设微视频作品征集”。"
    current = active_campaign(app_context(app_env))
    assert current is not None and (current.id, current.name) == (
        2,
        "2024年质量强国建设微视频作品征集",
    )
    table = at.dataframe[0].value
    assert list(table["活动名称"]) == [
        "2024年质量强国建设微视频作品征集",
        "2023年质量强国建设微视频作品征集（演示）",
    ]
    assert list(table["当前活动"]) == ["是", ""]


def test_admin_switches_the_active_campaign_and_archives_one(app_env: Path) -> None:
    at = page("admin_campaigns.py")
    # The app runs first: app_context() before any run leaves a second, bare-mode context
    # whose connection can abort the interpreter at exit.
    ctx = app_context(app_env)
    admin.start_campaign(ctx, actor=SHELL, settings=CampaignSettings(name="2024年征集"))
    at.run()
    at.selectbox(key="pick").set_value(2).run()
    button(at, "设为当前活动").click().run()
    assert at.success[0].value == "当前活动已切换为“2024年征集”，各页面现在处理该活动。"
    current = active_campaign(ctx)
    assert current is not None and current.id == 2
    button(at, "归档（改为只读）").click().run()
    assert at.success[0].value.startswith("活动“2024年征集”已归档")
    assert "为只读状态" in texts(at)
    assert button(at, "保存设置").disabled is True
    assert list(at.dataframe[0].value["状态"]) == ["已归档（只读）", "进行中（可修改）"]


def test_admin_edits_a_setting_and_the_log_keeps_old_and_new(app_env: Path) -> None:
    at = page("admin_campaigns.py")
    next(n for n in at.number_input if n.label == "推荐名额 N").set_value(6)
    button(at, "保存设置").click().run()
    assert at.success[0].value.endswith("的设置已保存，改动已记入操作日志。")
    ctx = app_context(app_env)
    current = active_campaign(ctx)
    assert current is not None and current.shortlist_size == 6
    (event,) = ctx.db.read(lambda c: list_events(c, AuditFilter(action="campaign.settings")))
    assert event.details == {"old": {"shortlist_size": 5}, "new": {"shortlist_size": 6}}


def test_settings_form_shows_why_it_refuses(app_env: Path) -> None:
    at = page("admin_campaigns.py")
    fields = {d.label: d for d in at.datetime_input}
    fields["推荐单位报送截止时间"].set_value(datetime(2024, 6, 1, 18, 0))
    fields["评审截止时间"].set_value(datetime(2024, 5, 31, 9, 0))
    button(at, "保存设置").click().run()
    # Streamlit escapes ":" in alert text (so that "09:00" is no emoji short code).
    assert at.error[0].value.replace("\\:", ":") == (
        "评审截止时间 2024-05-31 09:00 早于推荐单位报送截止时间 2024-06-01 18:00。"
        "请把评审截止时间设在报送截止之后。"
    )


@pytest.mark.parametrize("username", ["coord", "judge1"])
def test_other_roles_have_no_admin_operations_pages(app_env: Path, username: str) -> None:
    at = log_in(username)
    for file in ("admin_campaigns.py", "admin_backup.py"):
        with pytest.raises(ValueError):
            at.switch_page(f"pages/{file}")


def test_admin_makes_a_backup_from_the_page_and_sees_the_restore_command(app_env: Path) -> None:
    at = page("admin_backup.py")
    assert "备份文件夹中还没有完整的备份。" in texts(at)
    button(at, "立即备份").click().run()
    root = backup_root(app_context(app_env).settings)
    (made,) = list_backups(actor=SHELL, root=root)
    assert at.success[0].value == f"已完成备份 {made.path.name}：41 个文件，共 {made.size_mb} MB。"
    assert list(at.dataframe[0].value["备份"]) == [made.path.name]
    assert at.code[0].value == (
        f"python -m scoring restore {made.path} --data-dir {app_env.resolve()}"
    )
    button(at, "校验此备份").click().run()
    assert at.success[0].value == f"备份 {made.path.name} 完好：41 个文件与清单一致，可用于恢复。"


def add_events(app_env: Path) -> None:
    ctx = app_context(app_env)
    lines = [
        ("judge1", "score.save", "GS-2023-001", {"marks": 3}),
        ("judge2", "score.submit", "GS-2023-001", {}),
        ("judge1", "score.save", "GS-2023-002", {}),
        ("coord", "views.import", "=cmd|' /C calc'!A0", {}),
    ]
    for actor, action, target, details in lines:
        event = NewAuditEvent(
            logged_at=T0, actor=actor, campaign_id=1, action=action, target=target, details=details
        )
        ctx.db.write(lambda cur, e=event: append_event(cur, e))


def test_audit_page_filters_by_entry_code(app_env: Path) -> None:
    at = page("admin_audit.py")
    add_events(app_env)
    at.run()
    at.text_input[1].input("GS-2023-001").run()
    table = at.dataframe[0].value
    assert sorted(zip(table["操作人"], table["操作"], table["对象"], strict=True)) == [
        ("judge1", "保存评分草稿", "GS-2023-001"),
        ("judge2", "提交评分", "GS-2023-001"),
    ]
    assert at.caption[0].value == "共 2 条记录（最多显示 2000 条）"


def test_audit_csv_download_holds_the_lines_shown_with_formulas_neutralised(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Callable[[], Any]] = []
    real = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        made.append(data)
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = page("admin_audit.py")
    add_events(app_env)
    at.run()
    at.selectbox[0].set_value("views.import").run()
    assert at.download_button[0].label == "导出 CSV（当前筛选结果）"
    content = made[-1]()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content[3:].decode("utf-8"))))
    assert rows == [
        ["时间", "操作人", "操作", "对象", "记录"],
        [
            "2026-03-01 17:00",
            "coord",
            "导入播放数据",
            "'=cmd|' /C calc'!A0",
            "coord 导入了播放数据文件 =cmd|' /C calc'!A0：读取 — 行，导入 — 行，重复 — 行，"
            "替换 — 行，拒绝 — 行。",
        ],
    ]


def test_nightly_backups_are_listed_and_can_be_checked(app_env: Path) -> None:
    ctx = app_context(app_env)
    made = run_nightly_backup(replace(ctx, settings=replace(ctx.settings, nightly_backup_hour=0)))
    assert made is not None
    at = page("admin_backup.py")
    assert "每日自动备份已关闭（服务器设置 JURYDESK_NIGHTLY_BACKUP_HOUR 为 -1" in texts(at)
    name = f"nightly/{made.path.name}"
    assert list(at.dataframe[0].value["备份"]) == [name]
    assert at.selectbox[0].value == name
    button(at, "校验此备份").click().run()
    assert at.success[0].value == f"备份 {name} 完好：41 个文件与清单一致，可用于恢复。"
    assert (
        at.code[0].value == f"python -m scoring restore {made.path} --data-dir {app_env.resolve()}"
    )
