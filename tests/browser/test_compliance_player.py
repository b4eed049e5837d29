"""A coordinator in Chromium opens an entry on the Compliance page and its video plays."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_compliance

pytestmark = pytest.mark.browser


def test_coordinator_plays_an_entry(server: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    open_compliance(page, server)
    # Select the first row of the table (the canvas grid: click its first row's checkbox cell).
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 55)
    page.get_by_role("heading", name="GS-2023-001 一碗牛肉面的标准").wait_for(timeout=30_000)
    video = page.locator("video")
    expect(video).to_have_count(1, timeout=30_000)
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        "() => [...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)"
        ".map(r => r.querySelector('video')).concat([document.querySelector('video')])"
        ".some(v => v && v.currentTime > 1)",
        timeout=30_000,
    )
    assert video.evaluate("v => v.currentTime") > 1
