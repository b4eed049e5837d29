"""``probe``: what a video file is, read from the file itself (SPEC §3, §8).

Nothing is stored and no data folder is opened; the findings are those of the default
rule set's media rules for the given category. Exit 1 when any file has a finding of
severity ``error`` (so a script can stop on it), 0 when there are only warnings or none.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoring.cli.base import Commands, Io
from scoring.enums import Category, JobStatus, Severity
from scoring.settings import Settings

if TYPE_CHECKING:
    from scoring.services.entries.media_files import ProbeResult

_ICONS = {"ok": "✅", "warning": "⚠️", "error": "⛔"}


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``probe FILE... [--category …] [--json]``."""
    probe = commands.add_parser("probe", parents=[common])
    probe.add_argument("files", nargs="+", type=Path, metavar="FILE")
    probe.add_argument(
        "--category", choices=[c.value for c in Category], default=Category.MICRO_VIDEO.value
    )
    probe.add_argument("--json", action="store_true")
    probe.set_defaults(handler=_probe)


def _probe(args: argparse.Namespace, settings: Settings, io: Io) -> int:
    from scoring.services.entries.media_files import probe_paths

    results = probe_paths(args.files, category=Category(args.category))
    if args.json:
        io.json([r.to_json(io.lang) for r in results])
    else:
        for result in results:
            _print(io, result)
    errors = [f for r in results for f in r.findings if f.severity is Severity.ERROR]
    return 1 if errors else 0


def _print(io: Io, result: ProbeResult) -> None:
    doc = result.to_json(io.lang)
    none = io.text("probe.none")
    shown = {k: none if v is None else v for k, v in doc.items()}
    orientation = doc["orientation"]
    shown["orientation"] = io.text("orientation." + orientation) if orientation else none
    io.say("probe.file" if doc["width"] else "probe.file_no_video", **shown)
    for finding in doc["findings"]:
        name = io.text("rule_name." + finding["rule"])
        icon = _ICONS[finding["severity"]]
        io.say("probe.finding", icon=icon, rule=name, message=finding["message"])
    _print_hints(io, doc["hints"])


def _print_hints(io: Io, hints: dict[str, Any] | None) -> None:
    """The media hints under the findings: each message, then the same-film pairs."""
    if hints is None:
        return
    if hints["status"] == JobStatus.FAILED:
        io.say("probe.hint_failed", reason=hints["error"])
        return
    for hint in hints["list"]:
        io.say("probe.hint", message=hint["message"])
    for pair in hints["same_film"]:
        ranges = "; ".join(
            f"{_span(io, a, b)} = {_span(io, c, d)}" for a, b, c, d in pair["ranges"]
        )
        io.say("probe.same_film", file=pair["file"], ranges=ranges)


def _span(io: Io, start: float, end: float) -> str:
    from scoring.domain.hints import clock_text

    return io.text("hints.span", start=clock_text(start), end=clock_text(end))
