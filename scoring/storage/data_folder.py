"""The data folder on disk: private modes, a database that must be there, a read-only disk,
and the refusal of a folder that a restore left half-way.

Everything in the folder is private to the account that runs JuryDesk (folders 0700,
files 0600; stored originals 0400): the database holds password hashes and contacts.
DuckDB creates its write-ahead log and temporary files itself, so the process that opens
a data folder creates only private files (umask 077); a folder left by an older version
with looser modes is tightened the first time it is opened.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
from pathlib import Path
from typing import Final

from scoring.errors import DataFolderProblem
from scoring.storage.restore_journal import read_journal

PRIVATE_UMASK: Final = 0o077
PRIVATE_FOLDER: Final = 0o700
OWNER_BITS: Final = 0o700  # what a file keeps of its mode: nothing for group or others
# How DuckDB and the system word a write refused by the disk or the permissions.
_READ_ONLY_TEXTS: Final = ("Permission denied", "Read-only file system")


def open_folder(database: Path, *, create: bool) -> None:
    """Make the folder of ``database`` ready to open, or raise saying why it cannot be.

    ``create`` False (every command but ``init``): a folder without the database file is
    refused, naming it, and nothing is created.
    """
    folder = database.parent
    refuse_unfinished_restore(folder)
    if folder.exists() and not folder.is_dir():
        raise DataFolderProblem("error.data_dir_not_folder", path=str(folder))
    if not create and not database.is_file():
        raise DataFolderProblem(
            "error.no_database",
            path=str(folder.absolute()),
            file=database.name,
            init=f"python -m scoring --data-dir {shlex.quote(str(folder.absolute()))} init",
        )
    private_files()
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderProblem(
            "error.data_dir_unusable", path=str(folder), reason=exc.strerror or str(exc)
        ) from None
    refuse_read_only(folder, database)
    make_private(folder)


def private_files() -> None:
    """From now on this process creates files 0600 and folders 0700 (DuckDB's log too)."""
    os.umask(PRIVATE_UMASK)


def refuse_unfinished_restore(folder: Path) -> None:
    """Raise when a restore into ``folder`` was interrupted between its renames."""
    journal = read_journal(folder)
    if journal is None:
        return
    where = shlex.quote(str(folder.absolute()))
    raise DataFolderProblem(
        "error.restore_unfinished",
        path=str(folder.absolute()),
        source=journal.source,
        finish=f"python -m scoring --data-dir {where} restore --finish",
        roll_back=f"python -m scoring --data-dir {where} restore --roll-back",
    )


def refuse_read_only(folder: Path, database: Path) -> None:
    """Raise when the folder or its database cannot be written: a permission problem, which
    a restore from a backup would not mend (it would overwrite good data)."""
    writable = os.access(folder, os.W_OK | os.X_OK)
    if writable and database.exists():
        writable = os.access(database, os.R_OK | os.W_OK)
    if not writable:
        raise read_only_problem(folder)


def read_only_problem(folder: Path) -> DataFolderProblem:
    """The message for a data folder the program may not write: who runs it, and what to do."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return DataFolderProblem("error.data_dir_read_only", path=str(folder.absolute()), user=user)


def is_read_only_error(text: str) -> bool:
    """True when an error text says the disk or the permissions refused a write."""
    return any(words in text for words in _READ_ONLY_TEXTS)


def make_private(folder: Path) -> None:
    """Take group and others' access away from ``folder`` and everything in it. The walk
    runs only when the folder or one of its entries is open to others (an older version
    left them so); otherwise this costs a few ``stat`` calls."""
    if not any(_loose(path) for path in (folder, *folder.iterdir())):
        return
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            _tighten(Path(root) / name)
    _tighten(folder)


def _loose(path: Path) -> bool:
    return not path.is_symlink() and bool(path.stat().st_mode & 0o777 & ~OWNER_BITS)


def _tighten(path: Path) -> None:
    if not _loose(path):
        return  # private already, or a link (chmod would change the file it points to)
    with contextlib.suppress(OSError):  # a file of another account: leave it to its owner
        path.chmod(path.stat().st_mode & OWNER_BITS)
