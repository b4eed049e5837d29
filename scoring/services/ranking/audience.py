"""The audience list of a ranking (人气作品): the entries by views alone beside the blended
top N, with the reasons of neutralised audience parts (the order is ``domain.audience``)."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.domain.audience import AudienceLine, AudienceList, audience_list
from scoring.domain.rounding import rounded
from scoring.i18n import translate
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking.results import RankingResult
from scoring.storage import overrides as override_store
from scoring.tables.writing import Sheet

NEUTRALISE = "neutralise_audience"
AUDIENCE_FIELDS = (
    "place",
    "code",
    "title",
    "category",
    "views",
    "audience",
    "rank",
    "status",
    "neutralised",
)


@dataclass(frozen=True)
class Audience:
    """The ordered list and, for each neutralised entry, the coordinator's reason."""

    order: AudienceList
    reasons: dict[int, str]

    def top(self) -> tuple[AudienceLine, ...]:
        """The top N by views (N is the ranking's shortlist size)."""
        return self.order.top()


def audience_of(ctx: Context, *, actor: Actor, result: RankingResult) -> Audience:
    """Every entry of ``result`` by views (V_e at the ranking's cutoff), reasons attached."""
    require_role(actor, *STAFF)
    inputs = result.inputs
    campaign_id = inputs.campaign.id or 0
    overrides = ctx.db.read(lambda cur: override_store.list_overrides(cur, campaign_id))
    reasons = {
        o.entry_id: o.reason for o in overrides if o.kind == NEUTRALISE and o.revoked_at is None
    }
    order = audience_list(
        entries=inputs.entries,
        scores=inputs.scores,
        weights=inputs.weights,
        ranking=result.ranking,
        top_n=result.params.top_n,
    )
    return Audience(order=order, reasons=reasons)


def audience_rows(
    result: RankingResult, audience: Audience, *, every: bool = False
) -> list[dict[str, object]]:
    """The top N (or ``every`` entry) as ``rank --audience --json`` rows."""
    lines = audience.order.lines if every else audience.top()
    return [
        {
            "place": line.place,
            "code": line.code,
            "title": result.inputs.details[line.entry_id].title,
            "category": line.category.value,
            "views": line.views,
            "audience": line.audience,
            "rank": line.rank,
            "status": line.status.value,
            "neutralised": audience.reasons.get(line.entry_id) if line.neutralised else None,
        }
        for line in lines
    ]


def audience_sheet(
    result: RankingResult, audience: Audience, *, lang: str, every: bool = False
) -> Sheet:
    """The audience list as a table (``rank --audience --csv``), headers in ``lang``."""
    rows = [
        [
            row["place"],
            row["code"],
            row["title"],
            translate("category." + str(row["category"]), lang),
            row["views"],
            rounded(row["audience"]) if isinstance(row["audience"], float) else None,
            row["rank"],
            translate("rank_status." + str(row["status"]), lang),
            row["neutralised"] or "",
        ]
        for row in audience_rows(result, audience, every=every)
    ]
    headers = [translate("audience_list.col." + key, lang) for key in AUDIENCE_FIELDS]
    title = translate("audience_list.title", lang)
    return Sheet(title, (), headers, rows, campaign=result.inputs.campaign.name)
