"""The lines every export states beside its table: settings, cutoff, time, overrides."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from scoring.domain.shortlist import SWAP_IN
from scoring.enums import Method
from scoring.i18n import translate
from scoring.records.ranking import Override
from scoring.services.context import Context
from scoring.services.ranking.results import RankingResult


def when_text(moment: datetime | None, zone: str) -> str:
    """A time as the office reads it: local wall clock to the minute ("" for none)."""
    return "" if moment is None else moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def settings_block(ctx: Context, result: RankingResult, lang: str) -> list[tuple[str, str]]:
    """Campaign, cutoff, method, expert weight and export time, as (label, value) lines."""
    zone = ctx.settings.timezone
    params = result.params
    return [
        (translate("export.campaign", lang), result.inputs.campaign.name),
        (translate("export.cutoff", lang), when_text(result.inputs.cutoff, zone)),
        (
            translate("export.method", lang),
            translate("method." + Method(params.method).value, lang),
        ),
        (translate("export.weight", lang), f"{params.expert_weight:g}"),
        (translate("export.time", lang), when_text(ctx.now(), zone)),
    ]


def change_word(override: Override, lang: str) -> str:
    """人工调入 or 人工调出."""
    return translate(
        "export.swapped_in" if override.kind == SWAP_IN else "export.swapped_out", lang
    )
