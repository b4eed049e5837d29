"""``assign``: who scores what, with a logged seed."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.errors import InvalidInput
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.services.context import Context


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``assign``."""
    assign = commands.add_parser("assign", parents=[common])
    assign.add_argument("--per-entry", type=int, default=None)
    assign.add_argument("--seed", type=int, default=None)
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=_assign)


def _assign(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.campaigns.active import active_campaign
    from scoring.services.judging.assignment import run_assignment

    def work(ctx: Context) -> int:
        campaign = active_campaign(ctx)
        if campaign is None or campaign.id is None:
            raise InvalidInput("error.no_active_campaign")
        report = run_assignment(
            ctx,
            actor=shell_actor(),
            campaign_id=campaign.id,
            per_entry=args.per_entry,
            seed=args.seed,
        )
        if args.json:
            io.json(report.lists())
            return 0
        io.say(
            "cli.assigned",
            pairs=len(report.plan.pairs),
            seed=report.plan.seed,
            added=report.added,
            removed=report.removed,
            kept=len(report.plan.kept),
        )
        if not report.plan.connected:
            io.say("cli.assign_not_connected")
        for name, codes in report.lists().items():
            print(f"{name}\t{len(codes)}\t{' '.join(codes)}", file=io.stdout)
        return 0

    return with_context(settings, work)
