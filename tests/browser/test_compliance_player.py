"""A coordinator in Chromium opens an entry on the Compliance page and its video plays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from scoring.services.setup import initialise
from tests.browser.conftest import FIND_VIDEO, open_compliance, open_row
from tests.conftest import SHELL, make_settings, measure_hints, running_app

pytestmark = pytest.mark.browser


def test_coordinator_plays_an_entry(server: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    open_compliance(page, server)
    open_row(page, 0, "GS-2023-001 一碗牛肉面的标准")  # the first row
    video = page.locator("video")
    expect(video).to_have_count(1, timeout=30_000)
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        f"() => {{ const v = ({FIND_VIDEO})(); return v && v.currentTime > 1; }}", timeout=30_000
    )
    assert video.evaluate("v => v.currentTime") > 1


def test_findings_show_with_the_apps_own_icons_error_first(server: str, browser: Any) -> None:
    # Reported: emoji icons showed as empty boxes where no emoji font is installed (as on
    # this machine), and an entry's one error sat among 18 passes.
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    open_compliance(page, server)
    open_row(page, 5, "GS-2023-006 渠水长流")  # sixth row
    first = page.get_by_test_id("stAlert").first
    expect(first.get_by_test_id("stAlertContentError")).to_have_count(1, timeout=30_000)
    expect(first).to_contain_text("分辨率：分辨率 1280×720 低于 1080p")
    icon = first.get_by_test_id("stAlertDynamicIcon")
    font, width = icon.evaluate(
        "e => [getComputedStyle(e).fontFamily, e.getBoundingClientRect().width]"
    )
    assert "Material Symbols" in font
    assert width < 30  # one glyph from the icon font, not the word "error" nor a box
    assert page.evaluate("() => document.fonts.check('24px \"Material Symbols Rounded\"')")
    passed = page.get_by_test_id("stExpander").filter(has_text="通过的检查（18 项）")
    expect(passed.get_by_text("视频文件：已导入视频文件。")).to_be_hidden()
    main = page.get_by_test_id("stMain").inner_text()
    assert [c for c in "✅⚠⛔" if c in main] == []


@pytest.fixture
def measured_server(tmp_path: Path) -> Iterator[str]:
    """The demo with the media hints of GS-2023-003, -005 and -006 measured, served."""
    folder = tmp_path / "data"
    ctx, _ = initialise(make_settings(folder), demo=True, actor=SHELL)
    try:
        measure_hints(ctx, ["GS-2023-003", "GS-2023-005", "GS-2023-006"])
    finally:
        ctx.db.close()
    with running_app(folder, tmp_path / "server.log") as base:
        yield base


def test_clicking_a_hints_time_moves_the_player_there(measured_server: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    open_compliance(page, measured_server)
    open_row(page, 4, "GS-2023-005 老字号的新质量")  # fifth row
    expect(page.get_by_text("黑场 1.0 秒（0:12.0–0:13.0）。")).to_be_visible(timeout=30_000)
    video = page.locator("video")
    expect(video).to_have_count(1, timeout=30_000)
    video.evaluate("v => new Promise(r => v.readyState >= 1 ? r() : v.onloadedmetadata = r)")
    assert video.evaluate("v => v.currentTime") == 0

    page.get_by_role("button", name="0:12.0").click()

    page.wait_for_function(
        f"() => {{ const v = ({FIND_VIDEO})(); return v && Math.abs(v.currentTime - 12) < 0.01; }}",
        timeout=30_000,
    )
    assert abs(video.evaluate("v => v.currentTime") - 12.0) < 0.01
