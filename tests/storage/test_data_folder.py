"""storage/data_folder.py: opening a data folder, its private modes and its refusals."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from scoring.errors import DataFolderProblem
from scoring.storage import data_folder
from scoring.storage import restore_journal as rj


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_missing_database_is_refused_without_creating_anything(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with pytest.raises(DataFolderProblem) as raised:
        data_folder.open_folder(folder / "jurydesk.duckdb", create=False)
    assert raised.value.key == "error.no_database"
    assert raised.value.params["file"] == "jurydesk.duckdb"
    assert raised.value.params["init"] == f"python -m scoring --data-dir {folder.absolute()} init"
    assert not folder.exists()


def test_open_folder_creates_a_private_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    data_folder.open_folder(folder / "jurydesk.duckdb", create=True)
    assert folder.is_dir()
    assert _mode(folder) == 0o700


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")
    with pytest.raises(DataFolderProblem) as raised:
        data_folder.open_folder(tmp_path / "data" / "jurydesk.duckdb", create=True)
    assert (raised.value.key, raised.value.params) == (
        "error.data_dir_not_folder",
        {"path": str(tmp_path / "data")},
    )


def test_a_folder_with_an_unfinished_restore_is_refused(tmp_path: Path) -> None:
    journal = rj.Journal(token="t1", source="/b/1", parts=("jurydesk.duckdb",), staged=())
    rj._write_journal(tmp_path, journal)
    with pytest.raises(DataFolderProblem) as raised:
        data_folder.refuse_unfinished_restore(tmp_path)
    assert raised.value.key == "error.restore_unfinished"
    assert raised.value.params["source"] == "/b/1"
    assert raised.value.params["finish"].endswith("restore --finish")
    assert raised.value.params["roll_back"].endswith("restore --roll-back")


def test_make_private_tightens_loose_modes_and_leaves_links(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "media").mkdir(parents=True)
    loose = folder / "media" / "a.mp4"
    loose.write_text("x")
    loose.chmod(0o644)
    (folder / "media").chmod(0o755)
    folder.chmod(0o755)
    outside = tmp_path / "outside.txt"
    outside.write_text("y")
    outside.chmod(0o644)
    (folder / "link").symlink_to(outside)
    data_folder.make_private(folder)
    assert (_mode(folder), _mode(folder / "media"), _mode(loose)) == (0o700, 0o700, 0o600)
    assert _mode(outside) == 0o644


@pytest.mark.parametrize(
    ("text", "read_only"),
    [
        ("IO Error: Cannot open file: Permission denied", True),
        ("OSError: [Errno 30] Read-only file system", True),
        ("Catalog Error: table x does not exist", False),
    ],
)
def test_is_read_only_error(text: str, read_only: bool) -> None:
    assert data_folder.is_read_only_error(text) is read_only


def test_read_only_problem_names_the_folder(tmp_path: Path) -> None:
    problem = data_folder.read_only_problem(tmp_path)
    assert problem.key == "error.data_dir_read_only"
    assert problem.params["path"] == str(tmp_path.absolute())
