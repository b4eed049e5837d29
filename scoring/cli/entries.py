"""``entries import``: an entry table and a folder of videos (SPEC §2, §8).

Exit 0 when the table was written (or, with ``--dry-run``, would be), 1 when it was
refused (every problem printed; nothing written), 2 for a usage error.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from scoring.cli.base import Commands, Io, read_input, say_problems, shell_actor, with_context
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.domain.entry_rows import EntryProblem
    from scoring.records.media import MediaFile
    from scoring.services.context import Context
    from scoring.services.entries.report import EntryImportReport


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``entries import``."""
    entries = commands.add_parser("entries", parents=[common])
    verbs = entries.add_subparsers(dest="verb", required=True, metavar="VERB")
    load = verbs.add_parser("import", parents=[common])
    load.add_argument("table", type=Path, metavar="TABLE")
    load.add_argument("--media-dir", type=Path, default=None)
    load.add_argument("--dry-run", action="store_true")
    load.add_argument("--no-previews", action="store_true")
    load.add_argument("--allow-changing-scored", action="store_true")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=_import)


def _import(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.entries.table_import import import_entries

    path: Path = args.table
    data = read_input(path)

    def work(ctx: Context) -> tuple[EntryImportReport, list[dict[str, Any]]]:
        report = import_entries(
            ctx,
            actor=shell_actor(),
            data=data,
            file_name=path.name,
            media_dir=args.media_dir,
            dry_run=args.dry_run,
            allow_scored_changes=args.allow_changing_scored,
        )
        if not args.json:
            _print_report(io, report)
        if not report.written or args.no_previews:
            return report, []
        # Progress goes to stderr under --json, so stdout holds one JSON document.
        return report, _previews(ctx, io, report, out=io.stderr if args.json else io.stdout)

    report, previews = with_context(settings, work)
    if args.json:
        io.json({**report.to_json(io.lang), "previews": previews})
    return 0 if report.plan.accepted else 1


def _previews(
    ctx: Context, io: Io, report: EntryImportReport, *, out: TextIO
) -> list[dict[str, Any]]:
    """Make the new videos' previews now, one line of progress per video."""
    from scoring.services.entries.media_files import make_previews

    made: list[dict[str, Any]] = []

    def shown(number: int, total: int, media: MediaFile, ok: bool) -> None:
        made.append({"file": media.original_name, "sha256": media.sha256, "made": ok})
        status = io.text("preview.done" if ok else "preview.failed")
        file = media.original_name
        line = io.text(
            "entry_import.preview_line", number=number, total=total, file=file, status=status
        )
        print(line, file=out)

    make_previews(ctx, [m.sha256 for m in report.media], on_each=shown)
    return made


def _say_problem(io: Io, problem: EntryProblem) -> None:
    reason = io.text(problem.key, **problem.params)
    if problem.line is None:
        io.say("entry_import.problem_header", column=problem.column, reason=reason)
    else:
        line, column, value = problem.line, problem.column, problem.value
        io.say("entry_import.problem_line", line=line, column=column, value=value, reason=reason)


def _print_report(io: Io, report: EntryImportReport) -> None:
    plan = report.plan
    io.say("entry_import.count_read", count=plan.rows_read)
    for key, codes in (
        ("entry_import.count_created", report.created),
        ("entry_import.count_updated", report.updated),
        ("entry_import.count_unchanged", report.unchanged),
    ):
        if plan.accepted:  # a refused run did nothing: it shows no counts of done work
            io.say(key, count=len(codes), codes=", ".join(codes) or "—")
    if report.media:
        io.say("entry_import.count_media", count=len(report.media))
    if plan.spreadsheet_codes:
        io.say("entry_import.spreadsheet_codes", codes=", ".join(plan.spreadsheet_codes))
    if plan.scored_codes and plan.accepted:
        io.say("entry_import.scored_changes", codes=", ".join(plan.scored_codes))
    say_problems(io, plan.problems, partial(_say_problem, io))
    if not plan.accepted:
        io.say("entry_import.outcome_rejected", count=len(plan.problems))
    elif not report.written:
        io.say("entry_import.outcome_dry_run")
    else:
        io.say("entry_import.outcome_written", file=plan.file_name)
        if report.with_errors:
            io.say("entry_import.with_errors", codes=", ".join(report.with_errors))
