"""How far judging has got: per judge, per entry, per judge × entry, per card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scoring.enums import ScorecardSource, ScorecardStatus


@dataclass(frozen=True, kw_only=True)
class JudgeProgress:
    """How far one judge has got in a campaign."""

    judge_id: int
    username: str
    display_name: str
    assigned: int
    submitted: int
    drafts: int
    recused: int
    paper: int = 0
    mean_watch_share: float | None = None


@dataclass(frozen=True, kw_only=True)
class EntryProgress:
    """How many of an entry's scorecards are in."""

    entry_id: int
    code: str
    title: str
    assigned: int
    submitted: int
    drafts: int


@dataclass(frozen=True, kw_only=True)
class ScorecardLine:
    """One scorecard as the coordinators' progress table shows it."""

    scorecard_id: int
    judge_id: int
    username: str
    entry_id: int
    code: str
    status: ScorecardStatus
    source: ScorecardSource
    watch_share: float | None
    marks_given: int
    updated_at: datetime
    submitted_at: datetime | None = None
    reopen_reason: str | None = None
    display_name: str = ""


@dataclass(frozen=True, kw_only=True)
class WorkProgress:
    """One received work's judging: judges assigned (conflicts left out), cards submitted."""

    entry_id: int
    assigned: int
    submitted: int
