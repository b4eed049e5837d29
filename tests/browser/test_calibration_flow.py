"""judge3 in Chromium: the queue starts with the calibration round; the open clip plays
through its clip-signed URL (the tag-free copy), is marked, confirmed and submitted; the
coordinator's chart then shows judge3 on both clips."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_as, wait_idle

pytestmark = pytest.mark.browser
MARKS = ("8", "7.5", "7", "9", "8.5", "6")  # weighted total 7.70


def test_judge3_scores_the_second_clip_and_the_coordinator_sees_it(
    server: str, browser: Any
) -> None:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    log_in_as(page, server, "judge3", "我的评审作品")
    expect(page.get_by_role("heading", name="试评（请先完成）")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="打开试评页面").click()
    page.get_by_role("heading", name="试评样片 2").wait_for(timeout=30_000)
    wait_idle(page)

    video = page.locator("video")
    assert "/api/media/" in video.evaluate("v => v.src")
    video.evaluate("v => { v.muted = true; v.playbackRate = 4; return v.play(); }")
    expect(page.get_by_text("已观看 100%（提交需至少 90%）")).to_be_visible(timeout=60_000)
    inputs = page.get_by_role("spinbutton")
    expect(inputs).to_have_count(6, timeout=30_000)
    for index, value in enumerate(MARKS):
        inputs.nth(index).fill(value)
        inputs.nth(index).press("Tab")
        page.wait_for_timeout(400)
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.70", timeout=30_000)
    page.get_by_role("button", name="提交评分").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("提交后，试评样片 2 的评分即锁定")).to_be_visible(timeout=30_000)
    dialog.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("您已于")).to_be_visible(timeout=30_000)

    coord = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    log_in_as(coord, server, "coord", "作品列表")
    coord.goto(server + "/calibration-round")
    coord.get_by_role("heading", name="试评结果").wait_for(timeout=30_000)
    wait_idle(coord)
    coord.locator(".js-plotly-plot").wait_for(timeout=30_000)
    dots = coord.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".find(t => t.name === '周研究员').y.length"
    )
    assert dots == 2  # judge3's totals on both clips, beside the panel's median
