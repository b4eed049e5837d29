"""``user``: add, list, disable, enable, reset a password, change a role."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, read_password, shell_actor, with_context
from scoring.enums import Role
from scoring.i18n import translate
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.services.context import Context


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``user add|list|disable|enable|reset-password|set-role``."""
    user = commands.add_parser("user", parents=[common])
    verbs = user.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", parents=[common])
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--unit", default="")
    add.set_defaults(handler=_user_add)
    listing = verbs.add_parser("list", parents=[common])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_user_list)
    for verb, handler in (("disable", _user_disable), ("enable", _user_enable)):
        sub = verbs.add_parser(verb, parents=[common])
        sub.add_argument("name")
        sub.set_defaults(handler=handler)
    reset = verbs.add_parser("reset-password", parents=[common])
    reset.add_argument("name")
    reset.set_defaults(handler=_user_reset)
    role = verbs.add_parser("set-role", parents=[common])
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(handler=_user_role)


def _user_add(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services import users

    password = read_password(io)

    def work(ctx: Context) -> int:
        user = users.add_user(
            ctx,
            actor=shell_actor(),
            username=args.name,
            role=Role(args.role),
            password=password,
            display_name=args.display_name,
            unit=args.unit,
        )
        io.say("cli.user_added", name=user.username, role=user.role.value)
        return 0

    return with_context(settings, work)


def _user_list(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services import users

    listed = with_context(settings, lambda ctx: users.list_users(ctx, actor=shell_actor()))
    if args.json:
        rows = [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role.value,
                "unit": u.unit,
                "disabled": u.disabled,
            }
            for u in listed
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=io.stdout)
        return 0
    for u in listed:
        state = translate("cli.disabled" if u.disabled else "cli.enabled", io.lang)
        print(f"{u.username}\t{u.role.value}\t{state}\t{u.display_name}\t{u.unit}", file=io.stdout)
    return 0


def _user_disable(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    return _set_disabled(args, settings, io, disabled=True)


def _user_enable(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    return _set_disabled(args, settings, io, disabled=False)


def _set_disabled(args: argparse.Namespace, settings: Settings, io: Io, *, disabled: bool) -> int:
    from scoring.services import users

    def work(ctx: Context) -> int:
        user = users.set_disabled(ctx, actor=shell_actor(), username=args.name, disabled=disabled)
        io.say("cli.user_disabled" if disabled else "cli.user_enabled", name=user.username)
        return 0

    return with_context(settings, work)


def _user_reset(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services import users

    password = read_password(io)

    def work(ctx: Context) -> int:
        user = users.reset_password(ctx, actor=shell_actor(), username=args.name, password=password)
        io.say("cli.password_reset", name=user.username)
        return 0

    return with_context(settings, work)


def _user_role(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services import users

    def work(ctx: Context) -> int:
        user = users.set_role(ctx, actor=shell_actor(), username=args.name, role=Role(args.role))
        io.say("cli.role_set", name=user.username, role=user.role.value)
        return 0

    return with_context(settings, work)
