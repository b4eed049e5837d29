"""Why an entry stands where it does: its judges' totals raw and normalised, its views per
platform, and the formula of SPEC §6 with its own numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoring.domain.expert import judge_z_scores
from scoring.domain.ranking import RankedEntry
from scoring.domain.score_table import tabulate
from scoring.records.views import ViewSnapshot
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking.results import RankingResult
from scoring.storage import views as view_store
from scoring.storage.users import list_users


@dataclass(frozen=True, kw_only=True)
class JudgeLine:
    """One judge's total for the entry and its z-score."""

    username: str
    name: str  # the display name staff know the judge by
    total: float
    z: float


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """The numbers behind one entry's place."""

    entry: RankedEntry
    judges: list[JudgeLine]
    platforms: list[ViewSnapshot]
    audience_raw: float  # U_e = log10(1 + V_e)
    expert_weight: float


def explain(ctx: Context, *, actor: Actor, result: RankingResult, entry_id: int) -> Explanation:
    """The explanation of one entry of a ranking (staff only)."""
    require_role(actor, *STAFF)
    ranking = result.ranking
    entry = next(
        e for e in (*ranking.main, *ranking.cqo, *ranking.others) if e.entry_id == entry_id
    )
    inputs = result.inputs
    table = tabulate(entries=inputs.entries, scores=inputs.scores, weights=inputs.weights)
    z = judge_z_scores(table)
    users = {u.id: u for u in ctx.db.read(list_users)}
    names = {i: u.display_name or u.username for i, u in users.items()}
    campaign_id = inputs.campaign.id
    latest = ctx.db.read(lambda cur: view_store.latest_snapshots(cur, campaign_id, inputs.cutoff))
    return Explanation(
        entry=entry,
        judges=[
            JudgeLine(
                username=users[j].username if j in users else str(j),
                name=names.get(j, str(j)),
                total=t,
                z=z[(j, entry_id)],
            )
            for j, t in sorted(entry.judge_totals.items())  # the panel's order, as elsewhere
        ],
        platforms=[s for s in latest if s.entry_id == entry_id],
        audience_raw=math.log10(1 + entry.views),
        expert_weight=result.params.expert_weight,
    )
