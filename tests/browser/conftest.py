"""Chromium driven by Playwright against the real server (`streamlit run app.py`).

Without Chromium the tests skip with a reason; under CI=true a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; browser tests must run under CI=true")
        pytest.skip(reason)
    return path


@pytest.fixture
def browser() -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def wait_idle(page: object, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished the current run (a click during a run can be lost)."""
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        '() => !document.querySelector(\'[data-testid="stStatusWidgetRunningIcon"],'
        ' [data-testid="stStatusWidgetRunningManIcon"]\')',
        timeout=timeout_ms,
    )


def log_in_as(page: object, server: str, username: str, heading: str) -> None:
    """Open the app, log in, and wait for the role's first page and the login cookie."""
    page.goto(server + "/")  # type: ignore[attr-defined]
    box = page.get_by_role("textbox", name="用户名")  # type: ignore[attr-defined]
    box.wait_for(timeout=60_000)
    wait_idle(page)
    box.fill(username)
    page.get_by_role("textbox", name="密码").fill("jurydesk-demo")  # type: ignore[attr-defined]
    page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "document.cookie.includes('jurydesk_auth')", timeout=60_000
    )
    wait_idle(page)


def open_compliance(page: object, server: str) -> None:
    """Log in as the coordinator and open the Compliance page, idle."""
    log_in_as(page, server, "coord", "作品列表")
    page.goto(server + "/compliance")  # type: ignore[attr-defined]
    heading = page.get_by_role("heading", name="合规检查")  # type: ignore[attr-defined]
    heading.wait_for(timeout=30_000)
    wait_idle(page)
