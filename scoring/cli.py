"""``python -m scoring``: a thin shell over the services (exit codes per SPEC §8).

0 done; 1 input rejected (a message says what and what to do; nothing written);
2 usage error (argparse prints the usage).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

from scoring.enums import Role
from scoring.errors import InvalidInput, JudgingError
from scoring.i18n import LANGUAGES, translate
from scoring.services import accounts
from scoring.services.context import Actor, Context, open_context
from scoring.services.demo import DEMO_PASSWORD
from scoring.services.setup import initialise
from scoring.settings import Settings, load_settings

T = TypeVar("T")


class Io:
    """Where the command reads and writes, and in which language it speaks."""

    def __init__(self, lang: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.lang, self.stdin, self.stdout, self.stderr = lang, stdin, stdout, stderr

    def say(self, key: str, **params: object) -> None:
        """Print a catalog message on stdout."""
        print(translate(key, self.lang, **params), file=self.stdout)

    def fail(self, error: JudgingError) -> int:
        """Print an error on stderr; return its exit code."""
        print(translate("cli.error_prefix", self.lang) + error.message(self.lang), file=self.stderr)
        return error.exit_code


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder (./data)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    return common


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="python -m scoring", description="JuryDesk 微视频作品评审台", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", parents=[common], help="create or upgrade the database")
    init.add_argument("--demo", action="store_true", help="seed the demo campaign")
    init.set_defaults(handler=_init)
    _user_commands(commands, common)
    return parser


def _user_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    user = commands.add_parser("user", parents=[common], help="manage users")
    verbs = user.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", parents=[common], help="add a user (password from stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--unit", default="")
    add.set_defaults(handler=_user_add)
    listing = verbs.add_parser("list", parents=[common], help="list users")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_user_list)
    for verb, handler in (("disable", _user_disable), ("enable", _user_enable)):
        sub = verbs.add_parser(verb, parents=[common], help=f"{verb} a user")
        sub.add_argument("name")
        sub.set_defaults(handler=handler)
    reset = verbs.add_parser("reset-password", parents=[common], help="new password from stdin")
    reset.add_argument("name")
    reset.set_defaults(handler=_user_reset)
    role = verbs.add_parser("set-role", parents=[common], help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(handler=_user_role)


def _actor() -> Actor:
    try:
        return Actor.shell(getpass.getuser())
    except (KeyError, OSError):
        return Actor.shell("unknown")


def _init(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    ctx, report = initialise(settings, demo=args.demo, actor=_actor())
    ctx.db.close()
    io.say(
        "cli.init_done",
        path=str(report.data_dir.resolve()),
        version=report.schema_version,
        campaign=report.campaign.name if report.campaign else "-",
    )
    if report.cookie_key_created:
        io.say("cli.cookie_key_created", path=str(settings.cookie_key_path))
    if report.demo_seeded:
        io.say("cli.demo_seeded", password=DEMO_PASSWORD)
    return 0


def _read_password(io: Io) -> str:
    if io.stdin.isatty():
        first = getpass.getpass(translate("cli.password_prompt", io.lang))
        second = getpass.getpass(translate("cli.password_again", io.lang))
        if first != second:
            raise InvalidInput("error.password_mismatch")
        return first
    line = io.stdin.readline()
    if not line:
        raise InvalidInput("error.password_missing")
    return line.rstrip("\r\n")


def _with_context(settings: Settings, work: Callable[[Context], T]) -> T:
    ctx = open_context(settings)
    try:
        return work(ctx)
    finally:
        ctx.db.close()


def _user_add(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    password = _read_password(io)

    def work(ctx: Context) -> int:
        user = accounts.add_user(
            ctx,
            actor=_actor(),
            username=args.name,
            role=Role(args.role),
            password=password,
            display_name=args.display_name,
            unit=args.unit,
        )
        io.say("cli.user_added", name=user.username, role=user.role.value)
        return 0

    return _with_context(settings, work)


def _user_list(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    users = _with_context(settings, lambda ctx: accounts.list_users(ctx, actor=_actor()))
    if args.json:
        rows = [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role.value,
                "unit": u.unit,
                "disabled": u.disabled,
            }
            for u in users
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=io.stdout)
        return 0
    for u in users:
        state = translate("cli.disabled" if u.disabled else "cli.enabled", io.lang)
        print(f"{u.username}\t{u.role.value}\t{state}\t{u.display_name}\t{u.unit}", file=io.stdout)
    return 0


def _user_disable(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    return _set_disabled(args, settings, io, disabled=True)


def _user_enable(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    return _set_disabled(args, settings, io, disabled=False)


def _set_disabled(args: argparse.Namespace, settings: Settings, io: Io, *, disabled: bool) -> int:
    def work(ctx: Context) -> int:
        user = accounts.set_disabled(ctx, actor=_actor(), username=args.name, disabled=disabled)
        io.say("cli.user_disabled" if disabled else "cli.user_enabled", name=user.username)
        return 0

    return _with_context(settings, work)


def _user_reset(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    password = _read_password(io)

    def work(ctx: Context) -> int:
        user = accounts.reset_password(ctx, actor=_actor(), username=args.name, password=password)
        io.say("cli.password_reset", name=user.username)
        return 0

    return _with_context(settings, work)


def _user_role(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    def work(ctx: Context) -> int:
        user = accounts.set_role(ctx, actor=_actor(), username=args.name, role=Role(args.role))
        io.say("cli.role_set", name=user.username, role=user.role.value)
        return 0

    return _with_context(settings, work)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one command; return its exit code."""
    args = build_parser().parse_args(argv)
    overrides = {"data_dir": args.data_dir} if "data_dir" in args else {}
    io_lang = "zh"
    try:
        settings = load_settings(overrides)
        io_lang = getattr(args, "lang", settings.language)
        io = Io(io_lang, stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
        return int(args.handler(args, settings, io))
    except JudgingError as error:
        return Io(io_lang, sys.stdin, stdout or sys.stdout, stderr or sys.stderr).fail(error)
