"""Faults: a process killed in the middle of saving, and a disk that fills during a copy."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from scoring.errors import DataFolderProblem
from scoring.media import store as media_store
from scoring.services.context import open_context
from scoring.services.entries.media_files import upload_source
from scoring.services.entries.table_import import (
    apply_entry_import,
    import_entries,
    plan_entry_import,
)
from scoring.storage.entries import list_entries
from scoring.storage.scorecards import list_scorecard_changes, list_scorecards
from tests.conftest import COORD, ROOT, make_settings

SAVER = textwrap.dedent(
    """
    import sys, threading
    from scoring.services.judging import scorecards
    from scoring.services.context import Actor, open_context
    from scoring.settings import load_settings
    from scoring.storage.users import list_users

    ctx = open_context(load_settings({"data_dir": sys.argv[1], "bcrypt_rounds": "4"}, {}))
    judge = next(Actor.of(u) for u in ctx.db.read(list_users) if u.username == "judge4")
    entries = (2, 4, 6, 8, 10, 12, 14)  # judge4 has not started these
    burst = threading.Barrier(len(entries))
    printing = threading.Lock()

    def keep_saving(entry_id):  # one writer per entry, all saving at the same instant
        n = 0
        while True:
            n += 1
            value = (n % 20) / 2
            burst.wait()
            scorecards.save_draft(ctx, actor=judge, entry_id=entry_id, marks={"lively": value})
            with printing:
                print(entry_id, value, flush=True)

    for entry_id in entries:
        threading.Thread(target=keep_saving, args=(entry_id,)).start()
    """
)


def _read_ack(line: str, acknowledged: dict[int, list[float]]) -> None:
    entry_id, value = line.split()
    acknowledged.setdefault(int(entry_id), []).append(float(value))


def test_every_save_that_returned_survives_kill_9(demo_dir: Path) -> None:
    # Seven writers save at the same instant, round after round (their saves share
    # transactions); the process is killed in the middle of a burst.
    proc = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(demo_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    acknowledged: dict[int, list[float]] = {}
    for _ in range(60):  # let it make 60 saves, then kill it in the middle of the next ones
        _read_ack(proc.stdout.readline(), acknowledged)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Lines printed after our last read are saves that returned too: count them as well.
    for line in proc.stdout.read().splitlines():
        _read_ack(line, acknowledged)
    ctx = open_context(make_settings(demo_dir))  # opens cleanly: the WAL is replayed
    try:
        cards = {
            c.entry_id: c for c in ctx.db.read(lambda cur: list_scorecards(cur, 1, judge_id=6))
        }
        history = {
            c.entry_id: ctx.db.read(lambda cur, c=c: list_scorecard_changes(cur, c.id or 0))
            for c in cards.values()
        }
    finally:
        ctx.db.close()
    assert sorted(acknowledged) == [2, 4, 6, 8, 10, 12, 14]
    for entry_id, values in acknowledged.items():
        # the last acknowledged value, or the one saved after it if that committed before
        # the kill; and every acknowledged save in the history exactly once, in order
        assert cards[entry_id].marks["lively"] in (values[-1], _next(values[-1]))
        kept = [float(h.new_value or "nan") for h in history[entry_id]]
        assert kept in (values, [*values, _next(values[-1])])


def _next(value: float) -> float:
    """The save after an acknowledged one may have committed before the kill."""
    return ((value * 2 + 1) % 20) / 2


class _FullDisk:
    """A file object that fails with ENOSPC after ``room`` bytes, like a full disk."""

    def __init__(self, real: object, room: int) -> None:
        self.real, self.room = real, room

    def write(self, chunk: bytes) -> int:
        if len(chunk) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(chunk)
        return self.real.write(chunk)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("via", ["folder", "upload"])
def test_full_disk_during_a_media_import_leaves_no_file_and_no_row(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via: str
) -> None:
    # A folder import copies in the kernel (os.copy_file_range); an upload is written in
    # chunks (os.fdopen). Each gets a disk that fills after 4 KB.
    video = (ROOT / "tests/fixtures/media/land_4k.mp4").read_bytes()
    folder = tmp_path / "videos"
    folder.mkdir()
    (folder / "big.mp4").write_bytes(video)
    table = (
        "作品编号,作品名称,作品类别,拍摄单位,完成时间,视频文件\n"
        "GS-DISK-1,满盘,微视频,某单位,2023-04-18,big.mp4\n"
    )
    real_fdopen = os.fdopen

    def full_disk(fd: int, mode: str = "r") -> _FullDisk:
        return _FullDisk(real_fdopen(fd, mode), room=4096)

    real_copy = os.copy_file_range

    def full_disk_copy(source: int, target: int, count: int) -> int:
        if os.fstat(target).st_size >= 4096:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, target, min(count, 4096))

    monkeypatch.setattr(media_store.os, "fdopen", full_disk)
    monkeypatch.setattr(media_store.os, "copy_file_range", full_disk_copy)
    ctx = open_context(make_settings(demo_dir))
    originals = ctx.settings.media_dir / "originals"
    before = sorted(p.name for p in originals.iterdir())
    try:
        with pytest.raises(DataFolderProblem) as full:
            if via == "folder":
                import_entries(
                    ctx, actor=COORD, data=table.encode(), file_name="t.csv", media_dir=folder
                )
            else:
                source = upload_source([_upload("big.mp4", video)], limit_mb=10)
                plan = plan_entry_import(
                    ctx, actor=COORD, data=table.encode(), file_name="t.csv", source=source
                )
                apply_entry_import(ctx, actor=COORD, plan=plan)
        codes = [e.code for e in ctx.db.read(lambda cur: list_entries(cur, 1))]
    finally:
        ctx.db.close()
    assert (full.value.key, full.value.params["file"]) == ("error.media_disk_full", "big.mp4")
    assert "GS-DISK-1" not in codes
    assert sorted(p.name for p in originals.iterdir()) == before  # no half-written file


def _upload(name: str, data: bytes) -> UploadedFile:
    return UploadedFile(
        UploadedFileRec(file_id=name, name=name, type="video/mp4", data=data), FileURLs()
    )
