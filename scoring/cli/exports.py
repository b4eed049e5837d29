"""``export`` and ``report``: the files of SPEC §7, the notice's forms and the decision record."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.cli.ranking import add_what_if, campaign_id_of, what_if_of
from scoring.errors import InvalidInput
from scoring.settings import Settings
from scoring.user_files import require_folder, write_user_file

if TYPE_CHECKING:  # the builders (openpyxl, Typst) are imported when a file is made
    from scoring.services.context import Context

SUFFIXES: Final = {
    "shortlist": (".csv", ".xlsx", ".pdf"),
    "ranking": (".csv", ".xlsx"),
    "scores": (".csv", ".xlsx"),
    "registration": (".xlsx", ".pdf"),
    "contacts": (".xlsx", ".pdf"),
    "units": (".csv", ".xlsx"),
}
Maker = Callable[["Context", argparse.Namespace, str], bytes]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``export`` and ``report``."""
    export = commands.add_parser("export", parents=[common])
    export.add_argument("what", choices=sorted(SUFFIXES))
    export.add_argument("out")
    export.add_argument("--entry", default="")
    export.add_argument("--unit", default="")
    export.set_defaults(handler=_export)
    report = commands.add_parser("report", parents=[common])
    report.add_argument("out")
    add_what_if(report)
    report.set_defaults(handler=_report)


def _sheet(name: str) -> Maker:
    def make(ctx: Context, args: argparse.Namespace, fmt: str) -> bytes:
        from scoring.services.ranking import exports
        from scoring.tables.writing import encode

        builder = getattr(exports, f"{name}_sheet")
        sheet = builder(ctx, actor=shell_actor(), campaign_id=campaign_id_of(ctx))
        return encode(sheet, f"x.{fmt}")

    return make


def _shortlist(ctx: Context, args: argparse.Namespace, fmt: str) -> bytes:
    from scoring.services.ranking.official_forms import export_summary

    return export_summary(ctx, actor=shell_actor(), campaign_id=campaign_id_of(ctx), fmt=fmt)


def _registration(ctx: Context, args: argparse.Namespace, fmt: str) -> bytes:
    from scoring.services.entries.unit_forms import registration_file

    return registration_file(
        ctx, actor=shell_actor(), campaign_id=campaign_id_of(ctx), fmt=fmt,
        code=args.entry, unit=args.unit,
    )  # fmt: skip


def _contacts(ctx: Context, args: argparse.Namespace, fmt: str) -> bytes:
    from scoring.services.entries.unit_forms import contacts_file

    return contacts_file(
        ctx, actor=shell_actor(), campaign_id=campaign_id_of(ctx), fmt=fmt, unit=args.unit
    )


def _units(ctx: Context, args: argparse.Namespace, fmt: str) -> bytes:
    from scoring.services.entries.units import units_sheet
    from scoring.tables.writing import encode

    lang = getattr(args, "lang", "zh")  # the tables are Chinese unless --lang asks otherwise
    sheet = units_sheet(ctx, actor=shell_actor(), campaign_id=campaign_id_of(ctx), lang=lang)
    return encode(sheet, f"x.{fmt}")


MAKERS: Final[dict[str, Maker]] = {
    "shortlist": _shortlist,
    "ranking": _sheet("ranking"),
    "scores": _sheet("scores"),
    "registration": _registration,
    "contacts": _contacts,
    "units": _units,
}


def _check(target: Path, what: str, args: argparse.Namespace) -> str:
    suffixes = SUFFIXES[what]
    if target.suffix.lower() not in suffixes:
        raise InvalidInput("error.export_suffix", file=str(target), suffixes="、".join(suffixes))
    needs_unit = what == "contacts" or (what == "registration" and not args.entry)
    if needs_unit and not args.unit.strip():
        raise InvalidInput("error.export_needs_unit", what=what)
    return target.suffix.lower().lstrip(".")


def _export(args: argparse.Namespace, settings: Settings, io_: Io) -> int:
    target = Path(args.out)
    fmt = _check(target, args.what, args)
    require_folder(target.parent, file=target.name)  # before the work, not after it

    def work(ctx: Context) -> int:
        data = MAKERS[args.what](ctx, args, fmt)
        write_user_file(target, data)
        io_.say("cli.written", what=args.what, path=str(target), size=len(data))
        return 0

    return with_context(settings, work)


def _report(args: argparse.Namespace, settings: Settings, io_: Io) -> int:
    target = Path(args.out)
    if target.suffix.lower() != ".pdf":
        raise InvalidInput("error.export_suffix", file=str(target), suffixes=".pdf")
    require_folder(target.parent, file=target.name)

    def work(ctx: Context) -> int:
        from scoring.services.ranking.decision_record import decision_record_pdf

        data = decision_record_pdf(
            ctx,
            actor=shell_actor(),
            campaign_id=campaign_id_of(ctx),
            what_if=what_if_of(args),
            lang=io_.lang,
        )
        write_user_file(target, data)
        io_.say("cli.written", what="report", path=str(target), size=len(data))
        return 0

    return with_context(settings, work)
