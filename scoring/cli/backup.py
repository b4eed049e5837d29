"""``backup DIR`` and ``restore DIR``: a whole installation to a folder and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.settings import Settings


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore``."""
    backup = commands.add_parser("backup", parents=[common])
    backup.add_argument("dir", metavar="DIR")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", parents=[common])
    restore.add_argument("dir", metavar="DIR", nargs="?")
    unfinished = restore.add_mutually_exclusive_group()
    unfinished.add_argument("--finish", action="store_true")
    unfinished.add_argument("--roll-back", action="store_true")
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=_restore, usage_error=restore.error)


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

    if args.finish or args.roll_back:
        if args.dir is not None:
            args.usage_error("DIR goes with neither --finish nor --roll-back")
        return _complete(args, settings, io)
    if args.dir is None:
        args.usage_error("give the backup folder DIR (or --finish / --roll-back)")
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


def _complete(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.backup.unfinished import complete_restore

    done = complete_restore(settings, actor=shell_actor(), forward=args.finish)
    previous = str(done.previous) if done.previous else None
    if args.json:
        io.json(
            {
                "data_dir": str(done.data_dir),
                "source": done.source,
                "finished": done.finished,
                "previous": previous,
            }
        )
        return 0
    key = "cli.restore_finished" if done.finished else "cli.restore_rolled_back"
    io.say(key, data=str(done.data_dir), path=done.source)
    if previous:
        io.say("cli.restore_previous", previous=previous)
    return 0
