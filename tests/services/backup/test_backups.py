"""Backup and restore: exact round trip, manifest checks before anything is replaced,
refusal while the database is held, and old data kept usable when a restore fails."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from scoring.enums import Role
from scoring.errors import DatabaseBusy, DataFolderProblem, InvalidInput, NotAllowed
from scoring.services.backup.backups import (
    BackupInfo,
    backup_root,
    check_backup,
    list_backups,
    make_backup,
    restore_backup,
    restore_command,
)
from scoring.services.campaigns import admin
from scoring.services.context import Actor, Context, open_context
from scoring.settings import Settings
from scoring.storage import backup as backup_store
from scoring.storage.migrations import MIGRATIONS
from tests.conftest import ADMIN, FakeClock, holding, make_settings

ORIGINALS = 19  # the demo's clips: 15 entries, 2 calibration clips, 2 units' drafts
PLEDGES = 1  # the scanned copyright pledge of the demo's units (stored beside the videos)


def dump(cur: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, and every sequence's last value."""
    tables = cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"
    ).fetchall()
    out = {}
    for (table,) in tables:
        sql = f'SELECT * FROM "{table}" ORDER BY ALL'  # noqa: S608 - names from the catalog
        out[table] = cur.execute(sql).fetchall()
    out["(sequences)"] = cur.execute(
        "SELECT sequence_name, last_value FROM duckdb_sequences()"
        " WHERE database_name = current_database() ORDER BY 1"
    ).fetchall()
    return out


