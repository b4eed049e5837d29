"""Entries whose originals Chromium cannot play (ProRes MOV, HEVC MP4) play in Chromium
through the H.264 preview the app made for them."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from scoring.services.entries.table_import import import_entries
from scoring.services.previews import make_one_preview
from scoring.services.setup import open_or_seed
from tests.browser.conftest import open_compliance, open_row, wait_idle
from tests.conftest import SHELL, make_settings

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RECOMMENDER = "转码播放测试推荐单位"
CLIPS = [  # (code, title, fixture) in the order the filtered table lists them
    ("GS-2023-101", "专业格式母版", "prores.mov"),
    ("GS-2023-102", "高效编码成片", "hevc.mp4"),
]


@pytest.fixture
def server_data(tmp_path: Path) -> Path:
    """The demo plus two entries in formats browsers do not play, previews made."""
    folder = tmp_path / "data"
    ctx = open_or_seed(make_settings(folder))
    try:
        videos = tmp_path / "videos"
        videos.mkdir()
        with (FIXTURES / "entries" / "good.csv").open(encoding="utf-8") as table:
            header, template, *_ = list(csv.reader(table))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for code, title, clip in CLIPS:
            shutil.copyfile(FIXTURES / "media" / clip, videos / clip)
            row = dict(zip(header, template, strict=True))
            row.update(
                {"作品编号": code, "作品名称": title, "视频文件": clip, "推荐单位": RECOMMENDER}
            )
            writer.writerow([row[h] for h in header])
        report = import_entries(
            ctx, actor=SHELL, data=out.getvalue().encode(), file_name="t.csv", media_dir=videos
        )
        assert report.written
        assert [make_one_preview(ctx, media) for media in report.media] == [True, True]
    finally:
        ctx.db.close()
    return folder


def test_prores_and_hevc_entries_play_through_their_previews(server: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    open_compliance(page, server)
    page.get_by_role("combobox", name="推荐单位").click()
    page.get_by_role("option", name=RECOMMENDER).click()
    wait_idle(page)
    for row, (code, title, _) in enumerate(CLIPS):
        open_row(page, row, f"{code} {title}")
        video = page.locator("video")
        expect(video).to_have_count(1, timeout=30_000)
        played = video.evaluate(  # resolves when the clip ends, fails or 20 s pass
            """v => new Promise((done) => {
                 const facts = () => [v.currentTime, v.videoWidth, v.videoHeight,
                                      v.error && v.error.code, v.ended];
                 v.addEventListener('ended', () => done(facts()));
                 v.addEventListener('error', () => done(facts()));
                 setTimeout(() => done(facts()), 20000);
                 v.muted = true;
                 v.play().catch(() => done(facts()));
               })"""
        )
        current, width, height, error, ended = played
        assert (error, ended) == (None, True)
        assert (width, height) == (1920, 1080)  # decoded frames: the H.264 preview
        assert current > 0.4
        assert "/media/" in video.evaluate("v => v.currentSrc")
