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
from dataclasses import dataclass
from typing import Final

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
    weight_sweep,
)
from scoring.enums import Method
from scoring.services.background import KeptResults
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.ranking.results import RankingResult
from scoring.storage.users import list_users


@dataclass(frozen=True, kw_only=True)
class Stability:
    """Everything the panel shows beside the ranking."""

    without_judge: dict[str, list[int]]  # judge username → top N without them
    probabilities: dict[int, float]  # entry id → P(in top N)
    seed: int
    resamples: int
    sweep: list[SweepPoint]
    sweep_changes: list[float]
    by_method: dict[Method, list[int]]
    disagreements: list[int]
    reliability: Reliability
    judge_names: dict[int, str]


# resamples × judges × entries above which the panel is computed beside the page
INLINE_CELLS: Final = 20_000_000
_KEPT: Final = 8  # panels kept per process (what-if settings each make one)


def stability_of(ctx: Context, *, actor: Actor, result: RankingResult) -> Stability:
    """Leave-one-judge-out, bootstrap, weight sweep, other methods and reliability."""
    require_role(actor, *STAFF)
    names = {u.id or 0: u.username for u in ctx.db.read(list_users)}
    key = _key(result, names)
    return _PANELS.get(key) or _PANELS.keep(key, _compute(result, names))


def stability_if_ready(ctx: Context, *, actor: Actor, result: RankingResult) -> Stability | None:
    """The panel if it is computed (or small enough to compute now); otherwise None, and
    it is being computed beside the page (ask again later)."""
    require_role(actor, *STAFF)
    names = {u.id or 0: u.username for u in ctx.db.read(list_users)}
    key = _key(result, names)
    found = _PANELS.get(key)
    if found is not None:
        return found
    inputs = result.inputs
    cells = DEFAULT_RESAMPLES * len(inputs.entries) * len(set(inputs.scores.judge_ids.tolist()))
    if cells <= INLINE_CELLS:
        return _PANELS.keep(key, _compute(result, names))
    _PANELS.start(key, lambda: _compute(result, names))
    return None


def _compute(result: RankingResult, names: dict[int, str]) -> Stability:
    inputs, params = result.inputs, result.params
    entries, scores, weights = inputs.entries, inputs.scores, inputs.weights
    points = weight_sweep(entries=entries, scores=scores, weights=weights, params=params)
    by_method = method_comparison(entries=entries, scores=scores, weights=weights, params=params)
    left_out = leave_one_judge_out(entries=entries, scores=scores, weights=weights, params=params)
    return Stability(
        without_judge={names.get(j, str(j)): top for j, top in left_out.items()},
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
    )


def _key(result: RankingResult, names: dict[int, str]) -> str:
    """A digest of everything the panel is computed from."""
    inputs, digest = result.inputs, hashlib.blake2b(digest_size=20)
    scores = inputs.scores
    for part in (
        repr((result.params, sorted(inputs.weights.items()), scores.keys, sorted(names.items()))),
        repr(inputs.entries),
    ):
        digest.update(part.encode())
    for array in (scores.judge_ids, scores.entry_ids, scores.marks):
        digest.update(array.tobytes())
    return digest.hexdigest()


_PANELS: KeptResults[Stability] = KeptResults("stability", kept=_KEPT)
