"""A person in Chromium: logs in as a demo judge, sees their entries, cannot reach staff pages."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jwt
import pytest
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import log_in_as, wait_idle

pytestmark = pytest.mark.browser


def test_judge_sees_entry_list_and_no_coordinator_content(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in_as(page, server, "judge1", "我的评审作品")
    # The table draws on a canvas; its cells are also in the DOM for screen readers.
    cell = page.locator("[role=gridcell]", has_text="一碗牛肉面的标准")
    cell.wait_for(state="attached", timeout=30_000)
    assert page.get_by_text("已提交 15 / 15，草稿 0").count() == 1

    page.goto(server + "/entries")  # the coordinator's entry table
    page.get_by_text("「作品列表」不属于您的角色（评审专家）").wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("heading", name="作品列表").count() == 0
    assert page.get_by_text("酒泉钢铁（集团）有限责任公司").count() == 0  # a producer name
    context.close()


def _count_runs(page: Any) -> list[int]:
    """Script runs the app reports finishing on this page's websocket (kept in a list)."""
    finished = [0]

    def frame(payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished":
                finished[0] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return finished


def test_login_survives_reload_and_logout_ends_it(server: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    log_in_as(page, server, "coord", "作品列表")
    wait_idle(page)
    runs = _count_runs(page)
    page.reload()
    page.get_by_role("heading", name="作品列表").wait_for(timeout=30_000)
    for _ in range(300):  # until the page load's run has finished (events come in waits)
        if runs[0]:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(2000)  # a rerun the cookie component would start comes by now
    assert runs == [1]  # the cookie came with the connection: no second run to read it

    wait_idle(page)
    page.get_by_role("button", name="退出登录").click()
    # While a run replaces the page, the old form can linger for a moment: wait for one.
    expect(page.get_by_role("textbox", name="用户名")).to_have_count(1, timeout=30_000)
    page.reload()
    expect(page.get_by_role("textbox", name="用户名")).to_have_count(1, timeout=30_000)
    assert page.get_by_role("heading", name="作品列表").count() == 0
    context.close()


def _cookie(server: str, username: str, key: str) -> dict[str, object]:
    expires = time.time() + 3600
    token = jwt.encode({"username": username, "exp_date": expires}, key, algorithm="HS256")
    return {"name": "jurydesk_auth", "value": token, "url": server + "/"}


def test_forged_login_cookies_are_refused(server: str, server_data: Path, browser: Any) -> None:
    real_key = (server_data / "cookie.key").read_text().strip()
    for cookie in (
        _cookie(server, "admin", "not-the-installation-key" * 3),
        _cookie(server, "ghost", real_key),
    ):
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(server + "/users")
        expect(page.get_by_role("textbox", name="用户名")).to_have_count(1, timeout=30_000)
        assert page.get_by_role("heading", name="用户管理").count() == 0
        context.close()
