"""Backup folders: a database snapshot, the media, the cookie key, and a manifest.

The snapshot is ``COPY FROM DATABASE`` into a freshly ATTACHed file inside one transaction:
DuckDB's MVCC gives that transaction one consistent view while the app's other cursors go
on writing, and the copy is a plain DuckDB file (tables, sequences with their current
values, constraints). The manifest (sha256, size and mode of every file) is written last,
into a hidden folder that is then renamed: a folder without a manifest is no backup.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Final

import duckdb

from scoring.errors import DataFolderProblem
from scoring.storage.lock_holder import LOCK_HOLDER, busy
from scoring.storage.restore_journal import plain_name
from scoring.storage.rows import Cursor

MANIFEST: Final = "manifest.json"
FORMAT: Final = "jurydesk-backup"
FORMAT_VERSION: Final = 1
CHUNK: Final = 1024 * 1024
OWNER_BITS: Final = 0o700


@dataclass(frozen=True, kw_only=True)
class BackupFile:
    """One file of a backup: its path below the data folder, content hash, size, mode."""

    path: str
    sha256: str
    size: int
    mode: int


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """What a backup holds; ``database``, ``media`` and ``cookie_key`` name its parts."""

    created_at: datetime
    schema_version: int
    database: str
    media: str
    cookie_key: str | None
    files: tuple[BackupFile, ...]

    @property
    def parts(self) -> tuple[str, ...]:
        """The top-level names of the data folder that a restore replaces."""
        key = (self.cookie_key,) if self.cookie_key else ()
        return (self.database, f"{self.database}.wal", self.media, *key)

    @property
    def size(self) -> int:
        """Bytes of all files together."""
        return sum(f.size for f in self.files)


def snapshot_database(cur: Cursor, target: Path) -> None:
    """Copy the whole database, as one transaction sees it, into a new file ``target``."""
    row = cur.execute("SELECT current_database()").fetchone()
    assert row is not None
    source = '"' + str(row[0]).replace('"', '""') + '"'
    alias = f"jd_backup_{secrets.token_hex(6)}"
    try:
        quoted = str(target).replace("'", "''")
        cur.execute(f"ATTACH '{quoted}' AS {alias}")
    except duckdb.Error as exc:
        raise DataFolderProblem(
            "error.backup_folder_unusable", path=str(target.parent), reason=str(exc)
        ) from None
    try:
        cur.begin()
        cur.execute(f"COPY FROM DATABASE {source} TO {alias}")
        cur.commit()
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):
            cur.rollback()
        if isinstance(exc, duckdb.Error):
            raise DataFolderProblem(
                "error.backup_folder_unusable", path=str(target.parent), reason=str(exc)
            ) from None
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            cur.execute(f"DETACH {alias}")


def ensure_not_held(path: Path) -> None:
    """Raise DatabaseBusy when a process (this one included) has the database open."""
    if not path.exists():
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.ConnectionException:
        # This process has it open read-write (the app itself): never swap it underneath.
        raise busy(path, pid=os.getpid(), program=sys.executable, restore=True) from None
    except duckdb.Error as exc:
        held = LOCK_HOLDER.search(str(exc))
        if held:
            raise busy(path, pid=held["pid"], program=held["exe"], restore=True) from None
        return  # unreadable or damaged: a restore is what replaces it
    con.close()


def copy_file(source: Path, target: Path, *, mode: int) -> tuple[str, int]:
    """Copy ``source`` to a new ``target`` (then given ``mode``); return its sha256 and size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as src, os.fdopen(fd, "wb") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(target, mode)
    return digest.hexdigest(), size


