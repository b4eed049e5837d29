"""Every path a user gives for a file to write — exports, backups, the rejected rows of a
views import — gets a clear message for a missing folder, a read-only one and a full disk,
and leaves nothing half-written."""

from __future__ import annotations

import errno
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from scoring import user_files
from scoring.cli import main
from scoring.storage import backup as backup_store
from tests.cli.test_views import stored_imports
from tests.faults.disks import read_only

VIEWS = Path(__file__).resolve().parents[1] / "fixtures" / "views"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class FullAfter:
    """``os.fdopen`` whose files fail with ENOSPC once ``room`` bytes were written."""

    def __init__(self, room: int) -> None:
        self.room, self.real = room, os.fdopen

    def __call__(self, fd: int, mode: str = "r") -> Any:
        opened, full = self.real(fd, mode), self

        class Writer:
            def write(self, chunk: bytes) -> int:
                if len(chunk) > full.room:
                    raise OSError(errno.ENOSPC, "No space left on device")
                full.room -= len(chunk)
                return int(opened.write(chunk))

            def __getattr__(self, name: str) -> Any:
                return getattr(opened, name)

            def __enter__(self) -> Writer:
                return self

            def __exit__(self, *exc: object) -> None:
                opened.close()

        return Writer()


def missing(folder: Path, file: str) -> str:
    return (
        f"Error: The folder {folder} does not exist (or is not a folder), so {file} was not"
        " written and no folder was made. Check the path for a typo, or create the folder"
        " first and try again.\n"
    )


def read_only_text(folder: Path, file: str) -> str:
    return (
        f"Error: Cannot write {file} in the folder {folder}: it is read-only, or this user may"
        " not write there. Nothing half-written was left; choose a folder you can write to and"
        " try again.\n"
    )


def full_text(folder: Path, file: str) -> str:
    return (
        f"Error: The disk holding the folder {folder} is full, so {file} was not written."
        " Nothing half-written was left; free some space or choose another disk and try"
        " again.\n"
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_into_a_missing_folder(demo_dir: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / "nope" / f"out.{suffix}"
    code, out, err = run("--data-dir", str(demo_dir), "export", "ranking", str(target))
    assert (code, out, err) == (1, "", missing(tmp_path / "nope", f"out.{suffix}"))
    assert not (tmp_path / "nope").exists()


def test_export_relative_path_names_the_folder_in_full(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--data-dir", str(demo_dir), "export", "scores", "nope/out.csv")
    assert (code, err) == (1, missing(tmp_path / "nope", "out.csv"))


def test_export_into_a_read_only_folder(demo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with read_only(tmp_path / "out") as folder:
        code, out, err = run(
            "--data-dir", str(demo_dir), "export", "shortlist", str(folder / "list.xlsx")
        )
        assert list(folder.iterdir()) == []
    assert (code, out, err) == (1, "", read_only_text(folder, "list.xlsx"))


def test_export_on_a_full_disk_leaves_no_part_of_a_file(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(user_files.os, "fdopen", FullAfter(room=100))
    code, out, err = run("--data-dir", str(demo_dir), "export", "scores", str(tmp_path / "s.csv"))
    monkeypatch.undo()
    assert (code, out, err) == (1, "", full_text(tmp_path, "s.csv"))
    assert [p.name for p in tmp_path.iterdir() if p.name != "demo-data"] == []


def test_export_still_writes_where_it_can(demo_dir: Path, tmp_path: Path) -> None:
    code, out, err = run("--data-dir", str(demo_dir), "export", "ranking", str(tmp_path / "r.csv"))
    assert (code, out.startswith(f"Wrote ranking to {tmp_path / 'r.csv'} ("), err) == (
        0,
        True,
        "",
    )
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_into_a_folder_whose_parent_is_missing(demo_dir: Path, tmp_path: Path) -> None:
    into = tmp_path / "usb" / "backups"
    code, out, err = run("--data-dir", str(demo_dir), "backup", str(into))
    assert (code, out, err) == (1, "", missing(tmp_path / "usb", "backups"))
    assert not (tmp_path / "usb").exists()


def test_backup_into_a_read_only_folder(demo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "backups").mkdir()
    with read_only(tmp_path / "backups") as folder:
        code, out, err = run("--data-dir", str(demo_dir), "backup", str(folder))
        assert list(folder.iterdir()) == []
    assert (code, out) == (1, "")
    assert err == read_only_text(folder, "jurydesk-" + err.split("jurydesk-")[1].split(" ")[0])


def test_backup_on_a_full_disk_is_refused_and_removed(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_store.os, "fdopen", FullAfter(room=50_000))
    code, out, err = run("--data-dir", str(demo_dir), "backup", str(tmp_path / "b"))
    monkeypatch.undo()
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: The disk holding the folder {tmp_path / 'b'} is full, so ")
    assert list((tmp_path / "b").iterdir()) == []


def test_skip_bad_beside_a_read_only_input_is_refused_before_importing(
    demo_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copyfile(VIEWS / "errors.csv", tmp_path / "in" / "errors.csv")
    with read_only(tmp_path / "in") as folder:
        code, out, err = run(
            "--data-dir", str(demo_dir), "views", "import", str(folder / "errors.csv"), "--skip-bad"
        )
    assert (code, out, err) == (1, "", read_only_text(folder, "errors.rejected.csv"))
    assert stored_imports(demo_dir) == 0


def test_skip_bad_on_a_full_disk_still_reports_the_rows(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(VIEWS / "errors.csv", tmp_path / "errors.csv")
    monkeypatch.setattr(user_files.os, "fdopen", FullAfter(room=10))
    code, out, err = run(
        "--data-dir", str(demo_dir), "views", "import", str(tmp_path / "errors.csv"), "--skip-bad"
    )
    monkeypatch.undo()
    assert code == 0  # the good rows were imported
    assert "Imported “errors.csv”." in out
    assert "Row 3 · column “作品编号” · value “GS-2023-999”" in out
    assert err == full_text(tmp_path, "errors.rejected.csv")
    assert not (tmp_path / "errors.rejected.csv").exists()
    assert stored_imports(demo_dir) == 1


def test_report_into_a_missing_folder(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "record.pdf"
    code, out, err = run("--data-dir", str(demo_dir), "report", str(target))
    assert (code, out, err) == (1, "", missing(tmp_path / "nope", "record.pdf"))
    assert not (tmp_path / "nope").exists()


def test_report_into_a_read_only_folder(demo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with read_only(tmp_path / "out") as folder:
        code, out, err = run("--data-dir", str(demo_dir), "report", str(folder / "r.pdf"))
        assert list(folder.iterdir()) == []
    assert (code, out, err) == (1, "", read_only_text(folder, "r.pdf"))
