"""Addresses typed into Chromium: a page of the role opens (before login: after it), any
other address opens the role's first page with a note, an address deeper than a page opens
its first part, and Streamlit's English "Page not found" dialog never appears."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser


def _open(page: Any, server: str, path: str, heading: str) -> None:
    page.goto(server + path)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0, path


def test_addresses_lead_to_the_page_or_the_first_page_with_a_note(
    server: str, browser: Any
) -> None:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    _open(page, server, "/nonsense", "微视频作品评审台")  # logged out: the login form
    _open(page, server, "/ranking", "微视频作品评审台")
    page.get_by_role("textbox", name="用户名").fill("coord")
    page.get_by_role("textbox", name="密码").fill("jurydesk-demo")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="排名与推荐名单").wait_for(timeout=60_000)
    page.wait_for_function("document.cookie.includes('jurydesk_auth')", timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0

    _open(page, server, "/entries", "作品列表")  # the role's first page, by its own address
    assert page.get_by_test_id("stToast").count() == 0
    _open(page, server, "/queue", "作品列表")  # a judge's page
    note = "「我的评审作品」不属于您的角色（工作人员），已为您打开「作品列表」。"
    assert page.get_by_test_id("stToast").inner_text().endswith(note)
    _open(page, server, "/no-such-page", "作品列表")
    note = "您打开的地址没有对应的页面，已为您打开「作品列表」。"
    assert page.get_by_test_id("stToast").inner_text().endswith(note)
    _open(page, server, "/ranking/2023/x", "排名与推荐名单")  # deeper than a page: its first part
    assert page.url == server + "/ranking"
    assert "English" not in page.locator('[data-testid="stMain"]').inner_text()
