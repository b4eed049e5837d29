""" "How sure are we" (SPEC §6): the ranking's sensitivity to judges, weight and method,
and the panel's agreement. Read-only; computed from the same inputs as the ranking."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.domain.reliability import Reliability, assess_reliability
from scoring.domain.stability import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    SweepPoint,
    bootstrap_top_n,
    leave_one_judge_out,
    method_comparison,
    method_disagreements,
    sweep_changes,
    top_changes,
    weight_sweep,
)
from scoring.enums import Method
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking.results import RankingResult
from scoring.storage.users import list_users


@dataclass(frozen=True, kw_only=True)
class Alternative:
    """The top N with one judge left out, or under another method, and what it changes."""

    judge_id: int | None = None
    method: Method | None = None
    top: list[int]
    dropped: list[int]  # in the ranking's top N, not in this one
    added: list[int]  # in this one, not in the ranking's


@dataclass(frozen=True, kw_only=True)
class Stability:
    """Everything the panel shows beside the ranking."""

    without_judge: dict[int, list[int]]  # judge id → top N without them
    probabilities: dict[int, float]  # entry id → P(in top N)
    seed: int
    resamples: int
    sweep: list[SweepPoint]
    sweep_changes: list[float]
    by_method: dict[Method, list[int]]
    disagreements: list[int]
    reliability: Reliability
    judge_names: dict[int, str]  # judge id → display name (user name when it has none)
    alternatives: list[Alternative]


def stability_of(ctx: Context, *, actor: Actor, result: RankingResult) -> Stability:
    """Leave-one-judge-out, bootstrap, weight sweep, other methods and reliability."""
    require_role(actor, *STAFF)
    inputs, params = result.inputs, result.params
    entries, scores, weights = inputs.entries, inputs.scores, inputs.weights
    names = {u.id or 0: u.display_name or u.username for u in ctx.db.read(list_users)}
    points = weight_sweep(entries=entries, scores=scores, weights=weights, params=params)
    by_method = method_comparison(entries=entries, scores=scores, weights=weights, params=params)
    left_out = leave_one_judge_out(entries=entries, scores=scores, weights=weights, params=params)
    base = result.ranking.top_ids()
    alternatives = [
        Alternative(judge_id=j, top=top, **_changes(base, top))
        for j, top in sorted(left_out.items())  # the panel's order, as in the leniency chart
    ]
    alternatives += [
        Alternative(method=m, top=top, **_changes(base, top))
        for m, top in by_method.items()
        if m != Method(params.method)
    ]
    return Stability(
        without_judge=left_out,
        probabilities=bootstrap_top_n(
            entries=entries,
            scores=scores,
            weights=weights,
            params=params,
            resamples=DEFAULT_RESAMPLES,
            seed=DEFAULT_SEED,
        ),
        seed=DEFAULT_SEED,
        resamples=DEFAULT_RESAMPLES,
        sweep=points,
        sweep_changes=sweep_changes(points),
        by_method=by_method,
        disagreements=method_disagreements(by_method),
        reliability=assess_reliability(result.ranking),
        judge_names=names,
        alternatives=alternatives,
    )


def _changes(base: list[int], top: list[int]) -> dict[str, list[int]]:
    dropped, added = top_changes(base, top)
    return {"dropped": dropped, "added": added}
