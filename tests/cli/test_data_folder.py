"""The data folder a command is pointed at: only ``init`` makes a database; every other
command refuses a folder without one, names it, and creates nothing; a read-only folder is
called a permission problem, never a damaged database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.errors import DataFolderProblem
from scoring.services.setup import open_or_seed
from tests.conftest import make_settings
from tests.faults.disks import read_only

PASSWORD = "a-long-password\n"


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def commands(tmp_path: Path) -> list[list[str]]:
    """Every command that opens the data folder, except ``init``, with valid arguments."""
    table = tmp_path / "table.csv"
    table.write_text("作品编号,作品名称\nGS-1,题目\n", encoding="utf-8")
    return [
        ["user", "list"],
        ["user", "add", "bob", "--role", "judge"],
        ["user", "disable", "bob"],
        ["entries", "import", str(table)],
        ["views", "import", str(table)],
        ["scores", "import", str(table)],
        ["assign"],
        ["rank", "--json"],
        ["export", "ranking", str(tmp_path / "out.csv")],
        ["backup", str(tmp_path / "backups")],
    ]


def no_database(folder: Path) -> str:
    return (
        f"Error: There is no JuryDesk database (jurydesk.duckdb) in the data folder {folder};"
        " nothing was changed. Check --data-dir or JURYDESK_DATA_DIR for a typo; to make a new"
        f" database there, run: python -m scoring --data-dir {folder} init\n"
    )


def test_a_mistyped_data_dir_is_named_and_never_created(tmp_path: Path) -> None:
    typo = tmp_path / "dta"
    for command in commands(tmp_path):
        code, out, err = run("--data-dir", str(typo), *command, stdin=PASSWORD)
        assert (code, out, err) == (1, "", no_database(typo)), command
        assert not typo.exists()
    assert not (tmp_path / "backups").exists()
    assert not (tmp_path / "out.csv").exists()


def test_an_empty_folder_gets_no_database(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in commands(tmp_path):
        code, out, err = run("--data-dir", str(empty), *command, stdin=PASSWORD)
        assert (code, out, err) == (1, "", no_database(empty)), command
    assert list(empty.iterdir()) == []


def test_a_relative_data_dir_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--data-dir", "data", "rank")
    assert (code, err) == (1, no_database(tmp_path / "data"))


def test_init_makes_the_database_and_then_commands_open_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("--data-dir", str(data), "init")[0] == 0
    code, out, err = run("--data-dir", str(data), "user", "list")
    assert (code, out, err) == (0, "", "")


def test_a_read_only_data_folder_is_a_permission_problem_not_damage(demo_dir: Path) -> None:
    with read_only(demo_dir) as folder:
        code, out, err = run("--data-dir", str(folder), "user", "list")
        with pytest.raises(DataFolderProblem) as app_start:
            open_or_seed(make_settings(folder))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: The data folder {folder} cannot be written: the disk is")
    assert "This is a permission problem; the data are not damaged, so do not restore" in err
    assert "damaged or not a JuryDesk database" not in err
    assert app_start.value.key == "error.data_dir_read_only"
