"""The decision record (评审结果报告): one PDF an office can sign, stating the settings,
the panel, the result, how sure it is and what the audit log holds."""

from __future__ import annotations

import hashlib
from typing import Any, Final
from zoneinfo import ZoneInfo

from scoring.documents.typeset import render_pdf
from scoring.domain.rounding import score_text
from scoring.domain.shortlist import attachment5_order
from scoring.enums import Method
from scoring.i18n import catalog, translate
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking._export_notes import when_text
from scoring.services.ranking._record_facts import COUNTED, JudgeFacts, audit_facts, panel_facts
from scoring.services.ranking._record_tables import (
    entry_rows,
    exclusion_rows,
    judge_figure_rows,
    method_tops,
    reliability_rows,
    sweep_chart,
    top_lines,
)
from scoring.services.ranking.official_forms import summary_sheet, summary_table
from scoring.services.ranking.results import RankingResult, WhatIf, compute_ranking
from scoring.services.ranking.shortlist import shortlist_of
from scoring.services.ranking.stability import Stability, stability_of
from scoring.storage.compliance import list_findings
from scoring.storage.rubric import list_criteria
from scoring.tables.writing import to_csv

LABELS: Final = "record.label."  # every heading of the template comes from these keys


def decision_record_pdf(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None, lang: str = "zh"
) -> bytes:
    """The decision record of the campaign with its settings (or what-if ones) as PDF."""
    data = decision_record_data(
        ctx, actor=actor, campaign_id=campaign_id, what_if=what_if, lang=lang
    )
    return render_pdf("decision_record", data, made_at=ctx.now())


