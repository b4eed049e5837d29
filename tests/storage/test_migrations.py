"""Migrations: each in its own transaction, recorded once; a failing one changes nothing and
can be run again once mended (as sqlite-utils' migrations are tested)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from scoring.storage.database import migrate, open_database, schema_version
from scoring.storage.migrations import MIGRATIONS, Migration

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LATER = datetime(2026, 3, 2, tzinfo=UTC)


def columns(db_path: Path, table: str) -> list[str]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    finally:
        con.close()


def next_step(folder: Path, sql: str) -> Migration:
    path = folder / "999_next_step.sql"
    path.write_text(sql, encoding="utf-8")
    return Migration(MIGRATIONS[-1].version + 1, "next_step", path)


def test_a_failing_migration_rolls_back_whole_and_a_rerun_applies_it(tmp_path: Path) -> None:
    db_path = tmp_path / "jurydesk.duckdb"
    open_database(db_path, clock=lambda: NOW).close()
    broken = next_step(
        tmp_path,
        "ALTER TABLE campaigns ADD COLUMN probe_column TEXT;\n"
        "UPDATE campaigns SET probe_column = no_such_column;\n",
    )

    db = open_database(db_path, clock=lambda: NOW)
    try:
        with pytest.raises(duckdb.Error):
            migrate(db, now=LATER, migrations=[*MIGRATIONS, broken])
        version = db.read(schema_version)
    finally:
        db.close()

    assert version == MIGRATIONS[-1].version
    assert "probe_column" not in columns(db_path, "campaigns")  # the first statement undone

    mended = next_step(tmp_path, "ALTER TABLE campaigns ADD COLUMN probe_column TEXT DEFAULT '';\n")
    db = open_database(db_path, clock=lambda: NOW)
    try:
        applied = migrate(db, now=LATER, migrations=[*MIGRATIONS, mended])
        again = migrate(db, now=LATER, migrations=[*MIGRATIONS, mended])
        recorded = db.read(
            lambda c: c.execute(
                "SELECT version, name, applied_at FROM schema_migrations WHERE version = ?",
                [mended.version],
            ).fetchall()
        )
    finally:
        db.close()
    assert (applied, again) == ([mended.version], [])
    assert recorded == [(mended.version, "next_step", LATER)]
    assert "probe_column" in columns(db_path, "campaigns")


def test_every_migration_is_recorded_once_in_order(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    try:
        rows = db.read(
            lambda c: c.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        )
    finally:
        db.close()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
