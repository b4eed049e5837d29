"""storage/backup.py: copying and hashing files, the manifest, and the checks of a backup."""

from __future__ import annotations

import hashlib
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scoring.errors import DataFolderProblem
from scoring.storage import backup
from scoring.storage.backup import BackupFile, Manifest

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _backup(tmp_path: Path) -> tuple[Path, Manifest]:
    """A backup folder of a database and one stored original, with its manifest written."""
    folder = tmp_path / "b1"
    (folder / "media" / "ab").mkdir(parents=True)
    (folder / "jurydesk.duckdb").write_bytes(b"db")
    (folder / "media" / "ab" / "c.mp4").write_bytes(b"film")
    files = tuple(
        BackupFile(path=p, sha256=hashlib.sha256(data).hexdigest(), size=len(data), mode=0o600)
        for p, data in [("jurydesk.duckdb", b"db"), ("media/ab/c.mp4", b"film")]
    )
    manifest = Manifest(
        created_at=AT,
        schema_version=10,
        database="jurydesk.duckdb",
        media="media",
        cookie_key=None,
        files=files,
    )
    backup.write_manifest(folder, manifest)
    return folder, manifest


def _refused(folder: Path, manifest: Manifest) -> tuple[str, dict[str, object]]:
    with pytest.raises(DataFolderProblem) as raised:
        backup.verify_files(folder, manifest)
    return raised.value.key, raised.value.params


def test_copy_file_returns_hash_and_size_and_sets_the_mode(tmp_path: Path) -> None:
    source = tmp_path / "a.bin"
    source.write_bytes(b"abc" * 1000)
    target = tmp_path / "out" / "a.bin"
    sha, size = backup.copy_file(source, target, mode=0o400)
    assert (sha, size) == (hashlib.sha256(b"abc" * 1000).hexdigest(), 3000)
    assert backup.hash_file(target) == sha
    assert stat.S_IMODE(target.stat().st_mode) == 0o400
    assert backup.file_mode(target) == 0o400
    with pytest.raises(FileExistsError):
        backup.copy_file(source, target, mode=0o600)


def test_media_files_skip_hidden_and_half_written_ones_in_order(tmp_path: Path) -> None:
    media = tmp_path / "media"
    for name in ["b/2.mp4", "a/1.mp4", ".tmp/x.mp4", "a/.hidden", "a/3.partial.mp4"]:
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_text("x")
    assert [p.relative_to(media).as_posix() for p in backup.media_files(media)] == [
        "a/1.mp4",
        "b/2.mp4",
    ]
    assert list(backup.media_files(tmp_path / "none")) == []


def test_manifest_round_trip_and_parts(tmp_path: Path) -> None:
    folder, manifest = _backup(tmp_path)
    assert backup.read_manifest(folder) == manifest
    assert manifest.parts == ("jurydesk.duckdb", "jurydesk.duckdb.wal", "media")
    assert manifest.size == 6
    backup.verify_files(folder, manifest)


def test_a_folder_without_manifest_or_with_a_bad_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFolderProblem) as raised:
        backup.read_manifest(tmp_path)
    assert raised.value.key == "error.backup_no_manifest"
    (tmp_path / backup.MANIFEST).write_text('{"format": "other", "format_version": 1}')
    with pytest.raises(DataFolderProblem) as raised:
        backup.read_manifest(tmp_path)
    assert raised.value.key == "error.backup_manifest_unreadable"


def test_a_manifest_path_outside_the_restored_parts_is_refused(tmp_path: Path) -> None:
    folder, manifest = _backup(tmp_path)
    escaping = BackupFile(path="media/../../etc/passwd", sha256="0" * 64, size=1, mode=0o600)
    backup.write_manifest(folder, Manifest(**{**manifest.__dict__, "files": (escaping,)}))
    with pytest.raises(DataFolderProblem) as raised:
        backup.read_manifest(folder)
    assert (raised.value.key, raised.value.params["file"]) == (
        "error.backup_manifest_bad_path",
        "media/../../etc/passwd",
    )


def test_verify_files_names_a_missing_short_extra_or_changed_file(tmp_path: Path) -> None:
    folder, manifest = _backup(tmp_path)
    film = folder / "media" / "ab" / "c.mp4"
    film.write_bytes(b"fil")
    assert _refused(folder, manifest) == (
        "error.backup_file_size",
        {"path": str(folder), "file": "media/ab/c.mp4", "found": 3, "expected": 4},
    )
    film.write_bytes(b"FILM")
    assert _refused(folder, manifest) == (
        "error.backup_file_hash",
        {"path": str(folder), "file": "media/ab/c.mp4"},
    )
    film.write_bytes(b"film")
    (folder / "media" / "ab" / "d.mp4").write_bytes(b"x")
    assert _refused(folder, manifest) == (
        "error.backup_file_extra",
        {"path": str(folder), "file": "media/ab/d.mp4"},
    )
    (folder / "media" / "ab" / "d.mp4").unlink()
    film.unlink()
    assert _refused(folder, manifest) == (
        "error.backup_file_missing",
        {"path": str(folder), "file": "media/ab/c.mp4"},
    )


def test_stage_files_copies_with_owner_only_modes(tmp_path: Path) -> None:
    folder, manifest = _backup(tmp_path)
    staging = tmp_path / "staging"
    backup.stage_files(folder, manifest, staging=staging)
    assert (staging / "media" / "ab" / "c.mp4").read_bytes() == b"film"
    assert stat.S_IMODE((staging / "jurydesk.duckdb").stat().st_mode) == 0o600
