"""A demo judge in Chromium: opens an entry, marks every criterion and sees the weighted
total, confirms the submit and is refused before watching, plays it through, submits,
reloads and sees it submitted with the coverage."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    FIND_VIDEO,
    TALL,
    ask_to_submit,
    fill_marks,
    play_to_end,
    signed_in_tab,
    wait_idle,
)

pytestmark = pytest.mark.browser


def _scoring_page(browser: Any, server: str) -> Any:
    """judge4 on the scoring page, which opens GS-2023-002 (电梯安全守护者) first."""
    return signed_in_tab(
        browser,
        server,
        "judge4",
        "我的评审作品",
        path="/score",
        opens="电梯安全守护者",
        viewport=TALL,
    )


def test_judge_scores_an_entry_from_start_to_submit(server: str, browser: Any) -> None:
    page = _scoring_page(browser, server)
    fill_marks(page)
    dialog = ask_to_submit(page, "提交后，作品 GS-2023-002 的评分即锁定")
    dialog.get_by_role("button", name="确认提交").click()
    refusal = page.get_by_text("还不能提交：您已观看本作品的 0%")
    expect(refusal).to_be_visible(timeout=30_000)
    page.keyboard.press("Escape")  # the refusal goes with the dialog
    expect(refusal).to_have_count(0, timeout=30_000)
    wait_idle(page)

    play_to_end(page)
    expect(page.get_by_text("已观看 100%（提交需至少 90%）")).to_be_visible(timeout=30_000)
    expect(refusal).to_have_count(0)  # no message from before the watching stays on screen

    wait_idle(page)
    page.get_by_role("button", name="提交评分").click()
    page.get_by_role("dialog").get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("您已于")).to_be_visible(timeout=30_000)
    page.reload()  # a new session opens the next entry still to score, GS-2023-004
    page.get_by_role("heading", name="苹果里的质量密码").wait_for(timeout=30_000)

    page.get_by_role("combobox").first.click()

    page.get_by_role("option", name="GS-2023-002 电梯安全守护者").click()
    expect(page.get_by_text("您已于")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("已观看 100%")).to_be_visible(timeout=30_000)


def test_saving_a_mark_does_not_reload_the_playing_video(server: str, browser: Any) -> None:
    page = _scoring_page(browser, server)
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; v.dataset.mark = 'before'; return v.play(); }")
    page.wait_for_function(f"() => ({FIND_VIDEO})().currentTime > 1", timeout=30_000)
    before = video.evaluate("v => v.currentTime")
    inputs = page.get_by_role("spinbutton")
    inputs.nth(0).fill("8")
    inputs.nth(0).press("Tab")
    page.wait_for_timeout(500)
    wait_idle(page)
    expect(inputs.nth(0)).to_have_value("8.0")
    # the same <video> element, still playing, further on: the page rerun did not reload it
    mark, paused, after = video.evaluate("v => [v.dataset.mark, v.paused, v.currentTime]")
    assert (mark, paused) == ("before", False)
    assert after > before


FORGE = """v => {
  const all = { length: 1, start: () => 0, end: () => v.duration || 45 };
  Object.defineProperty(v, 'played', { get: () => all });
  v.dispatchEvent(new Event('pause'));
}"""


def test_a_page_that_claims_everything_was_played_is_not_believed(
    server: str, browser: Any
) -> None:
    page = _scoring_page(browser, server)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name="GS-2023-014 丝路上的质量驿站").click()  # 45 s long
    page.get_by_role("heading", name="丝路上的质量驿站").wait_for(timeout=30_000)
    wait_idle(page)
    # the previous entry's player can linger for a moment after the switch
    expect(page.locator("video")).to_have_count(1, timeout=30_000)
    page.locator("video").evaluate(FORGE)  # video.played says 0–45 s; nothing was played
    page.wait_for_timeout(1000)
    wait_idle(page)
    shown = page.get_by_text("已观看").first.inner_text()
    # Credited: at most the few seconds since the entry was opened (before: 已观看 100%).
    assert shown.startswith("已观看 ") and not shown.startswith("已观看 100%")
    assert int(shown.removeprefix("已观看 ").split("%")[0]) < 90
