"""Opening the database: migrations, versions, locks, damaged files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from scoring.errors import DatabaseBusy, DataFolderProblem
from scoring.storage import open_database
from scoring.storage.database import migrate, schema_version
from scoring.storage.migrations import MIGRATIONS

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _tables(path: Path) -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " ORDER BY table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, kind))
    return out


def test_migrations_on_empty_folder_create_every_table(tmp_path: Path) -> None:
    path = tmp_path / "new" / "jurydesk.duckdb"
    db = open_database(path, clock=lambda: NOW)
    assert db.read(schema_version) == MIGRATIONS[-1].version
    applied = db.read(lambda c: c.execute("SELECT version, name FROM schema_migrations").fetchall())
    db.close()
    assert applied == [(m.version, m.name) for m in MIGRATIONS]
    assert set(_tables(path)) == {
        "installation",
        "campaigns",
        "users",
        "login_attempts",
        "entries",
        "media_files",
        "rule_sets",
        "findings",
        "rubric_criteria",
        "assignments",
        "conflicts",
        "scorecards",
        "marks",
        "scorecard_changes",
        "view_snapshots",
        "imports",
        "overrides",
        "audit_log",
        "entry_openings",
        "served_parts",
        "media_hints",
        "media_matches",
        "calibration_clips",
        "calibration_rounds",
        "calibration_cards",
        "calibration_marks",
        "pledge_files",
        "unit_contacts",
        "schema_migrations",
    }


def test_migrations_rerun_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "jurydesk.duckdb"
    open_database(path, clock=lambda: NOW).close()
    before = _tables(path)
    db = open_database(path, clock=lambda: NOW)
    assert migrate(db, now=NOW) == []
    rows = db.read(lambda c: c.execute("SELECT count(*) FROM schema_migrations").fetchone())
    db.close()
    assert _tables(path) == before
    assert rows == (len(MIGRATIONS),)


def test_database_from_newer_schema_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "jurydesk.duckdb"
    db = open_database(path, clock=lambda: NOW)
    db.write(lambda c: c.execute("INSERT INTO schema_migrations VALUES (99, 'future', ?)", [NOW]))
    db.close()
    before = path.read_bytes()
    with pytest.raises(DataFolderProblem) as caught:
        open_database(path, clock=lambda: NOW)
    assert caught.value.key == "error.db_too_new"
    assert caught.value.params["found"] == 99
    assert "newer JuryDesk (schema version 99" in caught.value.message("en")
    assert path.read_bytes() == before


def test_garbage_file_refused_with_path_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "jurydesk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DataFolderProblem) as caught:
        open_database(path, clock=lambda: NOW)
    assert caught.value.key == "error.db_unreadable"
    assert str(path) in caught.value.message("en")
    assert "restore it from a backup" in caught.value.message("en")


def test_data_folder_that_is_a_file_refused(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    with pytest.raises(DataFolderProblem) as caught:
        open_database(tmp_path / "data" / "jurydesk.duckdb", clock=lambda: NOW)
    assert caught.value.key == "error.data_dir_not_folder"


def test_second_process_told_who_holds_the_database(tmp_path: Path) -> None:
    path = tmp_path / "jurydesk.duckdb"
    db = open_database(path, clock=lambda: NOW)
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from scoring.errors import DatabaseBusy
        from scoring.storage import open_database
        try:
            open_database(Path({str(path)!r}))
        except DatabaseBusy as e:
            print(e.params["pid"], "|", e.message("en"))
        """
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path.cwd(),
        ).stdout
    finally:
        db.close()
    pid, message = out.strip().split(" | ", 1)
    assert int(pid) == __import__("os").getpid()
    assert message.startswith(f"The database {path} is held by another process (PID {pid}:")
    assert "wait for that process to end or stop it, then try again" in message


def test_write_retried_after_a_conflict_then_committed(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    calls: list[int] = []

    def work(cur: duckdb.DuckDBPyConnection) -> str:
        calls.append(1)
        cur.execute("INSERT INTO installation VALUES ('k', 'v') ON CONFLICT DO NOTHING")
        if len(calls) < 3:
            raise duckdb.TransactionException("Conflict on tuple")
        return "done"

    assert db.write(work) == "done"
    assert len(calls) == 3
    value = db.read(lambda c: c.execute("SELECT value FROM installation").fetchall())
    db.close()
    assert value == [("v",)]


def test_write_gives_up_with_busy_after_repeated_conflicts(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)

    def always_conflicts(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute("INSERT INTO installation VALUES ('k', 'v')")
        raise duckdb.TransactionException("Conflict")

    with pytest.raises(DatabaseBusy):
        db.write(always_conflicts)
    left = db.read(lambda c: c.execute("SELECT count(*) FROM installation").fetchone())
    db.close()
    assert left == (0,)
