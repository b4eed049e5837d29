"""``init``: create or upgrade the data folder."""

from __future__ import annotations

import argparse

from scoring.cli.base import Commands, Io, shell_actor
from scoring.settings import Settings


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``init``."""
    init = commands.add_parser("init", parents=[common])
    init.add_argument("--demo", action="store_true")
    init.set_defaults(handler=_init)


def _init(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.demo import DEMO_PASSWORD
    from scoring.services.setup import initialise

    ctx, report = initialise(settings, demo=args.demo, actor=shell_actor())
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
