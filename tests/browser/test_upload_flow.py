"""A coordinator uploads in Chromium: the upload gate lets a signed-in staff session through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TALL, signed_in_tab

pytestmark = pytest.mark.browser
TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "entries" / "good.csv"


def test_a_coordinators_table_upload_reaches_the_import_check(server: str, browser: Any) -> None:
    page = signed_in_tab(
        browser, server, "coord", "作品列表", path="/import", opens="导入作品", viewport=TALL
    )
    page.locator("input[type=file]").first.set_input_files(str(TABLE))
    # The table arrived: the check lists the new entries it would create (the grid draws on a
    # canvas; its cells are also in the DOM for screen readers).
    cell = page.locator("[role=gridcell]", has_text="GS-T-001").first
    expect(cell).to_be_attached(timeout=60_000)
