"""Chromium driven by Playwright against the real server (`streamlit run app.py`).

Without Chromium the tests skip with a reason; under CI=true a missing browser fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM_ARGS as BASE_ARGS
from tests.browser.chromium import MARKS, MARKS_TOTAL, MISSING, chromium_path

CHROMIUM_ARGS = [*BASE_ARGS, "--autoplay-policy=no-user-gesture-required"]


def _chromium() -> str:
    path = chromium_path()
    if path is None:
        reason = MISSING
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


WIDE = {"width": 1440, "height": 900}
TALL = {"width": 1400, "height": 1000}
# The page's <video>, in the document or inside a component's shadow root.
FIND_VIDEO = (
    "() => document.querySelector('video') || [...document.querySelectorAll('*')]"
    ".map(e => e.shadowRoot).filter(Boolean).map(r => r.querySelector('video')).find(Boolean)"
)


def log_in_as(page: object, server: str, username: str, heading: str, *, at: str = "/") -> None:
    """Open the app at ``at``, log in, and wait for ``heading`` (the role's first page, or
    the page at ``at``) and the login cookie."""
    page.goto(server + at)  # type: ignore[attr-defined]
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


def open_page(page: object, server: str, path: str, heading: str) -> None:
    """In a logged-in tab, go to ``path`` (the login cookie brings the session back) and
    wait, idle, for the page's ``heading``."""
    page.goto(server + path)  # type: ignore[attr-defined]
    page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_idle(page)


def signed_in_tab(
    browser: Any,
    server: str,
    username: str,
    heading: str,
    *,
    path: str = "",
    opens: str = "",
    viewport: dict[str, int] = WIDE,
    **options: Any,
) -> Any:
    """A new tab (its own context: ``viewport`` and Playwright's ``options``) logged in as
    ``username``, who lands on the page headed ``heading``; with ``path``, then on that page
    headed ``opens``. Idle when returned."""
    page = browser.new_context(viewport=viewport, **options).new_page()
    log_in_as(page, server, username, heading)
    if path:
        open_page(page, server, path, opens)
    return page


def open_compliance(page: object, server: str) -> None:
    """Log in as the coordinator and open the Compliance page, idle."""
    log_in_as(page, server, "coord", "作品列表")
    open_page(page, server, "/compliance", "合规检查")


def play_to_end(page: Any) -> None:
    """Play the page's video, muted, at normal speed, and wait until it has ended (the
    server credits no more than the time since the entry or clip was opened)."""
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        f"() => {{ const v = ({FIND_VIDEO})(); return v && v.ended; }}", timeout=60_000
    )


def fill_marks(page: Any, marks: Sequence[str] = MARKS, total: str = MARKS_TOTAL) -> None:
    """Type each criterion's mark (the demo rubric's six by default), a box at a time as a
    person tabs through them, and wait for the weighted ``total`` the form shows."""
    from playwright.sync_api import expect

    boxes = page.get_by_role("spinbutton")
    expect(boxes).to_have_count(len(marks), timeout=30_000)
    for index, value in enumerate(marks):
        boxes.nth(index).fill(value)
        boxes.nth(index).press("Tab")
        page.wait_for_timeout(400)
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(total, timeout=30_000)


def ask_to_submit(page: Any, question: str) -> Any:
    """Press 提交评分 and wait for the confirmation dialog asking ``question``; the dialog."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="提交评分").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(question)).to_be_visible(timeout=30_000)
    return dialog


def open_row(page: Any, index: int, title: str) -> None:
    """Select row ``index`` of the first table and wait for that entry's heading; a click
    while the grid is still drawing can be lost on a busy machine, so it is tried again
    (never once the entry is open: a second click would unselect it)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    grid = page.locator("[data-testid='stDataFrame']").first
    heading = page.get_by_role("heading", name=title)
    for _ in range(3):
        wait_idle(page)
        if heading.is_visible():
            return
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 15, box["y"] + 55 + 35 * index)
        try:
            heading.wait_for(timeout=30_000)
            return
        except PlaywrightTimeout:
            continue
    heading.wait_for(timeout=30_000)
