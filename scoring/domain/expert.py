"""Expert raw scores X_e from judge totals (SPEC §6.2): per-judge z-scores, raw or trimmed mean."""

from __future__ import annotations

from typing import Final

import numpy as np

from scoring.domain.score_table import (
    BoolArray,
    FloatArray,
    ScoreTable,
)
from scoring.enums import Method

SD_FLOOR: Final = 0.5  # SPEC §6.2: z = (T − m) / max(sd, 0.5)
MIN_OWN_TOTALS: Final = 5  # SPEC §6.2: fewer totals → the campaign's SD
TRIM_FROM: Final = 5  # SPEC §6.2: the trimmed mean needs ≥5 totals


def _standardise(totals: FloatArray, present: BoolArray, filled: FloatArray) -> FloatArray:
    """z_je of SPEC §6.2; each row of the batch is a separate judge (copies included)."""
    n_judge = present.sum(axis=2, keepdims=True)
    mean = filled.sum(axis=2, keepdims=True) / np.maximum(n_judge, 1)
    own_sq = np.where(present, totals - mean, 0.0) ** 2
    own_sd = np.sqrt(own_sq.sum(axis=2, keepdims=True) / np.maximum(n_judge, 1))
    n_all = n_judge.sum(axis=1, keepdims=True)
    mean_all = filled.sum(axis=(1, 2), keepdims=True) / np.maximum(n_all, 1)
    all_sq = np.where(present, totals - mean_all, 0.0) ** 2
    all_sd = np.sqrt(all_sq.sum(axis=(1, 2), keepdims=True) / np.maximum(n_all, 1))
    sd = np.where(n_judge >= MIN_OWN_TOTALS, own_sd, all_sd)
    z: FloatArray = (totals - mean) / np.maximum(sd, SD_FLOOR)
    return z


def expert_raw(totals: FloatArray, *, method: Method) -> FloatArray:
    """X_e of SPEC §6.2 from totals (batch, judges, entries); NaN where nobody scored."""
    present = ~np.isnan(totals)
    counts = present.sum(axis=1)
    filled = np.where(present, totals, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method is Method.ZSCORE:
            z = np.where(present, _standardise(totals, present, filled), 0.0)
            result: FloatArray = z.sum(axis=1) / counts
            return result
        mean: FloatArray = filled.sum(axis=1) / counts
        if method is Method.RAW:
            return mean
        ordered = np.sort(totals, axis=1)  # NaN sorts last
        position = np.arange(totals.shape[1]).reshape(1, -1, 1)
        middle = (position >= 1) & (position < counts[:, None, :] - 1)
        kept = np.where(middle, ordered, 0.0).sum(axis=1)
        trimmed: FloatArray = np.where(counts >= TRIM_FROM, kept / (counts - 2), mean)
        return trimmed


def judge_z_scores(table: ScoreTable) -> dict[tuple[int, int], float]:
    """(judge id, entry id) → z_je exactly as the zscore method computes it (SPEC §6.2)."""
    totals = table.totals[None, :, :]
    present = ~np.isnan(totals)
    z = _standardise(totals, present, np.where(present, totals, 0.0))[0]
    return {
        (judge, entry.entry_id): float(z[r, c])
        for r, judge in enumerate(table.judge_ids)
        for c, entry in enumerate(table.entries)
        if present[0, r, c]
    }
