"""Files written where a user said (exports, the rejected rows of an import, backups):
written whole or not at all, and every refusal a message that names the folder and the
cause — a folder that is not there, one that may not be written, a full disk."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import Final

from scoring.errors import InvalidInput

_READ_ONLY: Final = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL: Final = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def write_user_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    require_folder(target.parent, file=target.name)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # on a read-only disk it was never made
            partial.unlink(missing_ok=True)
        raise output_problem(exc, folder=target.parent, file=target.name) from None


def require_folder(folder: Path, *, file: str) -> None:
    """Refuse a folder that is not there (nothing is created where a path was mistyped)."""
    if not folder.is_dir():
        raise InvalidInput("error.output_folder_missing", folder=_shown(folder), file=file)


def require_writable(folder: Path, *, file: str) -> None:
    """Refuse, before any work, a folder that is not there or may not be written."""
    require_folder(folder, file=file)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput("error.output_read_only", folder=_shown(folder), file=file)


def output_problem(exc: OSError, *, folder: Path, file: str) -> InvalidInput:
    """The message for a failed write of ``file`` into ``folder``."""
    if exc.errno == errno.ENOENT and not folder.is_dir():
        return InvalidInput("error.output_folder_missing", folder=_shown(folder), file=file)
    if exc.errno in _READ_ONLY:
        return InvalidInput("error.output_read_only", folder=_shown(folder), file=file)
    if exc.errno in _FULL:
        return InvalidInput("error.output_disk_full", folder=_shown(folder), file=file)
    reason = exc.strerror or str(exc)
    return InvalidInput("error.output_failed", folder=_shown(folder), file=file, reason=reason)


def _shown(folder: Path) -> str:
    return str(folder.absolute())
