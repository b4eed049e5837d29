"""storage/restore_journal.py: the swap of a restore, its journal, finishing and rolling back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.errors import DataFolderProblem
from scoring.storage import restore_journal as rj

JOURNAL = rj.Journal(
    token="abc-1",
    source="/backups/b1",
    parts=("jurydesk.duckdb", "old.txt"),
    staged=("jurydesk.duckdb",),
)


def _folder(tmp_path: Path) -> Path:
    """A data folder with an old database and a part the backup does not hold, and the new
    database staged."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "jurydesk.duckdb").write_text("old")
    (folder / "old.txt").write_text("extra")
    staging = JOURNAL.staging(folder)
    staging.mkdir()
    (staging / "jurydesk.duckdb").write_text("new")
    return folder


@pytest.mark.parametrize(
    ("name", "plain"),
    [("a.db", True), ("", False), (".", False), ("..", False), ("a/b", False), ("a\\b", False)],
)
def test_plain_name(name: str, plain: bool) -> None:
    assert rj.plain_name(name) is plain


def test_swap_in_moves_the_new_parts_in_and_keeps_the_old_aside(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert rj.swap_in(folder, JOURNAL) is True
    assert (folder / "jurydesk.duckdb").read_text() == "new"
    assert not (folder / "old.txt").exists()
    kept = JOURNAL.previous(folder)
    assert sorted(p.name for p in kept.iterdir()) == ["jurydesk.duckdb", "old.txt"]
    assert (kept / "jurydesk.duckdb").read_text() == "old"
    assert rj.read_journal(folder) is None
    assert not JOURNAL.staging(folder).exists()


def test_an_interrupted_swap_reads_back_and_rolls_back(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rj._write_journal(folder, JOURNAL)
    assert rj.read_journal(folder) == JOURNAL
    rj._forward(folder, JOURNAL)  # killed after the renames, before the journal went
    rj.roll_back(folder, JOURNAL)
    assert (folder / "jurydesk.duckdb").read_text() == "old"
    assert (folder / "old.txt").read_text() == "extra"
    assert rj.read_journal(folder) is None


def test_finish_completes_an_interrupted_swap(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rj._write_journal(folder, JOURNAL)
    assert rj.finish(folder, JOURNAL) is True
    assert (folder / "jurydesk.duckdb").read_text() == "new"
    assert rj.read_journal(folder) is None


@pytest.mark.parametrize(
    "document",
    [
        "not json",
        json.dumps({"format": "other", "token": "a", "source": "s", "parts": [], "staged": []}),
        json.dumps(
            {"format": rj.FORMAT, "token": "a", "source": "s", "parts": ["../x"], "staged": []}
        ),
        json.dumps({"format": rj.FORMAT, "token": "A B", "source": "s", "parts": [], "staged": []}),
        json.dumps({"format": rj.FORMAT, "token": "a"}),
    ],
)
def test_a_damaged_journal_is_refused_naming_it(tmp_path: Path, document: str) -> None:
    (tmp_path / rj.JOURNAL).write_text(document)
    with pytest.raises(DataFolderProblem) as raised:
        rj.read_journal(tmp_path)
    assert (raised.value.key, raised.value.params) == (
        "error.restore_journal_unreadable",
        {"path": str(tmp_path / rj.JOURNAL)},
    )


def test_remove_stale_staging_skips_held_folders_and_removes_a_partial_journal(
    tmp_path: Path,
) -> None:
    stale, held = tmp_path / ".restore-old", tmp_path / ".restore-busy"
    stale.mkdir()
    held.mkdir()
    (tmp_path / f"{rj.JOURNAL}.partial").write_text("{")
    (tmp_path / "keep.txt").write_text("x")
    with rj.staging_lock(held):
        removed = rj.remove_stale_staging(tmp_path)
    assert removed == [".restore-old", f"{rj.JOURNAL}.partial"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".restore-busy", "keep.txt"]
    assert rj.remove_stale_staging(tmp_path / "missing") == []


def test_discard_staging_keeps_it_while_the_journal_is_there(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rj._write_journal(folder, JOURNAL)
    rj.discard_staging(folder, JOURNAL)
    assert JOURNAL.staging(folder).is_dir()
    (folder / rj.JOURNAL).unlink()
    rj.discard_staging(folder, JOURNAL)
    assert not JOURNAL.staging(folder).exists()
