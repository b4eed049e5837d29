"""Frozen records the store returns, one module per noun. Field names equal column names
(see scoring/storage/schema.sql); a field declared with ``json_field()`` is a JSON column.

A row the store numbers comes as two types: ``NewX`` is what a caller fills in to be
saved (no id), ``X`` is the stored row with its ``id`` (storage's ``add_x`` takes the first
and returns the second). Every record is importable from here
(``from scoring.records import Entry``) and from its noun's module.
"""

from __future__ import annotations

from scoring.records._columns import json_field
from scoring.records.audit import AuditEvent, NewAuditEvent
from scoring.records.calibration import (
    CalibrationCard,
    CalibrationClip,
    CalibrationRound,
    NewCalibrationCard,
    NewCalibrationClip,
)
from scoring.records.campaigns import Campaign, CampaignSettings, NewCampaign
from scoring.records.compliance import Finding, NewRuleSet, RuleSet
from scoring.records.entries import Entry, EntryHead, EntrySummary, NewEntry
from scoring.records.judging import (
    Assignment,
    Conflict,
    Criterion,
    NewScorecard,
    NewScorecardChange,
    NewServedPart,
    QueueItem,
    Scorecard,
    ScorecardChange,
    ServedPart,
)
from scoring.records.media import MediaFile, MediaHints, MediaMatch
from scoring.records.progress import (
    EntryProgress,
    JudgeProgress,
    ScorecardLine,
    WorkProgress,
)
from scoring.records.ranking import NewOverride, Override
from scoring.records.units import PledgeFile, UnitContact, UnitTally
from scoring.records.users import LoginAttempt, NewLoginAttempt, NewUser, User
from scoring.records.views import ImportRecord, NewImportRecord, ViewSnapshot

__all__ = [
    "Assignment",
    "AuditEvent",
    "CalibrationCard",
    "CalibrationClip",
    "CalibrationRound",
    "Campaign",
    "CampaignSettings",
    "Conflict",
    "Criterion",
    "Entry",
    "EntryHead",
    "EntryProgress",
    "EntrySummary",
    "Finding",
    "ImportRecord",
    "JudgeProgress",
    "LoginAttempt",
    "MediaFile",
    "MediaHints",
    "MediaMatch",
    "NewAuditEvent",
    "NewCalibrationCard",
    "NewCalibrationClip",
    "NewCampaign",
    "NewEntry",
    "NewImportRecord",
    "NewLoginAttempt",
    "NewOverride",
    "NewRuleSet",
    "NewScorecard",
    "NewScorecardChange",
    "NewServedPart",
    "NewUser",
    "Override",
    "PledgeFile",
    "QueueItem",
    "RuleSet",
    "Scorecard",
    "ScorecardChange",
    "ScorecardLine",
    "ServedPart",
    "UnitContact",
    "UnitTally",
    "User",
    "ViewSnapshot",
    "WorkProgress",
    "json_field",
]
