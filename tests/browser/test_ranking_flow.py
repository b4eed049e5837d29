"""A coordinator in Chromium: opens the ranking, changes the expert weight, downloads 附件5."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TALL, signed_in_tab
from tests.pdf import flat, pdf_pages

pytestmark = pytest.mark.browser


def test_coordinator_changes_weight_and_downloads_attachment5(
    server: str, browser: Any, tmp_path: Path
) -> None:
    page = signed_in_tab(
        browser,
        server,
        "coord",
        "作品列表",
        path="/ranking",
        opens="排名与推荐名单",
        viewport=TALL,
        accept_downloads=True,
    )

    slider = page.get_by_role("slider")
    expect(slider).to_have_attribute("aria-valuetext", "0.70", timeout=30_000)
    slider.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "1.00", timeout=30_000)
    page.wait_for_timeout(1500)

    page.get_by_role("tab", name="导出").click()
    button = page.get_by_role("button", name="附件5_推荐作品汇总表 (CSV)")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    target = tmp_path / "a5.csv"
    download.value.save_as(target)
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff作品类别,作品排序,作品名称,内容简介,创作单位,推荐单位\r\n")
    rows = [line.split(",")[:3] for line in text.split("\r\n")[1:] if line]
    assert rows[0] == ["微视频", "1", "电梯安全守护者"]
    # expert weight 1: the judges alone decide, so 计量让生活更公平 moves up to second
    assert rows[1] == ["微视频", "2", "计量让生活更公平"]

    # Reported: after the first download the page jumped back to the 排名 tab.
    page.wait_for_timeout(1500)
    expect(page.get_by_role("tab", name="导出")).to_have_attribute("aria-selected", "true")
    record = page.get_by_role("button", name="评审结果报告 (PDF)")
    with page.expect_download(timeout=120_000) as download:
        record.click()
    pdf = tmp_path / "record.pdf"
    download.value.save_as(pdf)
    text = flat("".join(pdf_pages(pdf.read_bytes())))
    # the record follows the page's settings: weight 1, so 计量让生活更公平 is second
    assert "专家评分权重w1" in text and "评审组长：" in text
    assert "微视频2GS-2023-003计量让生活更公平" in text
