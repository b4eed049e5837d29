"""The ranking of a campaign (SPEC §6): inputs from the store, the pure formula, and
what-if settings fixed as the campaign's. The shortlist's overrides are ``shortlist.py``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from scoring.domain.ranking import Ranking, RankParams, check_params, rank_entries
from scoring.domain.score_table import RankInputEntry, ScoreColumns
from scoring.domain.views import parse_time
from scoring.enums import Method
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign
from scoring.records.entries import EntryHead
from scoring.services.campaigns.active import ensure_writable, known_campaign
from scoring.services.compliance import entries_with_errors
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage import overrides as override_store
from scoring.storage import views as view_store
from scoring.storage.rows import Cursor
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import submitted_marks


@dataclass(frozen=True, kw_only=True)
class RankingInputs:
    """Everything the formula reads, fetched in one transaction."""

    campaign: Campaign
    entries: list[RankInputEntry]
    scores: ScoreColumns
    weights: dict[str, float]
    details: dict[int, EntryHead]  # code and title; no registration text
    cutoff: datetime


@dataclass(frozen=True, kw_only=True)
class WhatIf:
    """Settings a coordinator tries on the page; None keeps the campaign's own."""

    method: Method | str | None = None
    expert_weight: float | None = None
    top_n: int | None = None
    cutoff: datetime | str | None = None


@dataclass(frozen=True, kw_only=True)
class RankingResult:
    """A ranking with the settings and inputs it came from."""

    ranking: Ranking
    params: RankParams
    inputs: RankingInputs


def parse_cutoff(value: datetime | str | None, zone: str) -> datetime | None:
    """A cutoff given as text (ISO or the forms SPEC §5 accepts), or None for "now"."""
    if value is None or isinstance(value, datetime):
        return value
    if not value.strip():
        return None
    try:
        return parse_time(value, zone=zone)
    except InvalidInput:
        raise InvalidInput("error.cutoff_invalid", value=value) from None


def params_for(campaign: Campaign, what_if: WhatIf) -> RankParams:
    """The campaign's settings with the what-if values laid over them, checked."""
    return check_params(
        RankParams(
            method=what_if.method if what_if.method is not None else campaign.method,
            expert_weight=(
                what_if.expert_weight
                if what_if.expert_weight is not None
                else campaign.expert_weight
            ),
            min_judges=campaign.min_judges,
            top_n=what_if.top_n if what_if.top_n is not None else campaign.shortlist_size,
        )
    )


def _inputs(cur: Cursor, ctx: Context, campaign: Campaign, cutoff: datetime) -> RankingInputs:
    entries = entry_store.list_entry_heads(cur, campaign.id)
    errors = entries_with_errors(cur, campaign.id)
    neutral = override_store.neutralised_entry_ids(cur, campaign.id)
    views = view_store.audience_totals(cur, campaign.id, cutoff)
    weights = {c.key: c.weight for c in list_criteria(cur, campaign.id)}
    cards = submitted_marks(cur, campaign.id, list(weights))
    return RankingInputs(
        campaign=campaign,
        entries=[
            RankInputEntry(
                entry_id=e.id,
                code=e.code,
                category=e.category,
                cqo=e.cqo_case,
                has_error=(e.id in errors),
                neutralised=(e.id in neutral),
                views=views.get(e.id, 0),
            )
            for e in entries
        ],
        scores=ScoreColumns(
            judge_ids=cards.judge_ids, entry_ids=cards.entry_ids, keys=cards.keys, marks=cards.marks
        ),
        weights=weights,
        details={e.id: e for e in entries},
        cutoff=cutoff,
    )


def compute_ranking(
    ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf | None = None
) -> RankingResult:
    """Rank the campaign with its settings (or what-if ones); changes nothing stored."""
    require_role(actor, *STAFF)
    what_if = what_if or WhatIf()

    def work(cur: Cursor) -> RankingResult:
        campaign = known_campaign(cur, campaign_id)
        params = params_for(campaign, what_if)
        cutoff = parse_cutoff(what_if.cutoff, ctx.settings.timezone)
        cutoff = cutoff or campaign.ranking_cutoff or ctx.now()
        inputs = _inputs(cur, ctx, campaign, cutoff)
        ranking = rank_entries(
            entries=inputs.entries, scores=inputs.scores, weights=inputs.weights, params=params
        )
        return RankingResult(ranking=ranking, params=params, inputs=inputs)

    return ctx.db.read(work)


def fix_settings(ctx: Context, *, actor: Actor, campaign_id: int, what_if: WhatIf) -> Campaign:
    """Make what-if values the campaign's ranking settings (audit log keeps old → new)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> Campaign:
        ensure_writable(cur, campaign_id)
        campaign = known_campaign(cur, campaign_id)
        params = params_for(campaign, what_if)
        cutoff = parse_cutoff(what_if.cutoff, ctx.settings.timezone)
        changed = replace(
            campaign,
            method=Method(params.method),
            expert_weight=params.expert_weight,
            shortlist_size=params.top_n,
            ranking_cutoff=cutoff,
        )
        campaign_store.update_ranking_settings(cur, changed)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="ranking.settings",
            campaign_id=campaign_id,
            old=_settings(campaign),
            new=_settings(changed),
        )
        return changed

    return ctx.db.write(work)


def _settings(campaign: Campaign) -> dict[str, object]:
    return {
        "method": campaign.method,
        "expert_weight": campaign.expert_weight,
        "top_n": campaign.shortlist_size,
        "cutoff": campaign.ranking_cutoff,
    }


RANK_FIELDS = (
    "rank",
    "code",
    "title",
    "category",
    "expert",
    "audience",
    "final",
    "judges",
    "views",
    "status",
)


def rank_rows(
    result: RankingResult, chances: Mapping[int, float] | None = None
) -> list[dict[str, object]]:
    """Every entry as SPEC §8's ``rank --json`` row: main list, CQO list, then the rest.

    With ``chances`` (``stability.top_n_chances``) each row also has ``p_top``: the entry's
    probability of the top N, for the main list (null elsewhere: the bootstrap ranks it only).
    """
    ranking = result.ranking
    main = {entry.entry_id for entry in ranking.main}
    rows = []
    for entry in (*ranking.main, *ranking.cqo, *ranking.others):
        row = {**entry.as_row(), "title": result.inputs.details[entry.entry_id].title}
        shown = {key: row[key] for key in RANK_FIELDS}
        if chances is not None:
            shown["p_top"] = chances[entry.entry_id] if entry.entry_id in main else None
        rows.append(shown)
    return rows
