"""The decision record's tables as printable rows: the ranking, the exclusions, the weight
sweep as chart data, and the "how sure" figures with their plain readings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scoring.domain.agreement import agreement_band
from scoring.domain.ranking import RankedEntry
from scoring.domain.rounding import score_text
from scoring.domain.stability import SweepPoint
from scoring.enums import Method, RankStatus, Severity
from scoring.i18n import translate
from scoring.records.compliance import Finding
from scoring.services.ranking.results import RankingResult
from scoring.services.ranking.stability import Stability

Row = dict[str, Any]


def percent(value: float) -> str:
    """A probability as a whole percentage."""
    return f"{score_text(value * 100, 0)}%"


def entry_rows(
    result: RankingResult,
    entries: Sequence[RankedEntry],
    *,
    chances: Mapping[int, float],
    marks: Mapping[int, str],
    lang: str,
) -> list[Row]:
    """One row per entry: rank, code, title, E/A/F, judges, views, status, P(top N), mark."""
    details = result.inputs.details
    return [
        {
            "rank": "" if e.rank is None else str(e.rank),
            "code": e.code,
            "title": details[e.entry_id].title,
            "category": translate("category." + e.category.value, lang),
            "E": score_text(e.expert),
            "A": score_text(e.audience),
            "F": score_text(e.final),
            "judges": str(e.judges),
            "views": f"{e.views:,}",
            "status": translate("rank_status." + e.status.value, lang),
            "p": percent(chances[e.entry_id]) if e.entry_id in chances else "",
            "mark": marks.get(e.entry_id, ""),
        }
        for e in entries
    ]


def exclusion_rows(result: RankingResult, findings: Sequence[Finding], *, lang: str) -> list[Row]:
    """Entries outside both lists, each with why: too few scorecards, or its errors."""
    details, need = result.inputs.details, result.params.min_judges
    errors: dict[int, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            text = translate(finding.message_key, lang, **finding.params)
            errors.setdefault(finding.entry_id, []).append(text)
    rows = []
    for e in result.ranking.others:
        if e.status is RankStatus.INCOMPLETE:
            why = translate("record.too_few_cards", lang, have=e.judges, need=need)
        else:
            why = "；".join(errors.get(e.entry_id, [])) or translate(
                "rank_status." + e.status.value, lang
            )
        rows.append({"code": e.code, "title": details[e.entry_id].title, "reason": why})
    return rows


def sweep_chart(
    result: RankingResult, points: Sequence[SweepPoint], changes: Sequence[float]
) -> Row:
    """Per entry ever in the top N: the runs of w where it is in; the change points; w."""
    codes = {e.entry_id: e.code for e in result.inputs.entries}
    step = points[1].weight - points[0].weight if len(points) > 1 else 1.0
    order = [e.entry_id for e in result.ranking.main]
    rows = []
    for entry_id in order:
        inside = [p.weight for p in points if entry_id in p.top_ids]
        if inside:
            rows.append({"code": codes[entry_id], "runs": _runs(inside, step)})
    return {
        "rows": rows,
        "changes": list(changes),
        "current": result.params.expert_weight,
        "ticks": [0, 0.2, 0.4, 0.6, 0.8, 1],
    }


def _runs(weights: Sequence[float], step: float) -> list[list[float]]:
    runs: list[list[float]] = []
    for w in weights:
        if runs and w - runs[-1][1] <= step * 1.5:
            runs[-1][1] = w
        else:
            runs.append([w, w])
    half = step / 2
    return [[max(0.0, a - half), min(1.0, b + half)] for a, b in runs]


def top_lines(
    tops: Mapping[str, Sequence[int]], official: Sequence[int], codes: Mapping[int, str]
) -> list[Row]:
    """Each alternative top N as codes, and which of them differ from the official one."""
    rows = []
    for name, ids in tops.items():
        gained = [f"+{codes[i]}" for i in ids if i not in official]
        lost = [f"−{codes[i]}" for i in official if i not in ids]
        rows.append(
            {
                "name": name,
                "top": "、".join(codes[i] for i in ids) or "—",
                "differs": "\n".join(gained + lost) or "—",
            }
        )
    return rows


def method_tops(stability: Stability, lang: str) -> dict[str, list[int]]:
    """Method name → its top N (the three methods)."""
    return {translate("method." + m.value, lang): list(stability.by_method[m]) for m in Method}


def reliability_rows(stability: Stability, lang: str) -> list[Row]:
    """α, ICC(3,k) and W with a plain reading each."""
    rel = stability.reliability
    figures = (("alpha", "α", rel.alpha), ("icc", "ICC(3,k)", rel.icc3k), ("w", "W", rel.kendall_w))
    return [
        {
            "name": translate("record.figure." + key, lang),
            "value": score_text(value, 2, blank="—"),
            "reading": translate(
                "common.label_value",
                lang,
                label=f"{symbol} = {score_text(value, 2, blank='—')}",
                value=translate("record.band." + agreement_band(value), lang),
            ),
        }
        for key, symbol, value in figures
    ]


def judge_figure_rows(stability: Stability, names: Mapping[int, str]) -> list[Row]:
    """Each judge's mean, SD and correlation with the others' consensus."""
    return [
        {
            "name": names.get(j.judge_id, str(j.judge_id)),
            "n": str(j.entries),
            "mean": score_text(j.mean, 2, blank="—"),
            "sd": score_text(j.sd, 2, blank="—"),
            "r": score_text(j.consensus_r, 2, blank="—"),
        }
        for j in stability.reliability.judges
    ]
