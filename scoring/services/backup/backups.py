"""Backup and restore of a whole installation (SPEC §9 Data safety; issue 6 part 3).

A backup is a folder: the database snapshot, the media (originals, previews, posters),
the cookie key, and ``manifest.json``. ``make_backup`` runs inside the app or the CLI;
``restore_backup`` only from the shell, because it replaces the database file, which the
running app holds open: it refuses while any process has the database.
"""

from __future__ import annotations

import secrets
import shlex
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from scoring.enums import Role
from scoring.errors import DataFolderProblem, InvalidInput
from scoring.services.context import Actor, Context, audit, require_role, utc_now
from scoring.settings import Settings
from scoring.storage import backup as store
from scoring.storage.backup import BackupFile, Manifest
from scoring.storage.data_folder import private_files, refuse_unfinished_restore
from scoring.storage.database import schema_version
from scoring.storage.migrations import MIGRATIONS
from scoring.storage.restore_journal import (
    Journal,
    discard_staging,
    remove_stale_staging,
    staging_lock,
    swap_in,
    sync_folder,
)
from scoring.user_files import output_problem, require_folder


@dataclass(frozen=True)
class BackupInfo:
    """A finished backup folder and what its manifest says."""

    path: Path
    created_at: datetime
    schema_version: int
    files: int
    size_bytes: int

    @property
    def size_mb(self) -> str:
        """The size in MB, one decimal."""
        return f"{self.size_bytes / (1024 * 1024):.1f}"


@dataclass(frozen=True)
class RestoreReport:
    """What ``restore_backup`` did; ``previous`` holds the replaced data (None if none)."""

    source: Path
    data_dir: Path
    files: int
    schema_version: int
    previous: Path | None


NIGHTLY_FOLDER = "nightly"  # inside the backup folder: pruning never touches other backups


def backup_root(settings: Settings) -> Path:
    """Where the admin page writes backups: ``<data folder>-backups`` beside the data folder."""
    data = settings.data_dir.resolve()
    return data.parent / f"{data.name}-backups"


def restore_command(settings: Settings, source: Path) -> str:
    """The shell command that restores ``source`` into this installation's data folder."""
    data = shlex.quote(str(settings.data_dir.resolve()))
    return f"python -m scoring restore {shlex.quote(str(source))} --data-dir {data}"


def make_backup(ctx: Context, *, actor: Actor, into: Path) -> BackupInfo:
    """Write a new backup folder inside ``into`` and return it. ``into`` is made if its
    parent is there (a mistyped path is refused, not created)."""
    require_role(actor, Role.ADMIN)
    root = into.resolve()
    data = ctx.settings.data_dir.resolve()
    if root.is_relative_to(data):
        raise InvalidInput("error.backup_inside_data", path=str(root), data=str(data))
    stamp = ctx.now().astimezone(ZoneInfo(ctx.settings.timezone))
    name = f"jurydesk-{stamp:%Y%m%d-%H%M%S}"
    require_folder(root.parent, file=root.name)
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        final = _free_name(root, name)
        info = _info(final, _write_backup(ctx, final))
    except OSError as exc:
        raise output_problem(exc, folder=root, file=name) from None
    # Logged once the backup exists, so the log never names a backup that failed.
    ctx.db.write(
        lambda cur: audit(
            cur,
            ctx,
            actor=actor.name,
            action="backup.create",
            target=final.name,
            folder=str(root),
            files=info.files,
            size_bytes=info.size_bytes,
        )
    )
    return info


def _free_name(root: Path, name: str) -> Path:
    candidate, n = root / name, 1
    while candidate.exists() or (root / f".{candidate.name}.partial").exists():
        n += 1
        candidate = root / f"{name}-{n}"
    return candidate


