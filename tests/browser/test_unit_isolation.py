"""Two recommending units in Chromium, side by side: each sees only its own works, and
typing the address of another role's page (or the office's) leads back to the unit's own
first page, with nothing of anyone's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in_as, wait_idle

pytestmark = pytest.mark.browser

OFFICE_PAGES = ("entries", "compliance", "units", "ranking", "import", "entry", "users", "queue")


def cells(page: Any, text: str) -> int:
    """Cells of the page's tables holding ``text`` (the grid keeps them in the DOM)."""
    return int(page.locator("[role=gridcell]", has_text=text).count())


def test_each_unit_sees_only_its_own_works_and_guessing_addresses_gets_nothing(
    server: str, browser: Any
) -> None:
    contexts = [browser.new_context(viewport={"width": 1440, "height": 900}) for _ in range(2)]
    dingxi, tianshui = (c.new_page() for c in contexts)
    try:
        log_in_as(dingxi, server, "unit1", "本单位作品")
        log_in_as(tianshui, server, "unit2", "本单位作品")
        dingxi.locator("[role=gridcell]", has_text="TJ-001").wait_for(state="attached")
        tianshui.locator("[role=gridcell]", has_text="TJ-003").wait_for(state="attached")

        assert [cells(dingxi, c) for c in ("TJ-001", "TJ-002", "TJ-003", "GS-2023-004")] == [
            1,
            1,
            0,
            0,
        ]
        assert [cells(tianshui, c) for c in ("TJ-001", "TJ-002", "TJ-003", "GS-2023-004")] == [
            0,
            0,
            1,
            1,
        ]
        assert tianshui.get_by_text("定西").count() == 0

        for path in OFFICE_PAGES:
            dingxi.goto(f"{server}/{path}")
            dingxi.get_by_text("不属于您的角色（推荐单位工作人员）").wait_for(timeout=30_000)
            wait_idle(dingxi)
            assert dingxi.get_by_role("heading", name="本单位作品").count() == 1, path
            body = dingxi.locator('[data-testid="stMain"]').inner_text()
            assert "天水" not in body and "GS-2023" not in body and "TJ-003" not in body, path
        links = dingxi.locator('[data-testid="stSidebarNav"] a')
        titles = ["本单位作品", "登记作品", "导入作品表", "报送省办", "联络员"]
        assert links.count() == len(titles)
        assert [links.filter(has_text=title).count() for title in titles] == [1] * len(titles)
    finally:
        for context in contexts:
            context.close()
