"""``python -m scoring backup DIR`` / ``restore DIR``: round trip, refusals, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.storage.migrations import MIGRATIONS
from tests.conftest import holding
from tests.services.backup.test_backups import dump_file, files_of, whole_folder

SCHEMA = MIGRATIONS[-1].version


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*args, "--lang", "en"], stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def backup_json(demo_dir: Path, into: Path) -> dict[str, object]:
    code, out, err = run("backup", str(into), "--data-dir", str(demo_dir), "--json")
    assert (code, err) == (0, "")
    document: dict[str, object] = json.loads(out)
    return document


def test_backup_and_restore_round_trip_from_the_shell(demo_dir: Path, tmp_path: Path) -> None:
    rows_before, files_before = dump_file(demo_dir / "jurydesk.duckdb"), files_of(demo_dir)
    code, out, err = run("backup", str(tmp_path / "nightly"), "--data-dir", str(demo_dir))
    assert (code, err) == (0, "")
    (made,) = (p for p in (tmp_path / "nightly").iterdir())
    assert out.startswith(f"Backup written to {made}: 41 files, ")
    assert out.endswith(f" MB, schema version {SCHEMA}.\n")
    (demo_dir / "media" / "originals").rename(tmp_path / "lost")
    code, out, err = run("restore", str(made), "--data-dir", str(demo_dir))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"Restored the backup {made} into the data folder {demo_dir.resolve()}: 41 files,"
        f" schema version {SCHEMA}. The app can be started now."
    )
    assert lines[1].startswith(f"The replaced data are kept in {demo_dir.resolve()}/.before-")
    assert dump_file(demo_dir / "jurydesk.duckdb") == rows_before
    assert files_of(demo_dir) == files_before


def test_backup_json_names_the_folder_and_counts(demo_dir: Path, tmp_path: Path) -> None:
    document = backup_json(demo_dir, tmp_path / "b")
    assert sorted(document) == ["created_at", "files", "path", "schema_version", "size_bytes"]
    assert (document["files"], document["schema_version"]) == (41, SCHEMA)
    assert Path(str(document["path"])).parent == (tmp_path / "b").resolve()


def test_restore_of_a_damaged_backup_exit_1_names_the_file(demo_dir: Path, tmp_path: Path) -> None:
    made = Path(str(backup_json(demo_dir, tmp_path / "b")["path"]))
    data = bytearray((made / "jurydesk.duckdb").read_bytes())
    data[-10] ^= 0xFF
    (made / "jurydesk.duckdb").write_bytes(bytes(data))
    before = whole_folder(demo_dir)
    code, out, err = run("restore", str(made), "--data-dir", str(demo_dir))
    assert (code, out) == (1, "")
    assert f"The file jurydesk.duckdb in backup {made} does not match the sha256" in err
    assert whole_folder(demo_dir) == before


def test_restore_of_an_interrupted_backup_exit_1(demo_dir: Path, tmp_path: Path) -> None:
    made = Path(str(backup_json(demo_dir, tmp_path / "b")["path"]))
    (made / "manifest.json").unlink()
    code, out, err = run("restore", str(made), "--data-dir", str(demo_dir))
    assert (code, out) == (1, "")
    assert f"{made} holds no manifest.json, so it is not a finished JuryDesk backup" in err


def test_backup_while_the_app_holds_the_database_exit_1(demo_dir: Path, tmp_path: Path) -> None:
    with holding(demo_dir / "jurydesk.duckdb") as pid:
        code, out, err = run("backup", str(tmp_path / "b"), "--data-dir", str(demo_dir))
    assert (code, out) == (1, "")
    assert f"is held by another process (PID {pid}:" in err
    assert not (tmp_path / "b").exists()


def test_restore_while_the_app_holds_the_database_exit_1_and_changes_nothing(
    demo_dir: Path, tmp_path: Path
) -> None:
    made = Path(str(backup_json(demo_dir, tmp_path / "b")["path"]))
    before = whole_folder(demo_dir)
    with holding(demo_dir / "jurydesk.duckdb") as pid:
        code, out, err = run("restore", str(made), "--data-dir", str(demo_dir))
    assert (code, out) == (1, "")
    assert f"is held by another process (PID {pid}:" in err
    assert whole_folder(demo_dir) == before


def test_restore_without_a_folder_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        run("restore")
    assert caught.value.code == 2
