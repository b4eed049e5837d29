"""What every command module shares: output in the user's language, the acting operator,
and opening the data folder for one command."""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from scoring.domain.problem_lists import P, first_of_each_kind
from scoring.errors import InvalidInput, JudgingError
from scoring.i18n import translate
from scoring.settings import Settings

if TYPE_CHECKING:  # the services (and DuckDB) are imported by the commands that run
    from scoring.domain.views import RowProblem
    from scoring.services.context import Actor, Context

T = TypeVar("T")
Commands = argparse._SubParsersAction  # type: ignore[type-arg]


class Io:
    """Where the command reads and writes, and in which language it speaks."""

    def __init__(self, lang: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.lang, self.stdin, self.stdout, self.stderr = lang, stdin, stdout, stderr

    def say(self, key: str, **params: object) -> None:
        """Print a catalog message on stdout."""
        print(translate(key, self.lang, **params), file=self.stdout)

    def text(self, key: str, **params: object) -> str:
        """A catalog message in the command's language."""
        return translate(key, self.lang, **params)

    def json(self, document: Any) -> None:
        """Print one JSON document on stdout (``--json``)."""
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str), file=self.stdout)

    def fail(self, error: JudgingError) -> int:
        """Print an error on stderr; return its exit code."""
        print(translate("cli.error_prefix", self.lang) + error.message(self.lang), file=self.stderr)
        return error.exit_code


def say_problems(io: Io, problems: Iterable[P], say_one: Callable[[P], None]) -> None:
    """The first problems of each kind (``say_one`` prints one), then how many more of each.

    ``--json`` lists every problem; a list of thousands in the terminal helps nobody.
    """
    cut = first_of_each_kind(problems)
    for problem in cut.shown:
        say_one(problem)
    for left in cut.unlisted:
        line = left.like.line
        shown = io.text("entry_import.header_row") if line is None else line
        io.say("cli.problems_more", count=left.count, line=shown, column=left.like.column)


def say_row_problems(io: Io, problems: Iterable[RowProblem], line_key: str) -> None:
    """Row problems as ``line_key`` lines (row · column · value: reason), grouped by kind."""

    def one(p: RowProblem) -> None:
        reason = io.text(p.key, **p.params)
        io.say(line_key, line=p.line, column=p.column, value=p.value, reason=reason)

    say_problems(io, problems, one)


def read_input(path: Path) -> bytes:
    """The bytes of an input file, or a clear message saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InvalidInput("cli.file_unreadable", path=str(path), reason=reason) from None


def shell_actor() -> Actor:
    """The operator at the shell (has the data folder, so acts as admin)."""
    from scoring.services.context import Actor

    try:
        return Actor.shell(getpass.getuser())
    except (KeyError, OSError):
        return Actor.shell("unknown")


def with_context(settings: Settings, work: Callable[[Context], T]) -> T:
    """Open the data folder (it must hold a database: only ``init`` makes one), run
    ``work``, close it again."""
    from scoring.services.context import open_context

    ctx = open_context(settings, create=False)
    try:
        return work(ctx)
    finally:
        ctx.db.close()


def read_password(io: Io) -> str:
    """A password from the terminal (asked twice) or one line of standard input."""
    if io.stdin.isatty():
        first = getpass.getpass(io.text("cli.password_prompt"))
        second = getpass.getpass(io.text("cli.password_again"))
        if first != second:
            raise InvalidInput("error.password_mismatch")
        return first
    line = io.stdin.readline()
    if not line:
        raise InvalidInput("error.password_missing")
    return line.rstrip("\r\n")