def dump_file(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        return dump(con)
    finally:
        con.close()


def files_of(data: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mode of the media files and the cookie key (the database aside)."""
    found = [*sorted((data / "media").rglob("*")), data / "cookie.key"]
    return {
        p.relative_to(data).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), mode(p))
        for p in found
        if p.is_file()
    }


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def whole_folder(data: Path) -> dict[str, str]:
    return {
        p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def made(demo_ctx: Context, tmp_path: Path) -> Iterator[tuple[BackupInfo, dict[str, Any]]]:
    """A finished backup of the demo and the database as it was when it was taken."""
    before = demo_ctx.db.read(dump)
    info = make_backup(demo_ctx, actor=ADMIN, into=tmp_path / "backups")
    yield info, before


def manifest_of(info: BackupInfo) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((info.path / "manifest.json").read_text("utf-8"))
    return loaded


def test_backup_manifest_lists_every_file_with_hash_size_and_mode(
    made: tuple[BackupInfo, dict[str, Any]], demo_dir: Path
) -> None:
    info, _ = made
    manifest = manifest_of(info)
    paths = [f["path"] for f in manifest["files"]]
    assert paths[0] == "jurydesk.duckdb"
    assert paths[-1] == "cookie.key"
    # each original with its judge copy; the pledge has none
    assert len(paths) == 1 + 2 * ORIGINALS + PLEDGES + 1 == info.files
    assert sorted(paths[1:-1]) == sorted(
        f"media/{kind}/{p.name}"
        for kind in ("originals", "clean")
        for p in (demo_dir / "media" / kind).iterdir()
    )
    for item in manifest["files"]:
        content = (info.path / item["path"]).read_bytes()
        assert (hashlib.sha256(content).hexdigest(), len(content)) == (item["sha256"], item["size"])
        assert mode(info.path / item["path"]) == int(item["mode"], 8)
    assert (manifest["schema_version"], info.schema_version) == (MIGRATIONS[-1].version,) * 2
    assert info.size_bytes == sum(f["size"] for f in manifest["files"])


def test_cookie_key_is_backed_up_private_and_the_manifest_says_so(
    made: tuple[BackupInfo, dict[str, Any]], demo_dir: Path
) -> None:
    info, _ = made
    manifest = manifest_of(info)
    key = next(f for f in manifest["files"] if f["path"] == "cookie.key")
    assert (manifest["cookie_key"], key["mode"]) == ("cookie.key", "0600")
    assert "cookie-signing key is included" in manifest["cookie_key_note"]
    assert mode(info.path / "cookie.key") == 0o600
    assert (info.path / "cookie.key").read_bytes() == (demo_dir / "cookie.key").read_bytes()


def test_restore_round_trips_every_table_and_file_exactly(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, demo_dir: Path
) -> None:
    info, before = made
    files_before = files_of(demo_dir)
    # Change the installation after the backup: data, a media file and the key.
    admin.archive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    demo_ctx.db.close()
    victim = next((demo_dir / "media" / "originals").iterdir())
    victim.chmod(0o644)
    victim.unlink()
    (demo_dir / "cookie.key").write_text("0" * 64)
    report = restore_backup(make_settings(demo_dir), actor=ADMIN, source=info.path)
    assert dump_file(demo_dir / "jurydesk.duckdb") == before
    assert files_of(demo_dir) == files_before
    assert mode(demo_dir / "cookie.key") == 0o600
    assert (report.files, report.schema_version, report.data_dir) == (
        info.files,
        MIGRATIONS[-1].version,
        demo_dir.resolve(),
    )
    assert report.previous is not None and (report.previous / "jurydesk.duckdb").is_file()
    assert (report.previous / "cookie.key").read_text() == "0" * 64


def test_restore_keeps_audit_rows_and_ids_continue_after_them(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, demo_dir: Path, clock: FakeClock
) -> None:
    info, before = made
    admin.archive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    demo_ctx.db.close()
    restore_backup(make_settings(demo_dir), actor=ADMIN, source=info.path)
    ctx = open_context(make_settings(demo_dir), clock=clock)
    try:
        assert ctx.db.read(lambda cur: dump(cur)["audit_log"]) == before["audit_log"]
        admin.archive_campaign(ctx, actor=ADMIN, campaign_id=1)
        ids = ctx.db.read(lambda c: c.execute("SELECT id FROM audit_log ORDER BY id").fetchall())
    finally:
        ctx.db.close()
    assert [i for (i,) in ids] == [1, 2, 3]  # the demo's two lines, then a new third


def test_backup_itself_is_logged_after_it_exists(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context
) -> None:
    info, before = made
    rows = demo_ctx.db.read(lambda cur: dump(cur)["audit_log"])
    assert rows[: len(before["audit_log"])] == before["audit_log"]
    (new,) = rows[len(before["audit_log"]) :]
    assert (new[2], new[4], new[5]) == ("admin", "backup.create", info.path.name)
    assert json.loads(new[6])["files"] == info.files


def damage(info: BackupInfo, how: str) -> str:
    """Spoil a finished backup the way an interrupted copy or a bad disk would."""
    original = sorted((info.path / "media" / "originals").iterdir())[0]
    name = f"media/originals/{original.name}"
    original.chmod(0o644)
    if how == "no_manifest":
        (info.path / "manifest.json").unlink()
    elif how == "truncated":
        original.write_bytes(original.read_bytes()[:100])
    elif how == "flipped":
        data = bytearray((info.path / "jurydesk.duckdb").read_bytes())
        data[5000] ^= 0x01
        (info.path / "jurydesk.duckdb").write_bytes(bytes(data))
        name = "jurydesk.duckdb"
    elif how == "missing":
        original.unlink()
    elif how == "extra":
        (info.path / "media" / "previews").mkdir()
        (info.path / "media" / "previews" / "x.mp4").write_bytes(b"x")
        name = "media/previews/x.mp4"
    return name


@pytest.mark.parametrize(
    ("how", "key"),
    [
        ("no_manifest", "error.backup_no_manifest"),
        ("truncated", "error.backup_file_size"),
        ("flipped", "error.backup_file_hash"),
        ("missing", "error.backup_file_missing"),
        ("extra", "error.backup_file_extra"),
    ],
)
def test_damaged_or_partial_backup_refused_naming_the_file_and_nothing_changes(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, demo_dir: Path, how: str, key: str
) -> None:
    info, _ = made
    bad = damage(info, how)
    demo_ctx.db.close()
    folder_before = whole_folder(demo_dir)
    with pytest.raises(DataFolderProblem) as caught:
        restore_backup(make_settings(demo_dir), actor=ADMIN, source=info.path)
    assert caught.value.key == key
    assert caught.value.params["path"] == str(info.path)
    if how != "no_manifest":
        assert caught.value.params["file"] == bad
    assert whole_folder(demo_dir) == folder_before
    assert sorted(p.name for p in demo_dir.iterdir()) == ["cookie.key", "jurydesk.duckdb", "media"]


def test_truncated_file_message_gives_both_sizes(made: tuple[BackupInfo, dict[str, Any]]) -> None:
    info, _ = made
    bad = damage(info, "truncated")
    expected = next(f["size"] for f in manifest_of(info)["files"] if f["path"] == bad)
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=ADMIN, source=info.path)
    assert (caught.value.params["found"], caught.value.params["expected"]) == (100, expected)
    assert f"has 100 bytes where the manifest says {expected}" in caught.value.message("en")


def edit_manifest(info: BackupInfo, change: Callable[[dict[str, Any]], None]) -> None:
    document = manifest_of(info)
    change(document)
    (info.path / "manifest.json").write_text(json.dumps(document), "utf-8")


def test_manifest_path_leaving_the_data_folder_refused(
    made: tuple[BackupInfo, dict[str, Any]],
) -> None:
    info, _ = made
    edit_manifest(info, lambda d: d["files"][1].update(path="media/../../evil"))
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=ADMIN, source=info.path)
    assert (caught.value.key, caught.value.params["file"]) == (
        "error.backup_manifest_bad_path",
        "media/../../evil",
    )


def test_manifest_that_is_not_json_refused(made: tuple[BackupInfo, dict[str, Any]]) -> None:
    info, _ = made
    (info.path / "manifest.json").write_text('{"format": "jurydesk-backup", ', "utf-8")
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=ADMIN, source=info.path)
    assert caught.value.key == "error.backup_manifest_unreadable"


def test_backup_from_a_newer_schema_refused(made: tuple[BackupInfo, dict[str, Any]]) -> None:
    info, _ = made
    edit_manifest(info, lambda d: d.update(schema_version=99))
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=ADMIN, source=info.path)
    assert (caught.value.key, caught.value.params["found"]) == ("error.backup_too_new", 99)


def test_folder_of_backups_given_to_restore_names_them(
    made: tuple[BackupInfo, dict[str, Any]],
) -> None:
    info, _ = made
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=ADMIN, source=info.path.parent)
    assert (caught.value.key, caught.value.params["names"]) == (
        "error.backup_pick_one",
        info.path.name,
    )


def test_restore_refused_while_another_process_holds_the_database(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, demo_dir: Path
) -> None:
    info, _ = made
    demo_ctx.db.close()
    database = demo_dir / "jurydesk.duckdb"
    with holding(database) as pid:
        folder_before = whole_folder(demo_dir)
        with pytest.raises(DatabaseBusy) as caught:
            restore_backup(make_settings(demo_dir), actor=ADMIN, source=info.path)
    assert (caught.value.key, caught.value.params["pid"]) == (
        "error.db_locked_restore",
        str(pid),
    )
    assert "cannot run while any program has it open: stop that process" in caught.value.message(
        "en"
    )
    assert whole_folder(demo_dir) == folder_before


def test_restore_refused_inside_the_process_that_has_the_database_open(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, demo_dir: Path
) -> None:
    info, _ = made
    with pytest.raises(DatabaseBusy) as caught:
        restore_backup(demo_ctx.settings, actor=ADMIN, source=info.path)
    assert (caught.value.key, caught.value.params["pid"]) == (
        "error.db_locked_restore",
        os.getpid(),
    )


def test_restore_failing_half_way_puts_the_old_data_back(
    made: tuple[BackupInfo, dict[str, Any]],
    demo_ctx: Context,
    demo_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    info, _ = made
    admin.archive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    demo_ctx.db.close()
    folder_before, rows_before = whole_folder(demo_dir), dump_file(demo_dir / "jurydesk.duckdb")
    real_replace, calls = os.replace, []

    def disk_full_on_fifth_move(source: Any, target: Any) -> None:
        # Fault injection (issue 6 allows a patched write): the 5th rename fails, after the
        # three old parts went aside and the first staged part came in.
        calls.append(target)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(backup_store.os, "replace", disk_full_on_fifth_move)
    with pytest.raises(DataFolderProblem) as caught:
        restore_backup(make_settings(demo_dir), actor=ADMIN, source=info.path)
    monkeypatch.undo()
    assert (caught.value.key, caught.value.params["reason"]) == (
        "error.restore_failed",
        "No space left on device",
    )
    assert whole_folder(demo_dir) == folder_before
    assert sorted(p.name for p in demo_dir.iterdir()) == ["cookie.key", "jurydesk.duckdb", "media"]
    assert dump_file(demo_dir / "jurydesk.duckdb") == rows_before


def test_half_written_backup_folder_is_not_listed(
    made: tuple[BackupInfo, dict[str, Any]],
) -> None:
    info, _ = made
    (info.path.parent / ".jurydesk-20260301-170000-2.partial").mkdir()
    (info.path.parent / "not-a-backup").mkdir()
    assert list_backups(actor=ADMIN, root=info.path.parent) == [info]


def test_two_backups_in_one_second_get_different_names(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context
) -> None:
    first, _ = made
    second = make_backup(demo_ctx, actor=ADMIN, into=first.path.parent)
    assert (first.path.name, second.path.name) == (
        "jurydesk-20260301-170000",  # 09:00 UTC is 17:00 in Asia/Shanghai
        "jurydesk-20260301-170000-2",
    )
    listed = list_backups(actor=ADMIN, root=first.path.parent)
    assert [b.path.name for b in listed] == [second.path.name, first.path.name]


def test_backup_inside_the_data_folder_refused(demo_ctx: Context, demo_dir: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_backup(demo_ctx, actor=ADMIN, into=demo_dir / "backups")
    assert caught.value.key == "error.backup_inside_data"
    assert not (demo_dir / "backups").exists()


def test_backup_into_an_unusable_folder_refused(demo_ctx: Context, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InvalidInput) as caught:
        make_backup(demo_ctx, actor=ADMIN, into=tmp_path / "a-file" / "backups")
    assert caught.value.key == "error.output_folder_missing"


def test_default_backup_folder_sits_beside_the_data_folder(settings: Settings) -> None:
    root = backup_root(settings)
    assert root == settings.data_dir.resolve().parent / "data-backups"
    assert restore_command(settings, root / "jurydesk-1") == (
        f"python -m scoring restore {root}/jurydesk-1 --data-dir {settings.data_dir.resolve()}"
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.JUDGE])
def test_backup_services_refuse_other_roles(
    made: tuple[BackupInfo, dict[str, Any]], demo_ctx: Context, role: Role
) -> None:
    info, _ = made
    who = Actor("someone", role, 9)
    calls: list[Callable[[], object]] = [
        lambda: make_backup(demo_ctx, actor=who, into=info.path.parent),
        lambda: list_backups(actor=who, root=info.path.parent),
        lambda: check_backup(actor=who, source=info.path),
        lambda: restore_backup(demo_ctx.settings, actor=who, source=info.path),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert len(list_backups(actor=ADMIN, root=info.path.parent)) == 1