def _write_backup(ctx: Context, final: Path) -> Manifest:
    """Fill a hidden folder beside ``final``, manifest last, then rename it into place."""
    settings = ctx.settings
    partial = final.parent / f".{final.name}.partial"
    partial.mkdir(mode=0o700)
    try:
        db_name = settings.database_path.name
        ctx.db.read(lambda cur: store.snapshot_database(cur, partial / db_name))
        files = [_listed(partial / db_name, db_name, mode=store.file_mode(settings.database_path))]
        sources = list(store.media_files(settings.media_dir))
        if settings.cookie_key_path.is_file():
            sources.append(settings.cookie_key_path)
        for source in sources:
            name = source.relative_to(settings.data_dir).as_posix()
            sha, size = store.copy_file(source, partial / name, mode=store.file_mode(source))
            files.append(BackupFile(path=name, sha256=sha, size=size, mode=store.file_mode(source)))
        manifest = Manifest(
            created_at=ctx.now(),
            schema_version=ctx.db.read(schema_version),
            database=db_name,
            media=settings.media_dir.name,
            cookie_key=settings.cookie_key_path.name
            if settings.cookie_key_path.is_file()
            else None,
            files=tuple(files),
        )
        store.write_manifest(partial, manifest)
        partial.rename(final)
        sync_folder(final.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def _listed(path: Path, name: str, *, mode: int) -> BackupFile:
    path.chmod(mode)
    return BackupFile(path=name, sha256=store.hash_file(path), size=path.stat().st_size, mode=mode)


def _info(path: Path, manifest: Manifest) -> BackupInfo:
    return BackupInfo(
        path=path,
        created_at=manifest.created_at,
        schema_version=manifest.schema_version,
        files=len(manifest.files),
        size_bytes=manifest.size,
    )


def every_backup(*, actor: Actor, root: Path) -> list[BackupInfo]:
    """The backups made from the page or the CLI and the nightly ones, newest first."""
    found = list_backups(actor=actor, root=root) + list_backups(
        actor=actor, root=root / NIGHTLY_FOLDER
    )
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def list_backups(*, actor: Actor, root: Path) -> list[BackupInfo]:
    """Finished backups in ``root`` (those with a readable manifest), newest first."""
    require_role(actor, Role.ADMIN)
    found = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                found.append(_info(folder, store.read_manifest(folder)))
            except DataFolderProblem:
                continue
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def check_backup(*, actor: Actor, source: Path) -> Manifest:
    """Read a backup's manifest and verify every file it lists (hashes included)."""
    require_role(actor, Role.ADMIN)
    folder = source.resolve()
    if not (folder / store.MANIFEST).is_file():
        inside = [b.path.name for b in list_backups(actor=actor, root=folder)]
        if inside:
            raise DataFolderProblem(
                "error.backup_pick_one", path=str(folder), names=", ".join(inside[:5])
            )
    manifest = store.read_manifest(folder)
    newest = MIGRATIONS[-1].version
    if manifest.schema_version > newest:
        raise DataFolderProblem(
            "error.backup_too_new",
            path=str(folder),
            found=manifest.schema_version,
            supported=newest,
        )
    store.verify_files(folder, manifest)
    return manifest


def restore_backup(settings: Settings, *, actor: Actor, source: Path) -> RestoreReport:
    """Replace the data folder's database, media and cookie key by a verified backup.

    Nothing is touched until the whole backup checks out and no process holds the
    database; the new files are staged beside the old ones and swapped in by renames under
    a journal (``storage.restore_journal``), so a kill leaves old data, new data, or a
    folder every program refuses until ``restore --finish`` or ``--roll-back``.
    """
    manifest = check_backup(actor=actor, source=source)
    source = source.resolve()
    _check_names(settings, source=source, manifest=manifest)
    data = settings.data_dir.resolve()
    refuse_unfinished_restore(data)
    store.ensure_not_held(settings.database_path)
    remove_stale_staging(data)  # what an earlier restore killed while staging left
    journal = _journal(source, manifest)
    try:
        private_files()
        data.mkdir(mode=0o700, parents=True, exist_ok=True)
        journal.staging(data).mkdir(mode=0o700)
        with staging_lock(journal.staging(data)):
            store.stage_files(source, manifest, staging=journal.staging(data))
            store.ensure_not_held(settings.database_path)
            kept = swap_in(data, journal)
    except OSError as exc:
        raise DataFolderProblem(
            "error.restore_failed", path=str(data), reason=exc.strerror or str(exc)
        ) from None
    finally:
        discard_staging(data, journal)
    return RestoreReport(
        source=source,
        data_dir=data,
        files=len(manifest.files),
        schema_version=manifest.schema_version,
        previous=journal.previous(data) if kept else None,
    )


def _journal(source: Path, manifest: Manifest) -> Journal:
    """The journal of this restore: a new token, the parts, and those the backup holds."""
    return Journal(
        token=f"{utc_now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}",
        source=str(source),
        parts=manifest.parts,
        staged=tuple(n for n in manifest.parts if any(_below(f.path, n) for f in manifest.files)),
    )


def _below(path: str, part: str) -> bool:
    return path == part or path.startswith(part + "/")


def _check_names(settings: Settings, *, source: Path, manifest: Manifest) -> None:
    """Refuse a manifest whose parts are not this installation's names."""
    expected = {
        manifest.database: settings.database_path.name,
        manifest.media: settings.media_dir.name,
    }
    if manifest.cookie_key is not None:
        expected[manifest.cookie_key] = settings.cookie_key_path.name
    for found, wanted in expected.items():
        if found != wanted:
            raise DataFolderProblem(
                "error.backup_manifest_bad_name", path=str(source), file=found, expected=wanted
            )
