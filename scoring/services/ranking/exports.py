"""The three exports of SPEC §7 as sheets: the 附件5 shortlist, the full ranking, the scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.domain.ranking import RankedEntry
from scoring.domain.rounding import rounded
from scoring.domain.shortlist import SWAP_IN
from scoring.enums import ScorecardStatus
from scoring.i18n import translate
from scoring.records.ranking import Override
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking._export_notes import settings_block, when_text
from scoring.services.ranking.audience import audience_of
from scoring.services.ranking.official_forms import summary_sheet, summary_table
from scoring.services.ranking.results import RANK_FIELDS, RankingResult, WhatIf, compute_ranking
from scoring.services.ranking.shortlist import live_overrides, shortlist_of
from scoring.services.ranking.stability import top_n_chances
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import list_scorecards
from scoring.storage.users import list_users
from scoring.tables.writing import Cell, Sheet


def shortlist_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None
) -> Sheet:
    """附件5 质量强国建设微视频作品汇总表 as a table: exactly its six columns, 微视频 first."""
    return summary_sheet(summary_table(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if))


_RANKING_KEYS = (
    *RANK_FIELDS,
    "audience_place",
    "audience_top",
    "neutralised",
    "probability",
    "shortlist",
    "override",
)
_SCORES_KEYS = (
    "judge",
    "judge_name",
    "code",
    "title",
    "criterion",
    "criterion_name",
    "weight",
    "mark",
    "source",
    "watched",
    "submitted_at",
    "comment",
)


@dataclass(frozen=True, kw_only=True)
class _Standing:
    """What the ranking sheet adds to each entry's ranking row."""

    chances: dict[int, float]  # P(top N)
    overrides: dict[int, Override]  # live shortlist overrides by entry id
    shortlisted: set[int]
    places: dict[int, int]  # place by views (the audience list)
    audience_top_n: int
    reasons: dict[int, str]  # why an entry's audience part is neutralised


def ranking_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None, lang: str = "zh"
) -> Sheet:
    """Every entry: rank, scores, judges, views, status, place by views (the audience list,
    with the reason of a neutralised audience part), P(top N) and any override."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    overrides = live_overrides(ctx, actor=actor, campaign_id=campaign_id)
    audience = audience_of(ctx, actor=actor, result=result)
    standing = _Standing(
        chances=top_n_chances(actor=actor, result=result),
        overrides={o.entry_id: o for o in overrides},
        shortlisted={ln.entry.entry_id for ln in shortlist_of(ctx, result).lines},
        places=audience.order.places(),
        audience_top_n=audience.order.top_n,
        reasons=dict(audience.reasons),
    )
    ranking = result.ranking
    rows = [
        _ranking_row(entry, result, standing, lang)
        for entry in (*ranking.main, *ranking.cqo, *ranking.others)
    ]
    return _sheet(ctx, result, "export.ranking_title", _RANKING_KEYS, rows, lang)


def _ranking_row(
    entry: RankedEntry, result: RankingResult, standing: _Standing, lang: str
) -> tuple[Cell, ...]:
    yes = translate("common.yes", lang)
    place = standing.places[entry.entry_id]
    return (
        entry.rank,
        entry.code,
        result.inputs.details[entry.entry_id].title,
        translate("category." + entry.category.value, lang),
        rounded(entry.expert),
        rounded(entry.audience),
        rounded(entry.final),
        entry.judges,
        entry.views,
        translate("rank_status." + entry.status.value, lang),
        place,
        yes if place <= standing.audience_top_n else "",
        standing.reasons.get(entry.entry_id, ""),
        rounded(standing.chances.get(entry.entry_id, 0.0), 4),
        yes if entry.entry_id in standing.shortlisted else "",
        _override_text(standing.overrides.get(entry.entry_id), lang),
    )


def _override_text(override: Override | None, lang: str) -> str:
    """「已调入：reason」 for an entry put into the shortlist, 「已调出：…」 for one taken out."""
    if override is None:
        return ""
    label = "export.swapped_in" if override.kind == SWAP_IN else "export.swapped_out"
    return translate(
        "common.label_value", lang, label=translate(label, lang), value=override.reason
    )


def scores_sheet(ctx: Context, *, actor: Actor, campaign_id: int, lang: str = "zh") -> Sheet:
    """Every submitted scorecard, one row per judge × entry × criterion, with coverage."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id)
    names = {u.id: u for u in ctx.db.read(list_users)}
    criteria = ctx.db.read(lambda cur: list_criteria(cur, campaign_id))
    cards = [
        c
        for c in ctx.db.read(lambda cur: list_scorecards(cur, campaign_id))
        if c.status is ScorecardStatus.SUBMITTED
    ]
    zone = ctx.settings.timezone
    rows = []
    for card in sorted(cards, key=lambda c: (result.inputs.details[c.entry_id].code, c.judge_id)):
        judge = names.get(card.judge_id)
        entry = result.inputs.details[card.entry_id]
        for criterion in criteria:
            rows.append(
                (
                    judge.username if judge else card.judge_id,
                    judge.display_name if judge else "",
                    entry.code,
                    entry.title,
                    criterion.key,
                    criterion.name_zh if lang == "zh" else criterion.name_en,
                    criterion.weight,
                    card.marks.get(criterion.key),
                    translate("source." + card.source.value, lang),
                    "" if card.watch_share is None else rounded(card.watch_share, 4),
                    when_text(card.submitted_at, zone),
                    card.comment,
                )
            )
    return _sheet(ctx, result, "export.scores_title", _SCORES_KEYS, rows, lang)


def _sheet(
    ctx: Context,
    result: RankingResult,
    title_key: str,
    keys: tuple[str, ...],
    rows: Sequence[Sequence[Cell]],
    lang: str,
) -> Sheet:
    """A sheet with its title, the ranking's settings above the table, and column headers."""
    headers = [translate("export.col." + k, lang) for k in keys]
    title = translate(title_key, lang)
    campaign = result.inputs.campaign.name
    return Sheet(title, settings_block(ctx, result, lang), headers, rows, campaign=campaign)
