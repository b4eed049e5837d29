"""judge3 in Chromium: the queue starts with the calibration round; the open clip plays
through its clip-signed URL (the tag-free copy) and is credited as the server sent it; it
is marked, confirmed and submitted; the coordinator's chart then shows judge3 on both
clips."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ask_to_submit,
    fill_marks,
    play_to_end,
    signed_in_tab,
    wait_idle,
)

pytestmark = pytest.mark.browser


def test_judge3_scores_the_second_clip_and_the_coordinator_sees_it(
    server: str, browser: Any
) -> None:
    page = signed_in_tab(browser, server, "judge3", "我的评审作品")
    expect(page.get_by_role("heading", name="试评（请先完成）")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="打开试评页面").click()
    page.get_by_role("heading", name="试评样片 2").wait_for(timeout=30_000)
    wait_idle(page)

    assert "/api/media/" in page.locator("video").evaluate("v => v.src")
    play_to_end(page)
    expect(page.get_by_text("已观看 100%（提交需至少 90%）")).to_be_visible(timeout=30_000)
    fill_marks(page)
    dialog = ask_to_submit(page, "提交后，试评样片 2 的评分即锁定")
    dialog.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("您已于")).to_be_visible(timeout=30_000)

    coord = signed_in_tab(
        browser, server, "coord", "作品列表", path="/calibration-round", opens="试评结果"
    )
    coord.locator(".js-plotly-plot").wait_for(timeout=30_000)
    dots = coord.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".find(t => t.name === '周研究员').y.length"
    )
    assert dots == 2  # judge3's totals on both clips, beside the panel's median
