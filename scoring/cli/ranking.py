"""``rank`` and ``export``: the ranking as JSON/CSV/table, and the files of SPEC §7."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.enums import Method
from scoring.errors import InvalidInput
from scoring.settings import Settings
from scoring.user_files import require_folder, write_user_file

if TYPE_CHECKING:  # imported by the handlers: ``--help`` and ``rank --json`` stay light
    from scoring.services.context import Context

EXPORTS = ("ranking", "scores", "shortlist")  # each built by ``<name>_sheet`` of the exports


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``rank`` and ``export``."""
    rank = commands.add_parser("rank", parents=[common], help="rank the active campaign")
    rank.add_argument("--top", type=int, default=None, help="shortlist size N")
    rank.add_argument("--expert-weight", type=float, default=None, help="w in [0, 1]")
    rank.add_argument("--method", choices=[m.value for m in Method], default=None)
    rank.add_argument("--cutoff", default=None, help="viewing figures up to this time (ISO)")
    out = rank.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true")
    rank.set_defaults(handler=_rank)
    export = commands.add_parser("export", parents=[common], help="write an export file")
    export.add_argument("what", choices=EXPORTS)
    export.add_argument("out", help="OUT.csv or OUT.xlsx")
    export.set_defaults(handler=_export)


def _campaign_id(ctx: Context) -> int:
    from scoring.services.campaigns.active import active_campaign

    campaign = active_campaign(ctx)
    if campaign is None or campaign.id is None:
        raise InvalidInput("error.no_active_campaign")
    return campaign.id


def _rank(args: argparse.Namespace, settings: Settings, io_: Io) -> int:
    from scoring.services.ranking.results import WhatIf, compute_ranking, rank_rows

    what_if = WhatIf(
        method=args.method, expert_weight=args.expert_weight, top_n=args.top, cutoff=args.cutoff
    )

    def work(ctx: Context) -> int:
        campaign_id = _campaign_id(ctx)
        result = compute_ranking(ctx, actor=shell_actor(), campaign_id=campaign_id, what_if=what_if)
        rows = rank_rows(result)
        if args.json:
            io_.json(rows)
        elif args.csv:
            from scoring.services.ranking.exports import ranking_sheet
            from scoring.tables.writing import to_csv

            sheet = ranking_sheet(
                ctx, actor=shell_actor(), campaign_id=campaign_id, what_if=what_if, lang=io_.lang
            )
            io_.stdout.write(to_csv(sheet).decode("utf-8-sig"))
        else:
            _print_table(io_, rows)
        return 0

    return with_context(settings, work)


def _print_table(io_: Io, rows: list[dict[str, object]]) -> None:
    for r in rows:
        scores = "  ".join(
            "" if r[k] is None else f"{r[k]:6.2f}" for k in ("expert", "audience", "final")
        )
        rank = "" if r["rank"] is None else str(r["rank"])
        print(
            f"{rank:>3}  {r['code']}  {scores}  {r['judges']}  {r['views']}  {r['status']}  "
            f"{r['title']}",
            file=io_.stdout,
        )


def _export(args: argparse.Namespace, settings: Settings, io_: Io) -> int:
    target = Path(args.out)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput("error.export_suffix", file=args.out)
    require_folder(target.parent, file=target.name)  # before the work, not after it

    from scoring.services.ranking import exports
    from scoring.tables.writing import encode

    def work(ctx: Context) -> int:
        builder = getattr(exports, f"{args.what}_sheet")
        sheet = builder(ctx, actor=shell_actor(), campaign_id=_campaign_id(ctx))
        write_user_file(target, encode(sheet, target.name))
        io_.say("cli.exported", what=args.what, path=str(target), rows=len(sheet.rows))
        return 0

    return with_context(settings, work)