def hash_file(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_mode(path: Path) -> int:
    """The owner's permission bits of a file (0o600, 0o400 for an original): a backup gives
    group and others nothing, whatever the data folder had."""
    return path.stat().st_mode & OWNER_BITS


def media_files(media_dir: Path) -> Iterator[Path]:
    """Stored media files in a fixed order, without temporary or half-written ones."""
    if not media_dir.is_dir():
        return
    for path in sorted(media_dir.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(media_dir).parts)
        if path.is_file() and not hidden and ".partial." not in path.name:
            yield path


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write ``manifest.json`` (the last file of a backup) and flush it to disk."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": manifest.created_at.isoformat(),
        "schema_version": manifest.schema_version,
        "database": manifest.database,
        "media": manifest.media,
        "cookie_key": manifest.cookie_key,
        "cookie_key_note": "the cookie-signing key is included; keep this backup private"
        " (the key file keeps mode 0600)",
        "files": [
            {"path": f.path, "sha256": f.sha256, "size": f.size, "mode": f"{f.mode:04o}"}
            for f in manifest.files
        ],
    }
    with (folder / MANIFEST).open("w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())


def read_manifest(folder: Path) -> Manifest:
    """Read and check ``manifest.json`` of a backup folder (no file is hashed here)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise DataFolderProblem("error.backup_no_manifest", path=str(folder))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["format"] != FORMAT or doc["format_version"] != FORMAT_VERSION:
            raise ValueError(f"format {doc['format']} {doc['format_version']}")
        manifest = Manifest(
            created_at=datetime.fromisoformat(doc["created_at"]),
            schema_version=int(doc["schema_version"]),
            database=str(doc["database"]),
            media=str(doc["media"]),
            cookie_key=None if doc["cookie_key"] is None else str(doc["cookie_key"]),
            files=tuple(_file_of(item) for item in doc["files"]),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DataFolderProblem(
            "error.backup_manifest_unreadable", path=str(folder), reason=str(exc)
        ) from None
    for name in (manifest.database, manifest.media, manifest.cookie_key):
        if name is not None and not plain_name(name):
            raise DataFolderProblem("error.backup_manifest_bad_path", path=str(folder), file=name)
    for item in manifest.files:
        _check_path(folder, manifest, item.path)
    return manifest


def _file_of(item: dict[str, Any]) -> BackupFile:
    sha = str(item["sha256"])
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError(f"sha256 of {item['path']}: {sha}")
    return BackupFile(
        path=str(item["path"]), sha256=sha, size=int(item["size"]), mode=int(item["mode"], 8)
    )


def _check_path(folder: Path, manifest: Manifest, path: str) -> None:
    """Refuse manifest paths that would land outside the restored parts of the data folder."""
    parts = PurePosixPath(path).parts
    single = {manifest.database, manifest.cookie_key}
    fine = (
        bool(parts)
        and not PurePosixPath(path).is_absolute()
        and all(p not in ("", ".", "..") and "\\" not in p and "\0" not in p for p in parts)
        and ((parts[0] in single and len(parts) == 1) or (parts[0] == manifest.media))
    )
    if not fine:
        raise DataFolderProblem("error.backup_manifest_bad_path", path=str(folder), file=path)


def verify_files(folder: Path, manifest: Manifest) -> None:
    """Refuse a backup with a missing, truncated, damaged or unlisted file (names it)."""
    for item in manifest.files:
        path = folder / item.path
        if not path.is_file():
            raise DataFolderProblem("error.backup_file_missing", path=str(folder), file=item.path)
        found = path.stat().st_size
        if found != item.size:
            raise DataFolderProblem(
                "error.backup_file_size",
                path=str(folder),
                file=item.path,
                found=found,
                expected=item.size,
            )
    listed = {item.path for item in manifest.files}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in listed and name.split("/")[0] in manifest.parts:
            raise DataFolderProblem("error.backup_file_extra", path=str(folder), file=name)
    for item in manifest.files:
        if hash_file(folder / item.path) != item.sha256:
            raise DataFolderProblem("error.backup_file_hash", path=str(folder), file=item.path)


def stage_files(source: Path, manifest: Manifest, *, staging: Path) -> None:
    """Copy a verified backup into ``staging``, checking every byte again as it is copied."""
    for item in manifest.files:
        mode = item.mode & OWNER_BITS  # older backups recorded 0644 and 0444
        sha, _ = copy_file(source / item.path, staging / item.path, mode=mode)
        if sha != item.sha256:  # changed since it was verified
            raise DataFolderProblem("error.backup_file_hash", path=str(source), file=item.path)
