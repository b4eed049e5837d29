"""``calibration add`` on the demo, whose round already has two clips."""

from __future__ import annotations

import io
from pathlib import Path

from scoring.cli import main
from scoring.services.context import open_context
from scoring.storage import calibration as store
from scoring.storage import entries as entry_store
from tests.conftest import make_settings

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_third_clip_is_added_with_its_preview_and_a_fourth_refused(demo_dir: Path) -> None:
    clip = MEDIA / "square_1080.mp4"
    code, out, err = run(
        "calibration", "add", str(clip), "--title", "方形", "--data-dir", str(demo_dir)
    )
    assert (code, out, err) == (0, "已添加试评样片 3：square_1080.mp4。\n", "")
    ctx = open_context(make_settings(demo_dir))
    try:
        added = ctx.db.read(lambda cur: store.list_clips(cur, 1))[-1]
        media = ctx.db.read(lambda cur: entry_store.get_media_file(cur, added.media_sha256))
    finally:
        ctx.db.close()
    assert (added.title, added.added_by.startswith("cli:")) == ("方形", True)
    assert media is not None and media.preview_status == "done"
    code, out, err = run(
        "calibration", "add", str(MEDIA / "land_4k.mp4"), "--data-dir", str(demo_dir)
    )
    assert (code, out) == (1, "")
    assert err == "错误：试评最多 3 个样片；如需更换，请先删除一个。\n"


def test_a_text_file_is_refused_in_english_too(demo_dir: Path) -> None:
    code, out, err = run(
        "calibration", "add", str(MEDIA / "text.mp4"), "--data-dir", str(demo_dir), "--lang", "en"
    )
    assert (code, out) == (1, "")
    assert "The file text.mp4 holds no video picture" in err
