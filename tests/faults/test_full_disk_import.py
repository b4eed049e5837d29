"""Faults: the disk fills during ``entries import`` (after seven of eight videos), and a
kill leaves half-copied originals behind. The import is refused with a clear message and
leaves no original that no entry points to; the next start removes the partial copies."""

from __future__ import annotations

import errno
import io
import os
import shutil
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.media import store as media_store
from scoring.services.context import open_context
from scoring.services.setup import open_or_seed
from scoring.storage.entries import list_entries
from tests.conftest import make_settings

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"
CLIPS = (
    "aspect_in.mp4",
    "dur_20_0.mp4",
    "dur_20_5.mp4",
    "land_720.mp4",
    "no_audio.mp4",
    "square_1080.mp4",
    "tagged.mp4",
    "hevc.mp4",
)  # stored in name order: tagged.mp4 comes last
HEADER = "作品编号,作品名称,作品类别,拍摄单位,完成时间,视频文件\n"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def eight_videos(tmp_path: Path) -> tuple[Path, Path]:
    """A table of eight entries and the folder with their eight (different) videos."""
    folder = tmp_path / "videos"
    folder.mkdir()
    rows = []
    for number, clip in enumerate(CLIPS, start=1):
        shutil.copyfile(MEDIA / clip, folder / clip)
        rows.append(f"GS-DISK-{number},满盘{number},微视频,某单位,2023-04-18,{clip}\n")
    table = tmp_path / "entries.csv"
    table.write_text(HEADER + "".join(rows), encoding="utf-8")
    return table, folder


def fill_after(monkeypatch: pytest.MonkeyPatch, copies: int) -> None:
    """The disk fills once ``copies`` videos were copied whole (the kernel copy says so by
    returning 0 at the end of each file)."""
    real_copy, finished = os.copy_file_range, [0]

    def copy(source: int, target: int, count: int) -> int:
        if finished[0] >= copies:
            raise OSError(errno.ENOSPC, "No space left on device")
        done = real_copy(source, target, count)
        finished[0] += done == 0
        return done

    monkeypatch.setattr(media_store.os, "copy_file_range", copy)


def test_full_disk_during_import_refuses_cleanly_and_leaves_no_orphan(
    demo_dir: Path, eight_videos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    table, folder = eight_videos
    import_args = (str(table), "--media-dir", str(folder), "--no-previews")
    originals = demo_dir / "media" / "originals"
    before = sorted(p.name for p in originals.iterdir())
    fill_after(monkeypatch, copies=7)
    code, out, err = run("--data-dir", str(demo_dir), "entries", "import", *import_args)
    monkeypatch.undo()
    assert (code, out) == (1, "")
    assert err == (
        f"Error: The disk holding the data folder is full ({demo_dir / 'media'}): the video"
        " tagged.mp4 could not be stored. Nothing was imported, and the videos copied for this"
        " import were removed. Free some space (or move the data folder to a larger disk) and"
        " import again.\n"
    )
    assert sorted(p.name for p in originals.iterdir()) == before
    ctx = open_context(make_settings(demo_dir))
    try:
        codes = [e.code for e in ctx.db.read(lambda cur: list_entries(cur, 1))]
    finally:
        ctx.db.close()
    assert [c for c in codes if c.startswith("GS-DISK")] == []


def test_the_same_import_goes_through_once_there_is_room(
    demo_dir: Path, eight_videos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    table, folder = eight_videos
    import_args = (str(table), "--media-dir", str(folder), "--no-previews")
    fill_after(monkeypatch, copies=7)
    assert run("--data-dir", str(demo_dir), "entries", "import", *import_args)[0] == 1
    monkeypatch.undo()
    code, out, err = run("--data-dir", str(demo_dir), "entries", "import", *import_args)
    assert (code, err) == (0, "")
    assert "Videos stored: 8" in out


def test_partial_copies_left_by_a_kill_are_removed_at_the_next_start(demo_dir: Path) -> None:
    originals = demo_dir / "media" / "originals"
    before = sorted(p.name for p in originals.iterdir())
    for name in (".incoming-k1", ".incoming-k2"):
        (originals / name).write_bytes(b"\0" * 4096)  # what a killed copy leaves
    assert run("--data-dir", str(demo_dir), "user", "list")[0] == 0
    assert sorted(p.name for p in originals.iterdir()) == before
    (originals / ".incoming-k3").write_bytes(b"\0")
    open_or_seed(make_settings(demo_dir)).db.close()  # the app's start
    assert sorted(p.name for p in originals.iterdir()) == before