def decision_record_data(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None, lang: str = "zh"
) -> dict[str, Any]:
    """Everything the record prints, as plain text values (staff only)."""
    require_role(actor, *STAFF)
    result = compute_ranking(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    stability = stability_of(ctx, actor=actor, result=result)
    labels = {key.removeprefix(LABELS): translate(key, lang) for key in _label_keys(lang)}
    panel = panel_facts(ctx, actor=actor, campaign_id=campaign_id)
    return {
        "doc_title": translate("record.title", lang),
        "L": labels,
        "cover": _cover(ctx, result, lang),
        "judges": _panel(panel, lang),
        **_result(ctx, result, stability, lang),
        "sure": _sure(result, stability, lang),
        "integrity": _integrity(ctx, actor, result, what_if, lang),
    }


def _label_keys(lang: str) -> list[str]:
    return [key for key in catalog(lang) if key.startswith(LABELS)]


def _cover(ctx: Context, result: RankingResult, lang: str) -> dict[str, Any]:
    campaign, params, zone = result.inputs.campaign, result.params, ctx.settings.timezone
    now = ctx.now().astimezone(ZoneInfo(zone))
    criteria = ctx.db.read(lambda cur: list_criteria(cur, campaign.id or 0))
    total = sum(c.weight for c in criteria) or 1.0
    return {
        "campaign": campaign.name,
        "notice": campaign.notice_title or "—",
        "office": campaign.office_name or "—",
        "date": translate("record.date", lang, y=now.year, m=now.month, d=now.day),
        "cutoff": when_text(result.inputs.cutoff, zone),
        "method": translate("method." + Method(params.method).value, lang),
        "weight": f"{params.expert_weight:g}",
        "top_n": str(params.top_n),
        "min_judges": str(params.min_judges),
        "rubric": [
            {
                "name": c.name_zh if lang == "zh" else c.name_en,
                "weight": f"{c.weight:g}",
                "share": f"{c.weight / total * 100:.0f} %",
            }
            for c in criteria
        ],
    }


def _panel(panel: list[JudgeFacts], lang: str) -> list[dict[str, Any]]:
    rows = []
    for j in panel:
        recused = [translate("record.recused", lang, code=c, reason=r) for c, r in j.recusals]
        rows.append(
            {
                "name": j.name,
                "unit": j.unit or "—",
                "cards": str(j.submitted),
                "paper": str(j.paper),
                "conflicts": str(len(j.conflicts)),
                "recusals": str(len(j.recusals)),
                "which": "；".join(filter(None, ["、".join(j.conflicts), *recused])) or "—",
            }
        )
    return rows


def _result(ctx: Context, result: RankingResult, stability: Stability, lang: str) -> dict[str, Any]:
    shortlist = shortlist_of(ctx, result)
    details, chances = result.inputs.details, stability.probabilities
    by_formula = translate("record.by_formula", lang)
    picked = [
        {
            "category": translate("category." + category.value, lang),
            "order": str(order),
            "code": line.entry.code,
            "title": details[line.entry.entry_id].title,
            "rank": str(line.entry.rank),
            "F": score_text(line.entry.final),
            "why": translate("record.swapped_in", lang, reason=line.override)
            if line.override
            else by_formula,
        }
        for category, order, line in attachment5_order(shortlist.lines)
    ]
    removed = [
        {"code": details[i].code, "title": details[i].title, "reason": reason}
        for i, reason in shortlist.removed.items()
    ]
    marks = {line.entry.entry_id: "★" for line in shortlist.lines}
    marks |= {i: "×" for i in shortlist.removed}
    findings = ctx.db.read(lambda cur: list_findings(cur, result.inputs.campaign.id or 0))
    have, want = len(shortlist.lines), shortlist.size_wanted
    size_note = translate("shortlist.size", lang, have=have, want=want)
    return {
        "shortlist": picked,
        "short_size_note": "" if shortlist.size_matches else size_note,
        "removed": removed,
        "ranking": entry_rows(result, result.ranking.main, chances=chances, marks=marks, lang=lang),
        "cqo": entry_rows(result, result.ranking.cqo, chances={}, marks={}, lang=lang),
        "excluded": exclusion_rows(result, findings, lang=lang),
    }


def _sure(result: RankingResult, stability: Stability, lang: str) -> dict[str, Any]:
    codes = {e.entry_id: e.code for e in result.inputs.entries}
    official = result.ranking.top_ids()
    names = stability.judge_names  # display names, as the panel's facts show them
    without = {names.get(j, str(j)): top for j, top in stability.without_judge.items()}
    return {
        "probability_note": translate(
            "record.probability_note", lang, n=stability.resamples, seed=stability.seed
        ),
        "official": "、".join(codes[i] for i in official) or "—",
        "without_judge": top_lines(without, official, codes),
        "methods": top_lines(method_tops(stability, lang), official, codes),
        "sweep": sweep_chart(result, stability.sweep, stability.sweep_changes),
        "sweep_note": translate(
            "record.sweep_note",
            lang,
            w=f"{result.params.expert_weight:g}",
            changes="、".join(f"{c:g}" for c in stability.sweep_changes) or "—",
        ),
        "reliability": reliability_rows(stability, lang),
        "judge_figures": judge_figure_rows(stability, names),
    }


def _integrity(
    ctx: Context, actor: Actor, result: RankingResult, what_if: WhatIf | None, lang: str
) -> dict[str, Any]:
    campaign_id, zone = result.inputs.campaign.id or 0, ctx.settings.timezone
    facts = audit_facts(ctx, actor=actor, campaign_id=campaign_id)
    table = summary_table(ctx, actor=actor, campaign_id=campaign_id, what_if=what_if)
    return {
        "counts": [
            {"label": translate("record.count." + name, lang), "count": str(facts.counts[name])}
            for name in COUNTED
        ],
        "exports": [
            {
                "at": when_text(e.logged_at, zone),
                "by": e.actor,
                "fmt": e.target.upper(),
                "sha256": str(e.details.get("sha256", "")),
            }
            for e in facts.exports
        ],
        "csv_sha256": hashlib.sha256(to_csv(summary_sheet(table))).hexdigest(),
        "generated": when_text(ctx.now(), zone),
    }
