"""``python -m scoring``: a thin shell over the services (exit codes per SPEC §8).

0 done; 1 input rejected (a message says what and what to do; nothing written);
2 usage error (argparse prints the usage). Each command group lives in its own module
with a ``register(commands, common)`` function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from scoring.cli import (
    assign,
    backup,
    calibration,
    entries,
    exports,
    probe,
    ranking,
    scores,
    setup,
    users,
    views,
)
from scoring.cli.base import Io
from scoring.cli.help import chosen_language, localise
from scoring.errors import JudgingError
from scoring.i18n import LANGUAGES
from scoring.settings import load_settings

GROUPS = (
    setup,
    users,
    entries,
    probe,
    views,
    assign,
    calibration,
    scores,
    ranking,
    exports,
    backup,
)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    return common


def _default_language() -> str:
    try:
        return load_settings().language
    except JudgingError:
        return "zh"


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The whole command line, its help in ``lang``."""
    common = _common()
    parser = argparse.ArgumentParser(prog="python -m scoring", parents=[common])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(commands, common)
    localise(parser, lang)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one command; return its exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(chosen_language(words, _default_language())).parse_args(words)
    overrides = {"data_dir": args.data_dir} if "data_dir" in args else {}
    io_lang = "zh"
    try:
        settings = load_settings(overrides)
        io_lang = getattr(args, "lang", settings.language)
        io = Io(io_lang, stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
        return int(args.handler(args, settings, io))
    except JudgingError as error:
        return Io(io_lang, sys.stdin, stdout or sys.stdout, stderr or sys.stderr).fail(error)
