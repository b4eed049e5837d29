"""The data folder and backups hold password hashes and contacts: folders 0700, files 0600
(stored originals 0400), live and in backups; and a restore checks every name of a
backup's manifest before it touches anything."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoring.cli import main
from scoring.errors import DataFolderProblem
from scoring.services.backup.backups import check_backup, make_backup, restore_backup
from scoring.services.context import Context, open_context
from tests.conftest import ROOT, admin_actor, make_settings
from tests.services.backup.test_backups import whole_folder

ENV = {**os.environ, "JURYDESK_BCRYPT_ROUNDS": "4"}


def modes(folder: Path) -> dict[str, int]:
    """Every folder and file below ``folder`` (itself as "."), with its permission bits."""
    found = {".": folder.stat().st_mode & 0o777}
    for path in sorted(folder.rglob("*")):
        found[path.relative_to(folder).as_posix()] = path.stat().st_mode & 0o777
    return found


def expected(found: dict[str, int], folder: Path, *, originals: int = 0o400) -> dict[str, int]:
    """What ``modes`` must be: folders 0700, originals read-only 0400, other files 0600."""
    want = {}
    for name in found:
        path = folder / name
        if path.is_dir():
            want[name] = 0o700
        elif name.startswith("media/originals/"):
            want[name] = originals
        else:
            want[name] = 0o600
    return want


def test_a_new_installation_is_private_even_under_a_loose_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # A fresh process with the usual umask 022, as a service would start it.
    script = "import os, sys; os.umask(0o022); from scoring.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(data), "init", "--demo"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    found = modes(data)
    assert found == expected(found, data)
    assert {"jurydesk.duckdb", "cookie.key", "media", "media/originals"} <= set(found)


def test_the_write_ahead_log_is_private(demo_ctx: Context, demo_dir: Path) -> None:
    demo_ctx.db.write(lambda cur: cur.execute("UPDATE campaigns SET name = name || ' '"))
    wal = demo_dir / "jurydesk.duckdb.wal"
    assert wal.is_file()
    assert wal.stat().st_mode & 0o777 == 0o600


def test_a_folder_an_older_version_left_open_is_tightened_when_opened(demo_dir: Path) -> None:
    for path in [demo_dir, *demo_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (demo_dir / "elsewhere").symlink_to("/etc/hostname")  # a link is never followed
    before = os.stat("/etc/hostname").st_mode & 0o777
    open_context(make_settings(demo_dir), create=False).db.close()
    (demo_dir / "elsewhere").unlink()
    found = modes(demo_dir)
    assert found == expected(found, demo_dir, originals=0o600)  # the owner keeps what it had
    assert os.stat("/etc/hostname").st_mode & 0o777 == before


def test_a_backup_is_private_and_its_manifest_says_so(demo_ctx: Context, tmp_path: Path) -> None:
    info = make_backup(demo_ctx, actor=admin_actor(), into=tmp_path / "backups")
    found = modes(info.path)
    assert found == expected(found, info.path)
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    manifest = json.loads((info.path / "manifest.json").read_text("utf-8"))
    assert {f["mode"] for f in manifest["files"]} == {"0600", "0400"}


def test_restoring_an_old_backup_with_open_modes_gives_private_files(
    demo_ctx: Context, demo_dir: Path, tmp_path: Path
) -> None:
    info = make_backup(demo_ctx, actor=admin_actor(), into=tmp_path / "backups")
    demo_ctx.db.close()
    document = json.loads((info.path / "manifest.json").read_text("utf-8"))
    for item in document["files"]:  # what a backup made before this change recorded
        item["mode"] = "0644"
    (info.path / "manifest.json").write_text(json.dumps(document), "utf-8")
    restore_backup(make_settings(demo_dir), actor=admin_actor(), source=info.path)
    live = {k: v for k, v in modes(demo_dir).items() if not k.startswith(".before-restore")}
    assert set(live.values()) == {0o700, 0o600}


def rename_part(document: dict[str, Any], field: str, value: str) -> None:
    """Give a part another name, in the manifest's field and in its file list."""
    old = document[field]
    document[field] = value
    for item in document["files"]:
        if item["path"] == old and field == "database":
            item["path"] = value  # the database file keeps matching its part


def edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads((folder / "manifest.json").read_text("utf-8"))
    change(document)
    (folder / "manifest.json").write_text(json.dumps(document), "utf-8")


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("database", "../../victim.duckdb", "error.backup_manifest_bad_path"),
        ("media", "/etc", "error.backup_manifest_bad_path"),
        ("media", "..", "error.backup_manifest_bad_path"),
        ("cookie_key", "../.ssh/authorized_keys", "error.backup_manifest_bad_path"),
        ("database", "other.duckdb", "error.backup_manifest_bad_name"),
    ],
)
def test_manifest_names_are_checked_before_anything_is_touched(
    demo_ctx: Context, demo_dir: Path, tmp_path: Path, field: str, value: str, key: str
) -> None:
    info = make_backup(demo_ctx, actor=admin_actor(), into=tmp_path / "backups")
    demo_ctx.db.close()
    edit_manifest(info.path, lambda d: rename_part(d, field, value))
    if key.endswith("bad_name") and field == "database":  # a consistent backup otherwise
        (info.path / "jurydesk.duckdb").rename(info.path / value)
    around = {p.name for p in demo_dir.parent.iterdir()}
    before = whole_folder(demo_dir)
    with pytest.raises(DataFolderProblem) as caught:
        restore_backup(make_settings(demo_dir), actor=admin_actor(), source=info.path)
    assert (caught.value.key, caught.value.params["file"]) == (key, value)
    assert whole_folder(demo_dir) == before
    assert sorted(p.name for p in demo_dir.iterdir()) == ["cookie.key", "jurydesk.duckdb", "media"]
    assert {p.name for p in demo_dir.parent.iterdir()} == around


def test_a_bad_name_in_the_manifest_fails_the_check_on_the_backup_page(
    demo_ctx: Context, tmp_path: Path
) -> None:
    info = make_backup(demo_ctx, actor=admin_actor(), into=tmp_path / "backups")
    edit_manifest(info.path, lambda d: d.update(database="/etc/passwd"))
    with pytest.raises(DataFolderProblem) as caught:
        check_backup(actor=admin_actor(), source=info.path)
    assert caught.value.message("en").startswith(
        f"The manifest of backup {info.path} lists the path “/etc/passwd”"
    )


def test_restore_from_the_shell_refuses_a_tampered_name_with_exit_1(
    demo_ctx: Context, demo_dir: Path, tmp_path: Path
) -> None:
    info = make_backup(demo_ctx, actor=admin_actor(), into=tmp_path / "backups")
    demo_ctx.db.close()
    edit_manifest(info.path, lambda d: d.update(media="../media"))
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--data-dir", str(demo_dir), "restore", str(info.path)],
        stdin=io.StringIO(""),
        stdout=out,
        stderr=err,
    )
    assert (code, out.getvalue()) == (1, "")
    assert "“../media”" in err.getvalue()
