"""``backup DIR`` and ``restore DIR``: a whole installation to a folder and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.settings import Settings


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore``."""
    backup = commands.add_parser(
        "backup", parents=[common], help="write a backup folder inside DIR (database and media)"
    )
    backup.add_argument("dir", metavar="DIR", help="folder that receives the new backup folder")
    backup.add_argument("--json", action="store_true", help="print the result as JSON")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser(
        "restore", parents=[common], help="replace the data folder by the backup in DIR"
    )
    restore.add_argument("dir", metavar="DIR", help="a backup folder (it holds manifest.json)")
    restore.add_argument("--json", action="store_true", help="print the result as JSON")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.backup.backups import make_backup

    actor = shell_actor()
    info = with_context(settings, lambda ctx: make_backup(ctx, actor=actor, into=Path(args.dir)))
    if args.json:
        io.json(
            {
                "path": str(info.path),
                "created_at": info.created_at.isoformat(),
                "schema_version": info.schema_version,
                "files": info.files,
                "size_bytes": info.size_bytes,
            }
        )
        return 0
    io.say(
        "cli.backup_done",
        path=str(info.path),
        files=info.files,
        size=info.size_mb,
        version=info.schema_version,
    )
    return 0


def _restore(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.backup.backups import restore_backup

    report = restore_backup(settings, actor=shell_actor(), source=Path(args.dir))
    previous = str(report.previous) if report.previous else None
    if args.json:
        io.json(
            {
                "source": str(report.source),
                "data_dir": str(report.data_dir),
                "files": report.files,
                "schema_version": report.schema_version,
                "previous": previous,
            }
        )
        return 0
    io.say(
        "cli.restore_done",
        path=str(report.source),
        data=str(report.data_dir),
        files=report.files,
        version=report.schema_version,
    )
    if previous:
        io.say("cli.restore_previous", previous=previous)
    return 0
