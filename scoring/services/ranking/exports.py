"""The three exports of SPEC §7 as sheets: the 附件5 shortlist, the full ranking, the scores."""

from __future__ import annotations

from scoring.domain.rounding import rounded
from scoring.domain.shortlist import SWAP_IN
from scoring.enums import ScorecardStatus
from scoring.i18n import translate
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking._export_notes import settings_block, when_text
from scoring.services.ranking.audience import audience_of
from scoring.services.ranking.official_forms import summary_sheet, summary_table
from scoring.services.ranking.results import (
    RANK_FIELDS,
    WhatIf,
    compute_ranking,
    live_overrides,
    shortlist_of,
)
from scoring.services.ranking.stability import top_n_chances
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import list_scorecards
from scoring.storage.users import list_users
from scoring.tables.writing import Sheet


def shortlist_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None
) -> Sheet:
    """附件5 质量强国建设微视频作品汇总表 as a table: exactly its six columns, 微视频 first."""
    return summary_sheet(summary_table(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if))


def ranking_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None, lang: str = "zh"
) -> Sheet:
    """Every entry: rank, scores, judges, views, status, place by views (the audience list,
    with the reason of a neutralised audience part), P(top N) and any override."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    chances = top_n_chances(actor=actor, result=result)
    overrides = {o.entry_id: o for o in live_overrides(ctx, actor=actor, campaign_id=campaign_id)}
    shortlisted = {ln.entry.entry_id for ln in shortlist_of(ctx, result).lines}
    audience = audience_of(ctx, actor=actor, result=result)
    places, top_n = audience.order.places(), audience.order.top_n
    extra = ("audience_place", "audience_top", "neutralised")
    keys = (*RANK_FIELDS, *extra, "probability", "shortlist", "override")
    rows = []
    ranking = result.ranking
    yes = translate("common.yes", lang)
    for entry in (*ranking.main, *ranking.cqo, *ranking.others):
        override = overrides.get(entry.entry_id)
        place = places[entry.entry_id]
        mark = (
            ""
            if override is None
            else (
                translate(
                    "common.label_value",
                    lang,
                    label=translate(
                        "export.swapped_in" if override.kind == SWAP_IN else "export.swapped_out",
                        lang,
                    ),
                    value=override.reason,
                )
            )
        )
        rows.append(
            (
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
                yes if place <= top_n else "",
                audience.reasons.get(entry.entry_id, ""),
                rounded(chances.get(entry.entry_id, 0.0), 4),
                yes if entry.entry_id in shortlisted else "",
                mark,
            )
        )
    headers = [translate("export.col." + k, lang) for k in keys]
    title = translate("export.ranking_title", lang)
    campaign = result.inputs.campaign.name
    return Sheet(title, settings_block(ctx, result, lang), headers, rows, campaign=campaign)


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
    keys = (
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
    headers = [translate("export.col." + k, lang) for k in keys]
    title = translate("export.scores_title", lang)
    campaign = result.inputs.campaign.name
    return Sheet(title, settings_block(ctx, result, lang), headers, rows, campaign=campaign)
