"""``views import``: viewing figures from a CSV/XLSX table (SPEC §5, §8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, read_input, say_row_problems, shell_actor, with_context
from scoring.errors import InvalidInput
from scoring.settings import Settings
from scoring.user_files import require_writable, write_user_file

if TYPE_CHECKING:
    from scoring.services.context import Context
    from scoring.services.views.report import ViewImportReport


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``views import``."""
    views = commands.add_parser("views", parents=[common])
    verbs = views.add_subparsers(dest="verb", required=True, metavar="VERB")
    load = verbs.add_parser("import", parents=[common])
    load.add_argument("file", type=Path)
    load.add_argument("--skip-bad", action="store_true")
    load.add_argument("--replace", action="store_true")
    load.add_argument("--dry-run", action="store_true")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=_import)


def _import(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.views.table_import import import_views

    path: Path = args.file
    data = read_input(path)

    def work(ctx: Context) -> ViewImportReport:
        return import_views(
            ctx,
            actor=shell_actor(),
            data=data,
            file_name=path.name,
            skip_bad=args.skip_bad,
            replace=args.replace,
            dry_run=args.dry_run,
            lang=io.lang,
        )

    rejected = path.with_name(f"{path.stem}.rejected.csv")
    if args.skip_bad and not args.dry_run:
        require_writable(rejected.parent, file=rejected.name)  # before anything is imported
    report = with_context(settings, work)
    saved, unsaved = None, None
    if args.skip_bad and report.rejected_csv is not None and not report.dry_run:
        try:
            write_user_file(rejected, report.rejected_csv)
            saved = rejected
        except InvalidInput as problem:  # a full disk: the report below still lists the rows
            unsaved = problem
    if args.json:
        io.json({**report.to_json(io.lang), "rejected_file": str(saved) if saved else None})
    else:
        _print_report(io, report, saved, settings.timezone)
    if unsaved is not None:
        io.fail(unsaved)
    return 0 if report.accepted or report.already_imported else 1


def _print_report(io: Io, report: ViewImportReport, saved: Path | None, zone: str) -> None:
    from scoring.domain.views import local_time_text

    earlier = report.already_imported
    if earlier is not None:
        when = local_time_text(earlier.imported_at, zone)
        rows = earlier.rows_imported
        io.say(
            "views.outcome_already",
            when=when,
            user=earlier.username,
            file=earlier.file_name,
            rows=rows,
        )
        return
    for key, count in (
        ("views.count_read", report.rows_read),
        ("views.count_imported", report.imported),
        ("views.count_duplicate", report.duplicate),
        ("views.count_replaced", report.replaced),
        ("views.count_rejected", report.rejected),
    ):
        refused = not (report.written or report.dry_run)
        if not refused or key in ("views.count_read", "views.count_rejected"):
            io.say(key, count=count)  # a refused run shows no counts of done work
    if report.new_platforms:
        io.say("views.new_platforms", platforms=", ".join(report.new_platforms))
    if report.dry_run:
        io.say("views.outcome_dry_run")
    elif report.written:
        io.say("views.outcome_written", file=report.file_name)
    elif report.imported + report.duplicate == 0:
        io.say("views.outcome_nothing_good")
    else:
        io.say("views.outcome_rejected", count=report.rejected)
    if saved is not None:
        io.say("cli.views_rejected_saved", count=report.rejected, path=str(saved))
    say_row_problems(io, report.problems, "views.problem_line")
