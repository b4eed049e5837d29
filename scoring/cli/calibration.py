"""``calibration add``: a reference clip of the calibration round (试评) from a file — the
way for videos over the browser's upload limit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.cli.ranking import campaign_id_of
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.services.context import Context


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``calibration add``."""
    group = commands.add_parser("calibration", parents=[common])
    verbs = group.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", parents=[common])
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--title", default="")
    add.add_argument("--no-previews", action="store_true")
    add.set_defaults(handler=_add)


def _add(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.entries.media_files import make_previews
    from scoring.services.judging.calibration import calibration_overview
    from scoring.services.judging.calibration_clips import add_clip_file

    def work(ctx: Context) -> int:
        campaign_id = campaign_id_of(ctx)
        clip = add_clip_file(
            ctx, actor=shell_actor(), campaign_id=campaign_id, path=args.file, title=args.title
        )
        seen = calibration_overview(ctx, actor=shell_actor(), campaign_id=campaign_id)
        number = next(c.number for c in seen.clips if c.clip.id == clip.id)
        io.say("calibration.cli_added", number=number, file=args.file.name)
        if not args.no_previews:
            make_previews(ctx, [clip.media_sha256], on_each=lambda *_: None)
        return 0

    return with_context(settings, work)
