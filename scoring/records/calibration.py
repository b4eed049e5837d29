"""The calibration round (试评): reference clips, the round, and judges' cards for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.enums import ScorecardStatus
from scoring.records._columns import json_field


@dataclass(frozen=True, kw_only=True)
class NewCalibrationClip:
    """A reference clip of the calibration round (试评): not an entry; judges see it only
    by its number, never by ``title`` or the file's name."""

    campaign_id: int
    title: str = ""
    media_sha256: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True, kw_only=True)
class CalibrationClip(NewCalibrationClip):
    """``NewCalibrationClip`` as stored, with the id the store gave it."""

    id: int


@dataclass(frozen=True, kw_only=True)
class CalibrationRound:
    """A campaign's calibration round: open until ``closed_at``, with the panel's note."""

    campaign_id: int
    note: str = ""
    note_by: str | None = None
    note_at: datetime | None = None
    opened_by: str
    opened_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class NewCalibrationCard:
    """One judge's marks for one calibration clip; never read by the ranking."""

    campaign_id: int
    clip_id: int
    judge_id: int
    status: ScorecardStatus = ScorecardStatus.DRAFT
    comment: str = ""
    watch_share: float | None = None
    watch_ranges: list[list[float]] | None = json_field(default_factory=lambda: None)
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    marks: dict[str, float] = field(default_factory=dict, metadata={"column": False})


@dataclass(frozen=True, kw_only=True)
class CalibrationCard(NewCalibrationCard):
    """``NewCalibrationCard`` as stored, with the id the store gave it."""

    id: int
