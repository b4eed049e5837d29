"""Swapping a verified backup into the data folder so that, wherever the process is killed,
the folder holds the old data, the new data, or a journal that leads to either — never a
mix that a program would open (and, finding no database, start afresh on).

The new parts are first staged whole in ``.restore-<token>/`` inside the data folder (one
file system, so each move is one rename). Then the journal ``.unfinished-restore.json`` is
written and flushed, the old parts move into ``.before-restore-<token>/``, the staged parts
move in, and the journal goes. While the journal is there every program refuses the folder
(``data_folder.refuse_unfinished_restore``). Each part is always in exactly one known
place, so finishing and rolling back both work from whatever renames were done.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from scoring.errors import DataFolderProblem

JOURNAL: Final = ".unfinished-restore.json"
FORMAT: Final = "jurydesk-restore-journal"
STAGING_PREFIX: Final = ".restore-"
PREVIOUS_PREFIX: Final = ".before-restore-"
_TOKEN: Final = re.compile(r"[0-9a-z-]{1,64}")


@dataclass(frozen=True, kw_only=True)
class Journal:
    """An unfinished swap: its token, the backup, the parts replaced and those it brings."""

    token: str
    source: str
    parts: tuple[str, ...]  # top-level names of the data folder that the restore replaces
    staged: tuple[str, ...]  # those the backup holds (the others are only moved aside)

    def staging(self, folder: Path) -> Path:
        """Where the new parts wait until they are moved in."""
        return folder / f"{STAGING_PREFIX}{self.token}"

    def previous(self, folder: Path) -> Path:
        """Where the replaced parts are kept."""
        return folder / f"{PREVIOUS_PREFIX}{self.token}"


def plain_name(name: str) -> bool:
    """True for one plain file name: no folder part, not ``.`` or ``..``, not absolute."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\0")


def read_journal(folder: Path) -> Journal | None:
    """The journal of an interrupted restore into ``folder``, or None when there is none."""
    path = folder / JOURNAL
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["format"] != FORMAT:
            raise ValueError(doc["format"])
        journal = Journal(
            token=str(doc["token"]),
            source=str(doc["source"]),
            parts=tuple(str(p) for p in doc["parts"]),
            staged=tuple(str(p) for p in doc["staged"]),
        )
        names = (*journal.parts, *journal.staged)
        if not _TOKEN.fullmatch(journal.token) or not all(plain_name(n) for n in names):
            raise ValueError("names")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise DataFolderProblem("error.restore_journal_unreadable", path=str(path)) from None
    return journal


def swap_in(folder: Path, journal: Journal) -> bool:
    """Write the journal, move the old parts aside and the staged ones in, drop the journal.

    On an error the moves done so far are undone, so the old data stay usable, and the
    error is raised. Returns whether there was old data to keep.
    """
    _write_journal(folder, journal)
    try:
        _forward(folder, journal)
    except BaseException:
        _backward(folder, journal)
        _drop_journal(folder, journal)
        raise
    return _drop_journal(folder, journal)


def finish(folder: Path, journal: Journal) -> bool:
    """Complete an interrupted swap; returns whether replaced data were kept."""
    _forward(folder, journal)
    return _drop_journal(folder, journal)


def roll_back(folder: Path, journal: Journal) -> None:
    """Undo an interrupted swap: the data from before the restore go back in place."""
    _backward(folder, journal)
    _drop_journal(folder, journal)


def _forward(folder: Path, journal: Journal) -> None:
    staging, previous = journal.staging(folder), journal.previous(folder)
    previous.mkdir(mode=0o700, exist_ok=True)
    for name in journal.parts:
        if name in journal.staged and not _exists(staging / name):
            continue  # moved in already: what is in the folder is the new part
        if _exists(folder / name):
            os.replace(folder / name, previous / name)
    for name in journal.staged:
        if _exists(staging / name):
            os.replace(staging / name, folder / name)
    sync_folder(folder)


def _backward(folder: Path, journal: Journal) -> None:
    staging, previous = journal.staging(folder), journal.previous(folder)
    staging.mkdir(mode=0o700, exist_ok=True)
    for name in journal.staged:
        if not _exists(staging / name) and _exists(folder / name):
            os.replace(folder / name, staging / name)  # a new part that was moved in
    for name in journal.parts:
        if _exists(previous / name):
            os.replace(previous / name, folder / name)
    sync_folder(folder)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _write_journal(folder: Path, journal: Journal) -> None:
    document = {
        "format": FORMAT,
        "token": journal.token,
        "source": journal.source,
        "parts": list(journal.parts),
        "staged": list(journal.staged),
        "note": "a restore was interrupted here; run python -m scoring restore --finish"
        " or --roll-back with --data-dir of this folder",
    }
    partial = folder / f"{JOURNAL}.partial"
    with partial.open("w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, folder / JOURNAL)
    sync_folder(folder)


def _drop_journal(folder: Path, journal: Journal) -> bool:
    """Remove the journal, then the staging folder; keep the replaced parts if there were
    any. Returns whether there were."""
    (folder / JOURNAL).unlink(missing_ok=True)
    sync_folder(folder)
    shutil.rmtree(journal.staging(folder), ignore_errors=True)
    previous = journal.previous(folder)
    if previous.is_dir() and not any(previous.iterdir()):
        previous.rmdir()
    return previous.is_dir()


def discard_staging(folder: Path, journal: Journal) -> None:
    """Remove the staging folder of a restore that stopped before or after its swap (with
    the journal still there, the staged parts are what ``finish`` moves in: they stay)."""
    if not (folder / JOURNAL).exists():
        shutil.rmtree(journal.staging(folder), ignore_errors=True)


@contextlib.contextmanager
def staging_lock(staging: Path) -> Iterator[None]:
    """Hold ``staging`` while a restore fills and swaps it (``remove_stale_staging`` skips it)."""
    fd = os.open(staging, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock; a killed process releases it too


def remove_stale_staging(folder: Path) -> list[str]:
    """Remove what interrupted restores left before their journal (staging folders no
    process holds, a half-written journal); returns the names removed."""
    removed = []
    for path in sorted(folder.glob(f"{STAGING_PREFIX}*")) if folder.is_dir() else []:
        if path.is_dir() and not path.is_symlink() and _unheld(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    leftover = folder / f"{JOURNAL}.partial"
    if leftover.is_file():
        leftover.unlink()
        removed.append(leftover.name)
    return removed


def _unheld(path: Path) -> bool:
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
