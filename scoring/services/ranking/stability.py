""" "How sure are we" (SPEC §6): the ranking's sensitivity to judges, weight and method,
and the panel's agreement. Read-only; computed from the same inputs as the ranking.

The bootstrap reranks 2 000 judge resamples: on a provincial round (≤100 entries) that is
a few tens of milliseconds, at a national round's size (10 000 entries × 50 judges) a few
minutes of one core. So the panel is kept per process for the inputs it was computed
from, and the page asks with ``stability_if_ready``: a small panel is computed in the
page's run, a large one by one thread beside the pages while the page shows the ranking
without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

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
from scoring.records.users import User
from scoring.services.background import KeptResults
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
    judge_users: dict[int, str]  # judge id → user name (how the command line names a judge)


def top_n_chances(*, actor: Actor, result: RankingResult) -> dict[int, float]:
    """Entry id → P(in the top N): the bootstrap over judges with the published seed."""
    require_role(actor, *STAFF)
    inputs = result.inputs
    return bootstrap_top_n(
        entries=inputs.entries,
        scores=inputs.scores,
        weights=inputs.weights,
        params=result.params,
        resamples=DEFAULT_RESAMPLES,
        seed=DEFAULT_SEED,
    )


# resamples × judges × entries above which the panel is computed beside the page
INLINE_CELLS: Final = 20_000_000
_KEPT: Final = 8  # panels kept per process (what-if settings each make one)


def stability_of(ctx: Context, *, actor: Actor, result: RankingResult) -> Stability:
    """Leave-one-judge-out, bootstrap, weight sweep, other methods and reliability."""
    require_role(actor, *STAFF)
    users = ctx.db.read(list_users)
    key = _key(result, users)
    return _PANELS.get(key) or _PANELS.keep(key, _compute(actor, result, users))


def stability_if_ready(ctx: Context, *, actor: Actor, result: RankingResult) -> Stability | None:
    """The panel if it is computed (or small enough to compute now); otherwise None, and
    it is being computed beside the page (ask again later)."""
    require_role(actor, *STAFF)
    users = ctx.db.read(list_users)
    key = _key(result, users)
    found = _PANELS.get(key)
    if found is not None:
        return found
    inputs = result.inputs
    cells = DEFAULT_RESAMPLES * len(inputs.entries) * len(set(inputs.scores.judge_ids.tolist()))
    if cells <= INLINE_CELLS:
        return _PANELS.keep(key, _compute(actor, result, users))
    _PANELS.start(key, lambda: _compute(actor, result, users))
    return None


def _compute(actor: Actor, result: RankingResult, users: list[User]) -> Stability:
    inputs, params = result.inputs, result.params
    entries, scores, weights = inputs.entries, inputs.scores, inputs.weights
    names = {u.id: u.display_name or u.username for u in users}
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
        probabilities=top_n_chances(actor=actor, result=result),
        seed=DEFAULT_SEED,
        resamples=DEFAULT_RESAMPLES,
        sweep=points,
        sweep_changes=sweep_changes(points),
        by_method=by_method,
        disagreements=method_disagreements(by_method),
        reliability=assess_reliability(result.ranking),
        judge_names=names,
        alternatives=alternatives,
        judge_users={u.id: u.username for u in users},
    )


def _key(result: RankingResult, users: list[User]) -> str:
    """A digest of everything the panel is computed from (judges' names included)."""
    inputs, digest = result.inputs, hashlib.blake2b(digest_size=20)
    scores = inputs.scores
    names = sorted((u.id, u.username, u.display_name) for u in users)
    for part in (
        repr((result.params, sorted(inputs.weights.items()), scores.keys, names)),
        repr(inputs.entries),
    ):
        digest.update(part.encode())
    for array in (scores.judge_ids, scores.entry_ids, scores.marks):
        digest.update(array.tobytes())
    return digest.hexdigest()


_PANELS: KeptResults[Stability] = KeptResults("stability", kept=_KEPT)


def _changes(base: list[int], top: list[int]) -> dict[str, list[int]]:
    dropped, added = top_changes(base, top)
    return {"dropped": dropped, "added": added}


def stability_json(result: RankingResult, stability: Stability) -> dict[str, Any]:
    """The panel's figures as ``rank --stability --json`` prints them (entries by code,
    judges by user name): the same numbers the Ranking page shows."""
    codes = {e.entry_id: e.code for e in result.inputs.entries}

    def named(ids: Iterable[int]) -> list[str]:
        return [codes[i] for i in ids]

    def judge(judge_id: int) -> dict[str, str]:
        user = stability.judge_users.get(judge_id, str(judge_id))
        return {"judge": user, "name": stability.judge_names.get(judge_id, user)}

    def change(alt: Alternative) -> dict[str, list[str]]:
        return {"top": named(alt.top), "dropped": named(alt.dropped), "added": named(alt.added)}

    chances = stability.probabilities
    alternatives = stability.alternatives
    return {
        "top_n": result.params.top_n,
        "bootstrap": {
            "seed": stability.seed,
            "resamples": stability.resamples,
            "p_top": {codes[e.entry_id]: chances[e.entry_id] for e in result.ranking.main},
        },
        "without_judge": [
            {**judge(a.judge_id), **change(a)} for a in alternatives if a.judge_id is not None
        ],
        "weight_sweep": _sweep_json(stability, named),
        "by_method": {m.value: named(top) for m, top in stability.by_method.items()},
        "other_methods": [
            {"method": a.method.value, **change(a)} for a in alternatives if a.method is not None
        ],
        "methods_disagree": named(stability.disagreements),
        "reliability": _reliability_json(stability, judge),
    }


def _sweep_json(
    stability: Stability, named: Callable[[Iterable[int]], list[str]]
) -> dict[str, Any]:
    """The weight sweep's change points, and the top N from w = 0 and at each of them."""
    changes = set(stability.sweep_changes)
    return {
        "changes": list(stability.sweep_changes),
        "top_at": [
            {"weight": p.weight, "top": named(p.top_ids)}
            for i, p in enumerate(stability.sweep)
            if i == 0 or p.weight in changes
        ],
    }


def _reliability_json(
    stability: Stability, judge: Callable[[int], dict[str, str]]
) -> dict[str, Any]:
    figures = stability.reliability
    return {
        "alpha": figures.alpha,
        "icc3k": figures.icc3k,
        "kendall_w": figures.kendall_w,
        "complete": figures.complete,
        "judges": [
            {
                **judge(j.judge_id),
                "entries": j.entries,
                "mean": j.mean,
                "sd": j.sd,
                "consensus_r": j.consensus_r,
            }
            for j in figures.judges
        ],
    }
