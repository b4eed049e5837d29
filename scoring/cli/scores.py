"""``scores import``: paper score sheets from a CSV/XLSX table (issue 7 §6, SPEC §8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, read_input, say_row_problems, shell_actor, with_context
from scoring.errors import InvalidInput
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.services.context import Actor, Context
    from scoring.services.judging.paper_import import ScoreImportReport


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``scores import``."""
    scores = commands.add_parser("scores", parents=[common])
    verbs = scores.add_subparsers(dest="verb", required=True, metavar="VERB")
    load = verbs.add_parser("import", parents=[common])
    load.add_argument("file", type=Path)
    load.add_argument("--dry-run", action="store_true")
    load.add_argument("--json", action="store_true")
    load.add_argument("--by", metavar="USER")
    load.set_defaults(handler=_import)


def _import(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.judging.paper_import import import_scores

    path: Path = args.file
    data = read_input(path)

    def work(ctx: Context) -> ScoreImportReport:
        actor = shell_actor() if args.by is None else _entered_by(ctx, args.by)
        return import_scores(ctx, actor=actor, data=data, file_name=path.name, dry_run=args.dry_run)

    report = with_context(settings, work)
    if args.json:
        io.json(report.to_json(io.lang))
    else:
        _print_report(io, report, settings.timezone)
    return 0 if report.accepted or report.already_imported else 1


def _entered_by(ctx: Context, username: str) -> Actor:
    """The enabled coordinator or admin named by ``--by``."""
    from scoring.services.context import STAFF, Actor
    from scoring.storage.users import get_user_by_name

    user = ctx.db.read(lambda cur: get_user_by_name(cur, username))
    if user is None or user.disabled or user.role not in STAFF:
        raise InvalidInput("cli.scores_by_invalid", user=username)
    return Actor.of(user)


def _print_report(io: Io, report: ScoreImportReport, zone: str) -> None:
    from scoring.domain.views import local_time_text

    earlier = report.already_imported
    if earlier is not None:
        io.say(
            "paper.outcome_already",
            when=local_time_text(earlier.imported_at, zone),
            user=earlier.username,
            file=earlier.file_name,
        )
        return
    refused = not report.written and not (report.dry_run and report.accepted)
    io.say("paper.counts_refused" if refused else "paper.counts", **report.counts())
    if report.dry_run and report.accepted:
        io.say("paper.outcome_dry_run")
    elif report.written:
        io.say("paper.outcome_written", file=report.file_name)
    else:
        io.say("paper.outcome_rejected", count=report.counts()["rejected"])
    say_row_problems(io, report.check.problems, "paper.problem_line")
