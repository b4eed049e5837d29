"""The calibration round's figures (试评): each judge's total on each reference clip beside
the panel's median and spread, so the panel can talk about who marks high or low before
the real round. A total is the ranking's own T (SPEC §6.1); nothing here reaches a result.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from scoring.domain.marks import weighted_total

MIN_CLIPS: Final = 2  # the round uses two or three reference clips
MAX_CLIPS: Final = 3


@dataclass(frozen=True, kw_only=True)
class CalibrationMarks:
    """One submitted calibration card: criterion key → mark."""

    judge_id: int
    clip_id: int
    marks: Mapping[str, float]


@dataclass(frozen=True, kw_only=True)
class ClipFigures:
    """One clip: the judges' totals, their median, lowest and highest (None without cards)."""

    clip_id: int
    totals: Mapping[int, float]  # judge id → T
    median: float | None
    low: float | None
    high: float | None

    @property
    def spread(self) -> float | None:
        """Highest minus lowest total (0 with one card, None with none)."""
        return None if self.low is None or self.high is None else self.high - self.low


@dataclass(frozen=True, kw_only=True)
class JudgeFigures:
    """One judge: their totals by clip and how far they sit from the panel's medians."""

    judge_id: int
    totals: Mapping[int, float]  # clip id → T
    offset: float | None  # mean over their clips of (T − the clip's median); None: no cards


@dataclass(frozen=True)
class CalibrationFigures:
    """Every clip's and every judge's figures, in the order they were asked for."""

    clips: tuple[ClipFigures, ...]
    judges: tuple[JudgeFigures, ...]


def calibration_figures(
    *,
    clip_ids: Sequence[int],
    judge_ids: Sequence[int],
    cards: Iterable[CalibrationMarks],
    weights: Mapping[str, float],
) -> CalibrationFigures:
    """Totals, medians, spreads and offsets of the submitted calibration cards.

    Cards of clips or judges not asked for, and cards missing a mark, are left out.
    """
    totals: dict[tuple[int, int], float] = {}
    for card in cards:
        total = weighted_total(card.marks, weights)
        if total is not None and card.clip_id in clip_ids and card.judge_id in judge_ids:
            totals[(card.judge_id, card.clip_id)] = total
    clips = tuple(_clip(clip_id, judge_ids, totals) for clip_id in clip_ids)
    medians = {c.clip_id: c.median for c in clips}
    judges = tuple(_judge(judge_id, clip_ids, totals, medians) for judge_id in judge_ids)
    return CalibrationFigures(clips=clips, judges=judges)


def _clip(
    clip_id: int, judge_ids: Sequence[int], totals: dict[tuple[int, int], float]
) -> ClipFigures:
    mine = {j: totals[(j, clip_id)] for j in judge_ids if (j, clip_id) in totals}
    values = list(mine.values())
    return ClipFigures(
        clip_id=clip_id,
        totals=mine,
        median=float(statistics.median(values)) if values else None,
        low=min(values) if values else None,
        high=max(values) if values else None,
    )


def _judge(
    judge_id: int,
    clip_ids: Sequence[int],
    totals: dict[tuple[int, int], float],
    medians: Mapping[int, float | None],
) -> JudgeFigures:
    mine = {c: totals[(judge_id, c)] for c in clip_ids if (judge_id, c) in totals}
    gaps = [total - median for c, total in mine.items() if (median := medians[c]) is not None]
    return JudgeFigures(
        judge_id=judge_id,
        totals=mine,
        offset=sum(gaps) / len(gaps) if gaps else None,
    )
