"""How far the judges agree (SPEC §6, reliability): α, ICC(3,k), Kendall's W, per-judge figures.

Every function reads a judge × entry matrix of judge totals T_je, NaN where a judge
submitted no scorecard. ``assess_reliability`` builds it from the ranked main list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from scoring.domain.ranking import Ranking

FloatArray = NDArray[np.float64]
_MIN_SHARED = 3  # a correlation over fewer entries says nothing
# A between-entries mean square this small beside the mean square of the totals themselves
# is float noise, i.e. zero. Relative, so totals in any unit (0–10, 0–100, …) give one ICC.
_RELATIVE_NOISE = 1e-12


@dataclass(frozen=True, kw_only=True)
class JudgeFigures:
    """One judge's leniency and agreement with the rest of the panel."""

    judge_id: int
    entries: int
    mean: float | None
    sd: float | None  # population SD
    consensus_r: float | None  # Pearson r with the other judges' mean total per entry


@dataclass(frozen=True, kw_only=True)
class Reliability:
    """Panel agreement; ICC and W exist only when the matrix is complete."""

    alpha: float | None
    icc3k: float | None
    kendall_w: float | None
    complete: bool
    judges: tuple[JudgeFigures, ...]


def _matrix(values: ArrayLike) -> FloatArray:
    matrix: FloatArray = np.asarray(values, dtype=np.float64)
    if matrix.ndim != 2:
        matrix = matrix.reshape(0, 0)
    return matrix


def krippendorff_alpha_interval(totals: ArrayLike) -> float | None:
    """Krippendorff's α, interval metric, missing values allowed (judges × entries).

    Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
    for Communication, University of Pennsylvania, §C: coincidences o_ck = Σ_u (pairs c–k
    in unit u)/(m_u − 1) over units with m_u ≥ 2 values; n_c = Σ_k o_ck; n = Σ_c n_c;
    α = 1 − (n − 1)·Σ o_ck·δ²_ck / Σ n_c·n_k·δ²_ck with δ²_ck = (c − k)².
    None when no unit has two values or every value is the same (α is undefined).
    """
    data = _matrix(totals)
    values = np.unique(data[~np.isnan(data)])
    coincidences = np.zeros((values.size, values.size))
    for unit in data.T:
        present = unit[~np.isnan(unit)]
        if present.size < 2:
            continue  # a lone value has nothing to be paired with
        counts = np.bincount(np.searchsorted(values, present), minlength=values.size)
        pairs = np.outer(counts, counts) - np.diag(counts)
        coincidences += pairs / (present.size - 1)
    marginals = coincidences.sum(axis=1)
    pairable = float(marginals.sum())
    delta2 = (values[:, None] - values[None, :]) ** 2
    expected = float((np.outer(marginals, marginals) * delta2).sum())
    if pairable < 2 or expected == 0:
        return None
    observed = float((coincidences * delta2).sum())
    return 1.0 - (pairable - 1) * observed / expected


def icc_3k(totals: ArrayLike) -> float | None:
    """ICC(3,k): two-way mixed, consistency, mean of k judges; complete matrix only.

    Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    reliability. Psychological Bulletin 86(2), 420–428: ICC(3,k) = (BMS − EMS) / BMS.
    """
    data = _matrix(totals)
    judges, targets = data.shape
    if judges < 2 or targets < 2 or np.isnan(data).any():
        return None
    grand = float(data.mean())
    between = judges * float(((data.mean(axis=0) - grand) ** 2).sum())
    by_judge = targets * float(((data.mean(axis=1) - grand) ** 2).sum())
    residual = float(((data - grand) ** 2).sum()) - between - by_judge
    bms = between / (targets - 1)
    ems = residual / ((targets - 1) * (judges - 1))
    if bms <= _RELATIVE_NOISE * float((data**2).mean()):
        return None  # the entries do not differ at all: no reliability to measure
    return float((bms - ems) / bms)


def kendall_w(totals: ArrayLike) -> float | None:
    """Kendall's W with the tie correction; complete matrix only.

    Each judge ranks the entries (average ranks for ties); with m judges, n entries, rank
    sums R_i and S = Σ(R_i − R̄)², W = 12·S / (m²(n³ − n) − m·Σ_j Σ_groups (t³ − t))
    (Kendall & Babington Smith 1939; Siegel & Castellan 1988, §9.4).
    """
    data = _matrix(totals)
    judges, entries = data.shape
    if judges < 2 or entries < 2 or np.isnan(data).any():
        return None
    from scipy.stats import rankdata  # here: importing scipy.stats costs ~1.5 s per process

    ranks = np.asarray(rankdata(data, axis=1), dtype=np.float64)
    rank_sums = ranks.sum(axis=0)
    spread = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    ties = sum(int((counts**3 - counts).sum()) for counts in _tie_groups(data))
    denominator = judges**2 * (entries**3 - entries) - judges * ties
    if denominator <= 0:
        return None  # every judge gave every entry the same total
    return float(12.0 * spread / denominator)


def _tie_groups(data: FloatArray) -> list[NDArray[np.int64]]:
    return [np.unique(row, return_counts=True)[1].astype(np.int64) for row in data]


def _pearson(x: FloatArray, y: FloatArray) -> float | None:
    if x.size < _MIN_SHARED or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    r = float((dx * dy).sum() / np.sqrt((dx**2).sum() * (dy**2).sum()))
    return min(1.0, max(-1.0, r))


def judge_figures(*, judge_ids: Sequence[int], totals: ArrayLike) -> tuple[JudgeFigures, ...]:
    """Per judge: mean, population SD and r with the others' mean on shared entries."""
    data = _matrix(totals)
    figures = []
    for row, judge in enumerate(judge_ids):
        mine = data[row]
        scored = ~np.isnan(mine)
        others = np.delete(data, row, axis=0)
        seen = ~np.isnan(others)
        with np.errstate(invalid="ignore", divide="ignore"):
            consensus = np.where(seen, others, 0.0).sum(axis=0) / seen.sum(axis=0)
        shared = scored & seen.any(axis=0)
        values = mine[scored]
        figures.append(
            JudgeFigures(
                judge_id=judge,
                entries=int(scored.sum()),
                mean=float(values.mean()) if values.size else None,
                sd=float(values.std()) if values.size else None,
                consensus_r=_pearson(mine[shared], consensus[shared]),
            )
        )
    return tuple(figures)


def assess_matrix(*, judge_ids: Sequence[int], totals: ArrayLike) -> Reliability:
    """Every reliability figure of one judge × entry matrix of totals."""
    data = _matrix(totals)
    complete = data.size > 0 and not np.isnan(data).any()
    return Reliability(
        alpha=krippendorff_alpha_interval(data),
        icc3k=icc_3k(data) if complete else None,
        kendall_w=kendall_w(data) if complete else None,
        complete=complete,
        judges=judge_figures(judge_ids=judge_ids, totals=data),
    )


def assess_reliability(ranking: Ranking) -> Reliability:
    """Reliability over the ranked main list: its judges × its entries, in rank order."""
    entries = ranking.main
    judge_ids = sorted({judge for entry in entries for judge in entry.judge_totals})
    data = np.full((len(judge_ids), len(entries)), np.nan)
    for column, entry in enumerate(entries):
        for row, judge in enumerate(judge_ids):
            data[row, column] = entry.judge_totals.get(judge, np.nan)
    return assess_matrix(judge_ids=judge_ids, totals=data)
