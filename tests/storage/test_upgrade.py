"""A database made by the first schema version upgrades to the current one, losing nothing."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import bcrypt
import duckdb
import pytest

from scoring.enums import Role
from scoring.services import users
from scoring.services.campaigns.active import active_campaign
from scoring.services.context import Actor, open_context
from scoring.storage import open_database
from scoring.storage.database import schema_version
from scoring.storage.migrations import MIGRATIONS
from tests.conftest import FakeClock, make_settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema_v1.duckdb"
NOW = datetime(2026, 3, 1, tzinfo=UTC)
T = datetime(2023, 5, 1, 2, 0, tzinfo=UTC)
ROWS_V1 = {  # what make_v1.py writes
    "installation": 2,
    "campaigns": 2,
    "users": 3,
    "login_attempts": 2,
    "entries": 3,
    "media_files": 1,
    "rule_sets": 1,
    "findings": 2,
    "rubric_criteria": 2,
    "assignments": 2,
    "conflicts": 1,
    "scorecards": 2,
    "marks": 3,
    "scorecard_changes": 1,
    "view_snapshots": 2,
    "imports": 1,
    "overrides": 1,
    "audit_log": 3,
}


def counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    found = {}
    for table in ROWS_V1:
        row = cur.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
        assert row is not None
        found[table] = int(row[0])
    return found


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "jurydesk.duckdb"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE, target)
    return target


def test_fixture_is_the_first_schema_with_rows_in_every_table() -> None:
    con = duckdb.connect(str(FIXTURE), read_only=True)
    try:
        version = schema_version(con)
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        columns = {r[0] for r in con.execute("DESCRIBE campaigns").fetchall()}
        found = counts(con)
    finally:
        con.close()
    assert version == 1
    assert tables == {*ROWS_V1, "schema_migrations"}
    assert "starts_at" not in columns  # added by migration 2
    assert found == ROWS_V1


def test_v1_database_upgrades_to_the_newest_version_keeping_every_row(v1_copy: Path) -> None:
    db = open_database(v1_copy, clock=lambda: NOW)
    try:
        version = db.read(schema_version)
        applied = db.read(
            lambda c: c.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
        )
        found = db.read(counts)
    finally:
        db.close()
    assert version == MIGRATIONS[-1].version
    assert applied == [(1, T)] + [(m.version, NOW) for m in MIGRATIONS[1:]]
    assert found == ROWS_V1


def test_v1_values_survive_the_upgrade_exactly(v1_copy: Path) -> None:
    db = open_database(v1_copy, clock=lambda: NOW)
    try:
        campaign = db.read(
            lambda c: c.execute(
                "SELECT name, submission_deadline, shortlist_size, method, starts_at"
                " FROM campaigns WHERE id = 1"
            ).fetchone()
        )
        entry = db.read(
            lambda c: c.execute(
                "SELECT synopsis FROM entries WHERE code = 'GS-2023-001'"
            ).fetchone()
        )
        marks = db.read(lambda c: c.execute("SELECT * FROM marks ORDER BY ALL").fetchall())
        audit = db.read(
            lambda c: c.execute(
                "SELECT id, actor, action, target, details FROM audit_log ORDER BY id"
            ).fetchall()
        )
        finding = db.read(
            lambda c: c.execute("SELECT params FROM findings WHERE entry_id = 1").fetchone()
        )
    finally:
        db.close()
    assert campaign == (
        "2023年质量强国建设微视频作品征集",
        datetime(2023, 5, 20, 15, 59, tzinfo=UTC),
        5,
        "zscore",
        None,
    )
    assert entry == ("标准化让一碗面走向全国；含 '引号' 与 <b>标签</b>",)
    assert marks == [(1, "craft", 7.0), (1, "theme", 8.5), (2, "theme", 6.0)]
    assert [row[:4] for row in audit] == [
        (1, "cli:root", "campaign.create", "2023年质量强国建设微视频作品征集"),
        (2, "judge1", "score.submit", "GS-2023-001"),
        (3, "admin", "login.ok", "admin"),
    ]
    assert json.loads(audit[1][4]) == {"total": 78.5}
    assert finding is not None and json.loads(finding[0]) == {"seconds": 12.5}


def test_upgraded_v1_database_works_with_the_current_services(v1_copy: Path) -> None:
    ctx = open_context(make_settings(v1_copy.parent), clock=FakeClock())
    try:
        campaign = active_campaign(ctx)
        by_name = {u.username: u for u in users.list_users(ctx, actor=Actor.shell("t"))}
        added = users.add_user(
            ctx,
            actor=Actor.shell("t"),
            username="judge2",
            role=Role.JUDGE,
            password="another-long-password",
            password_again="another-long-password",
            display_name="李评委",
        )
    finally:
        ctx.db.close()
    assert campaign is not None
    assert (campaign.id, campaign.name, campaign.starts_at) == (
        1,
        "2023年质量强国建设微视频作品征集",
        None,
    )
    judge1 = by_name["judge1"]
    assert (judge1.role, judge1.disabled, judge1.language) == (
        Role.JUDGE,
        True,
        "en",
    )
    assert bcrypt.checkpw(b"a-long-password", by_name["admin"].password_hash.encode())
    assert added.id == 4  # the user sequence went on from the three v1 users


def test_previews_made_with_tags_are_queued_again_by_migration_3(v1_copy: Path) -> None:
    db = open_database(v1_copy, clock=lambda: NOW)
    try:
        state = db.read(
            lambda c: c.execute(
                "SELECT preview_status, preview_progress FROM media_files"
            ).fetchall()
        )
    finally:
        db.close()
    assert state == [("pending", 0.0)]  # it was 'done' in the v1 fixture


def test_v1_users_and_entries_after_the_units_step(v1_copy: Path) -> None:
    db = open_database(v1_copy, clock=lambda: NOW)
    try:
        people = db.read(
            lambda c: c.execute(
                "SELECT id, username, role, password_hash FROM users ORDER BY id"
            ).fetchall()
        )
        stages = db.read(
            lambda c: c.execute(
                "SELECT DISTINCT unit, stage, forwarded_at, pledge_sha256 FROM entries"
            ).fetchall()
        )
        db.write(
            lambda c: c.execute(
                "INSERT INTO users (username, display_name, unit, role, password_hash,"
                " created_at, updated_at) VALUES ('unit1', '兰州', '兰州市市场监督管理局',"
                " 'unit', 'x', ?, ?)",
                [NOW, NOW],
            )
        )
        added = db.read(lambda c: c.execute("SELECT id FROM users WHERE role = 'unit'").fetchall())
        with pytest.raises(duckdb.ConstraintException):
            db.write(
                lambda c: c.execute(
                    "INSERT INTO users (username, display_name, role, password_hash, created_at,"
                    " updated_at) VALUES ('x', 'x', 'guest', 'x', ?, ?)",
                    [NOW, NOW],
                )
            )
    finally:
        db.close()
    assert [(p[0], p[1], p[2]) for p in people] == [
        (1, "admin", "admin"),
        (2, "coord", "coordinator"),
        (3, "judge1", "judge"),
    ]
    assert stages == [("", "received", None, None)]  # every earlier entry is the office's
    assert added == [(4,)]  # the id sequence goes on where it was
