"""The three exports of SPEC §7 as sheets: the 附件5 shortlist, the full ranking, the scores."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from scoring.domain.entry_fields import CATEGORY_LABELS_ZH
from scoring.domain.shortlist import SWAP_IN, attachment5_order
from scoring.enums import Method, ScorecardStatus
from scoring.i18n import translate
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking.results import (
    RANK_FIELDS,
    RankingResult,
    WhatIf,
    compute_ranking,
    live_overrides,
    shortlist_of,
)
from scoring.services.ranking.stability import stability_of
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import list_scorecards
from scoring.storage.users import list_users
from scoring.tables.writing import Sheet

ATTACHMENT5_HEADERS = ("作品类别", "作品排序", "作品名称", "内容简介", "创作单位", "推荐单位")


def _when(moment: datetime | None, zone: str) -> str:
    return "" if moment is None else moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _block(ctx: Context, result: RankingResult, lang: str) -> list[tuple[str, str]]:
    zone = ctx.settings.timezone
    params = result.params
    block = [
        (translate("export.campaign", lang), result.inputs.campaign.name),
        (translate("export.cutoff", lang), _when(result.inputs.cutoff, zone)),
        (
            translate("export.method", lang),
            translate("method." + Method(params.method).value, lang),
        ),
        (translate("export.weight", lang), f"{params.expert_weight:g}"),
        (translate("export.time", lang), _when(ctx.now(), zone)),
    ]
    return block


def _override_notes(ctx: Context, actor: Actor, result: RankingResult, lang: str) -> list[str]:
    codes = {e.id: e.code for e in result.inputs.details.values()}
    notes = []
    for o in live_overrides(ctx, actor=actor, campaign_id=result.inputs.campaign.id or 0):
        word = translate("export.swapped_in" if o.kind == SWAP_IN else "export.swapped_out", lang)
        notes.append(f"{codes.get(o.entry_id, o.entry_id)} {word}：{o.reason}（{o.created_by}）")
    return notes


def shortlist_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None
) -> Sheet:
    """附件5 质量强国建设微视频作品汇总表: exactly its six columns, 微视频 first."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    shortlist = shortlist_of(ctx, result)
    details = result.inputs.details
    rows = [
        (
            CATEGORY_LABELS_ZH[category],
            order,
            details[line.entry.entry_id].title,
            details[line.entry.entry_id].synopsis,
            details[line.entry.entry_id].producer,
            details[line.entry.entry_id].recommender,
        )
        for category, order, line in attachment5_order(shortlist.lines)
    ]
    block = _block(ctx, result, "zh")
    block += [
        (translate("export.override", "zh"), n) for n in _override_notes(ctx, actor, result, "zh")
    ]
    return Sheet("附件5", block, ATTACHMENT5_HEADERS, rows)


def ranking_sheet(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None, lang: str = "zh"
) -> Sheet:
    """Every entry: rank, scores, judges, views, status, P(top N) and any override."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    chances = stability_of(ctx, actor=actor, result=result).probabilities
    overrides = {o.entry_id: o for o in live_overrides(ctx, actor=actor, campaign_id=campaign_id)}
    shortlisted = {ln.entry.entry_id for ln in shortlist_of(ctx, result).lines}
    keys = (*RANK_FIELDS, "probability", "shortlist", "override")
    rows = []
    ranking = result.ranking
    for entry in (*ranking.main, *ranking.cqo, *ranking.others):
        override = overrides.get(entry.entry_id)
        mark = (
            ""
            if override is None
            else (
                translate(
                    "export.swapped_in" if override.kind == SWAP_IN else "export.swapped_out", lang
                )
                + "："
                + override.reason
            )
        )
        rows.append(
            (
                entry.rank,
                entry.code,
                result.inputs.details[entry.entry_id].title,
                translate("category." + entry.category.value, lang),
                _round(entry.expert),
                _round(entry.audience),
                _round(entry.final),
                entry.judges,
                entry.views,
                translate("rank_status." + entry.status.value, lang),
                round(chances.get(entry.entry_id, 0.0), 4),
                translate("common.yes", lang) if entry.entry_id in shortlisted else "",
                mark,
            )
        )
    headers = [translate("export.col." + k, lang) for k in keys]
    return Sheet(translate("export.ranking_title", lang), _block(ctx, result, lang), headers, rows)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


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
                    "" if card.watch_share is None else round(card.watch_share, 4),
                    _when(card.submitted_at, zone),
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
    return Sheet(translate("export.scores_title", lang), _block(ctx, result, lang), headers, rows)
