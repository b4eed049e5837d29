"""The admin in Chromium: every admin page listed, no English dialog or button text, and a
link opened before logging in leads to that page afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WIDE, log_in_as, open_page, signed_in_tab, wait_idle

pytestmark = pytest.mark.browser
ADMIN_PAGES = ["评审分配", "评分标准", "合规规则", "征集活动", "备份", "用户管理", "审计日志"]


def test_admin_link_before_login_sidebar_and_uploader_words(server: str, browser: Any) -> None:
    page = browser.new_context(viewport=WIDE).new_page()
    log_in_as(page, server, "admin", "合规规则", at="/rules")  # logged in where the link led
    nav = page.get_by_test_id("stSidebarNav")
    for name in ADMIN_PAGES:
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    assert page.get_by_test_id("stSidebarNavViewButton").count() == 0  # "View 6 more"
    assert page.get_by_text("Page not found").count() == 0

    open_page(page, server, "/import", "导入作品")
    words = page.locator("[data-testid=stFileUploaderDropzone] button p").first.evaluate(
        "p => [getComputedStyle(p).fontSize, getComputedStyle(p, '::after').content]"
    )
    assert words == ["0px", '"选择文件"']


def test_another_roles_url_opens_the_first_page_with_a_note_and_no_english_dialog(
    server: str, browser: Any
) -> None:
    page = signed_in_tab(browser, server, "judge1", "我的评审作品")

    page.goto(server + "/users")

    note = "「用户管理」不属于您的角色（评审专家），已为您打开「我的评审作品」。"
    page.get_by_text(note).wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("heading", name="我的评审作品").count() == 1
    assert page.get_by_role("heading", name="用户管理").count() == 0


def test_first_visit_after_a_start_runs_no_page_file_without_login(
    server: str, browser: Any
) -> None:
    """pages/ beside app.py must not be read as an old-style page folder, even once."""
    page = browser.new_context(viewport=WIDE).new_page()

    page.goto(server + "/admin_users")  # the old-style URL of pages/admin_users.py

    page.get_by_role("textbox", name="用户名").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert page.get_by_text("admin users").count() == 0
    assert page.get_by_role("heading", name="用户管理").count() == 0
