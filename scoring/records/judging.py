"""Judging: the rubric, who scores what, scorecards with their history, the bytes a
judge was sent, and a judge's queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.enums import Category, ConflictKind, QueueStatus, ScorecardSource, ScorecardStatus
from scoring.records._columns import json_field


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One rubric line with its weight (SPEC §4)."""

    campaign_id: int
    key: str
    position: int
    name_zh: str
    name_en: str
    description_zh: str = ""
    description_en: str = ""
    weight: float


@dataclass(frozen=True, kw_only=True)
class Assignment:
    """A judge is to score an entry."""

    campaign_id: int
    judge_id: int
    entry_id: int
    assigned_at: datetime
    seed: int | None = None


@dataclass(frozen=True, kw_only=True)
class Conflict:
    """A judge may not score an entry: same unit, or a declared recusal."""

    judge_id: int
    entry_id: int
    kind: ConflictKind
    reason: str = ""
    declared_by: str
    declared_at: datetime


@dataclass(frozen=True, kw_only=True)
class NewScorecard:
    """One judge's marks for one entry; ``marks`` maps criterion key to 0–10."""

    campaign_id: int
    judge_id: int
    entry_id: int
    status: ScorecardStatus = ScorecardStatus.DRAFT
    comment: str = ""
    watch_share: float | None = None
    watch_ranges: list[list[float]] | None = json_field(default_factory=lambda: None)
    source: ScorecardSource = ScorecardSource.APP
    entered_by: int | None = None
    reopen_reason: str | None = None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    marks: dict[str, float] = field(default_factory=dict, metadata={"column": False})


@dataclass(frozen=True, kw_only=True)
class Scorecard(NewScorecard):
    """``NewScorecard`` as stored, with the id the store gave it."""

    id: int


@dataclass(frozen=True, kw_only=True)
class NewScorecardChange:
    """One field of a scorecard changed: who, when, old → new."""

    scorecard_id: int
    changed_by: str
    changed_at: datetime
    field: str
    old_value: str | None = None
    new_value: str | None = None


@dataclass(frozen=True, kw_only=True)
class ScorecardChange(NewScorecardChange):
    """``NewScorecardChange`` as stored, with the id the store gave it."""

    id: int


@dataclass(frozen=True, kw_only=True)
class NewServedPart:
    """Bytes of an entry's video the media route sent to a judge, and the part of the
    video they carry (evidence of watching: a reported range is credited only inside these)."""

    judge_id: int
    entry_id: int
    kind: str  # 'preview' or 'clean'
    byte_start: int
    byte_end: int  # exclusive
    start_s: float
    end_s: float
    served_at: datetime
    subject: str = "entry"  # or "clip": a calibration clip, whose id stands in entry_id


@dataclass(frozen=True, kw_only=True)
class QueueItem:
    """One line of a judge's queue: only what a blind judge may see."""

    entry_id: int
    code: str
    title: str
    category: Category
    duration_s: float | None = None
    orientation: str | None = None
    status: QueueStatus
    marks_given: int = 0
