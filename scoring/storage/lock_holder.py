"""Who holds the database: the running web app, another JuryDesk command, or some other
program — each gets its own message, with its process id and command line."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Final

from scoring.errors import DatabaseBusy

LOCK_HOLDER: Final = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")
SHOWN_CHARS: Final = 400  # a longer command line is cut here in a message


def command_line(pid: int | str) -> list[str]:
    """The arguments of a running process (empty when the system does not say)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def holder_kind(args: list[str]) -> str:
    """``app`` (streamlit), ``command`` (``python -m scoring …``) or ``other``."""
    names = [Path(a).name for a in args]
    if "streamlit" in names:
        return "app"
    if any(a == "-m" and b in ("scoring", "scoring.cli") for a, b in itertools.pairwise(args)):
        return "command"
    return "other"


def busy(database: Path, *, pid: int | str, program: str, restore: bool = False) -> DatabaseBusy:
    """The error for ``database`` held by process ``pid``: what it is and what to do
    (``restore``: the restore, which needs every program to let go of the database)."""
    args = command_line(pid)
    kind = holder_kind(args)
    shown = " ".join(args) or program
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    key = "error.db_locked_restore" if restore else "error.db_locked"
    if kind != "other":
        key += "_" + kind
    return DatabaseBusy(key, path=str(database), pid=pid, program=shown)
