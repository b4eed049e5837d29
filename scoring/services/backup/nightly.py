"""The nightly backup made by the running app (the CLI cannot open a database the app
holds): after ``nightly_backup_hour`` each day, one backup into the backup folder, and
only the newest ``backups_kept`` nightly backups are kept."""

from __future__ import annotations

import shutil
from zoneinfo import ZoneInfo

from scoring.domain.schedule import backup_due, expired
from scoring.enums import Role
from scoring.services.background import BackgroundLoop
from scoring.services.backup.backups import (
    NIGHTLY_FOLDER,
    BackupInfo,
    backup_root,
    list_backups,
    make_backup,
)
from scoring.services.context import Actor, Context

SYSTEM = Actor("system:nightly", Role.ADMIN)


def run_nightly_backup(ctx: Context) -> BackupInfo | None:
    """Make today's backup if it is due; remove nightly backups beyond the kept number."""
    root = backup_root(ctx.settings) / NIGHTLY_FOLDER
    zone = ZoneInfo(ctx.settings.timezone)
    done = list_backups(actor=SYSTEM, root=root)
    last = done[0].created_at.astimezone(zone) if done else None
    now = ctx.now().astimezone(zone)
    if not backup_due(now_local=now, last_local=last, hour=ctx.settings.nightly_backup_hour):
        return None
    root.parent.mkdir(mode=0o700, exist_ok=True)  # the first one makes the backup folder
    made = make_backup(ctx, actor=SYSTEM, into=root)
    kept = [made, *done]
    for name in expired([str(b.path) for b in kept], keep=ctx.settings.backups_kept):
        shutil.rmtree(name, ignore_errors=True)
    return made


class NightlyBackups(BackgroundLoop):
    """Checks every ``every_s`` seconds whether the day's backup is due, and makes it."""

    def __init__(self, ctx: Context, *, every_s: float = 600.0) -> None:
        super().__init__("nightly-backup", self._check, idle_s=every_s)
        self._ctx = ctx

    def _check(self) -> bool:
        run_nightly_backup(self._ctx)
        return False
