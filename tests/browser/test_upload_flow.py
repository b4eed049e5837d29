"""A coordinator uploads in Chromium: the upload gate lets a signed-in staff session through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_as, wait_idle

pytestmark = pytest.mark.browser
TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "entries" / "good.csv"


def test_a_coordinators_table_upload_reaches_the_import_check(server: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in_as(page, server, "coord", "作品列表")
    page.goto(server + "/import")
    page.get_by_role("heading", name="导入作品").wait_for(timeout=30_000)
    wait_idle(page)
    page.locator("input[type=file]").first.set_input_files(str(TABLE))
    # The table arrived: the check lists the new entries it would create (the grid draws on a
    # canvas; its cells are also in the DOM for screen readers).
    cell = page.locator("[role=gridcell]", has_text="GS-T-001").first
    expect(cell).to_be_attached(timeout=60_000)
