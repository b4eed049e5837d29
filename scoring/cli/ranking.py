"""``rank``: the ranking as JSON, CSV or a table (the files are ``export``'s)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scoring.cli.base import Commands, Io, shell_actor, with_context
from scoring.domain.rounding import score_text
from scoring.enums import Method
from scoring.errors import InvalidInput
from scoring.settings import Settings

if TYPE_CHECKING:  # imported by the handlers: ``--help`` and ``rank --json`` stay light
    from scoring.services.context import Context
    from scoring.services.ranking.results import RankingResult, WhatIf
    from scoring.services.ranking.stability import Stability


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``rank``."""
    rank = commands.add_parser("rank", parents=[common])
    add_what_if(rank)
    rank.add_argument("--audience", action="store_true")
    rank.add_argument("--stability", action="store_true")
    out = rank.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true")
    rank.set_defaults(handler=_rank)


def campaign_id_of(ctx: Context) -> int:
    """The active campaign's id; InvalidInput when there is none."""
    from scoring.services.campaigns.active import active_campaign

    campaign = active_campaign(ctx)
    if campaign is None or campaign.id is None:
        raise InvalidInput("error.no_active_campaign")
    return campaign.id


def add_what_if(parser: argparse.ArgumentParser) -> None:
    """The ranking settings a command may try instead of the campaign's own."""
    parser.add_argument("--top", type=int, default=None)
    parser.add_argument("--expert-weight", type=float, default=None)
    parser.add_argument("--method", choices=[m.value for m in Method], default=None)
    parser.add_argument("--cutoff", default=None)


def what_if_of(args: argparse.Namespace) -> WhatIf:
    """The settings given on the command line (None keeps the campaign's)."""
    from scoring.services.ranking.results import WhatIf

    return WhatIf(
        method=args.method, expert_weight=args.expert_weight, top_n=args.top, cutoff=args.cutoff
    )


def _rank(args: argparse.Namespace, settings: Settings, io_: Io) -> int:
    from scoring.services.ranking.results import compute_ranking, rank_rows
    from scoring.services.ranking.stability import stability_of, top_n_chances

    what_if = what_if_of(args)

    def work(ctx: Context) -> int:
        campaign_id = campaign_id_of(ctx)
        actor = shell_actor()
        result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
        if args.audience:
            _audience(ctx, io_, args, result)
            return 0
        # The figures the Ranking page shows, from the same service functions.
        stability = stability_of(ctx, actor=actor, result=result) if args.stability else None
        chances = (
            stability.probabilities if stability else top_n_chances(actor=actor, result=result)
        )
        rows = rank_rows(result, chances)
        if args.json:
            io_.json(_document(result, rows, stability))
        elif args.csv:
            from scoring.services.ranking.exports import ranking_sheet
            from scoring.tables.writing import to_csv

            sheet = ranking_sheet(
                ctx, actor=shell_actor(), campaign_id=campaign_id, what_if=what_if, lang=io_.lang
            )
            io_.stdout.write(to_csv(sheet).decode("utf-8-sig"))
        else:
            _print_table(io_, rows)
            if stability is not None:
                _print_stability(io_, result, stability)
        return 0

    return with_context(settings, work)


def _document(
    result: RankingResult, rows: list[dict[str, object]], stability: Stability | None
) -> object:
    """``rank --json``: the rows; with ``--stability``, ``{"ranking": rows, "stability": …}``."""
    from scoring.services.ranking.stability import stability_json

    if stability is None:
        return rows
    return {"ranking": rows, "stability": stability_json(result, stability)}


def _print_stability(io_: Io, result: RankingResult, stability: Stability) -> None:
    """The panel beside the ranking, one line per figure."""
    from scoring.services.ranking.stability import stability_json

    doc = stability_json(result, stability)
    boot = doc["bootstrap"]
    chances = "  ".join(f"{code} {p:.1%}" for code, p in boot["p_top"].items())
    io_.say(
        "cli.stability_bootstrap", seed=boot["seed"], resamples=boot["resamples"], chances=chances
    )
    for left_out in doc["without_judge"]:
        top = ", ".join(left_out["top"]) or "—"
        io_.say("cli.stability_without", judge=left_out["judge"], codes=top)
    for point in doc["weight_sweep"]["top_at"]:
        io_.say("cli.stability_sweep", weight=f"{point['weight']:g}", codes=", ".join(point["top"]))
    for method, top in doc["by_method"].items():
        io_.say("cli.stability_method", method=io_.text("method." + method), codes=", ".join(top))
    rel = doc["reliability"]
    shown = {k: "—" if rel[k] is None else f"{rel[k]:.3f}" for k in ("alpha", "icc3k", "kendall_w")}
    io_.say("ranking.reliability", alpha=shown["alpha"], icc=shown["icc3k"], w=shown["kendall_w"])


def _audience(ctx: Context, io_: Io, args: argparse.Namespace, result: RankingResult) -> None:
    """``rank --audience``: the top N by views alone, as a table, JSON or CSV."""
    from scoring.services.ranking.audience import audience_of, audience_rows, audience_sheet

    audience = audience_of(ctx, actor=shell_actor(), result=result)
    if args.json:
        io_.json(audience_rows(result, audience))
    elif args.csv:
        from scoring.tables.writing import to_csv

        io_.stdout.write(
            to_csv(audience_sheet(result, audience, lang=io_.lang)).decode("utf-8-sig")
        )
    else:
        for row in audience_rows(result, audience):
            rank = "" if row["rank"] is None else str(row["rank"])
            reason = row["neutralised"]
            mark = (
                ""
                if reason is None
                else "  " + io_.text("audience_list.neutralised", reason=reason)
            )
            print(
                f"{row['place']:>3}  {row['code']}  {row['views']:>10}  "
                f"{score_text(_float(row['audience'])):>6}  {rank:>3}  {row['status']}  "
                f"{row['title']}{mark}",
                file=io_.stdout,
            )


def _print_table(io_: Io, rows: list[dict[str, object]]) -> None:
    for r in rows:
        scores = "  ".join(
            f"{score_text(_float(r[k])):>6}" for k in ("expert", "audience", "final")
        )
        rank = "" if r["rank"] is None else str(r["rank"])
        print(
            f"{rank:>3}  {r['code']}  {scores}  {r['judges']}  {r['views']}  {r['status']}  "
            f"{r['title']}",
            file=io_.stdout,
        )


def _float(value: object) -> float | None:
    return value if isinstance(value, float) else None
