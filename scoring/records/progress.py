"""How far judging has got: per judge, per entry, per judge × entry, per card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scoring.enums import ConflictKind, ScorecardSource, ScorecardStatus


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
class ProgressPair:
    """A judge × entry of a campaign with an assignment, a conflict or a scorecard.

    A judge with none of these in the campaign comes as one pair without an entry
    (``entry_id`` None), an entry with none as one pair without a judge.
    """

    judge_id: int | None = None
    username: str = ""
    display_name: str = ""
    is_judge: bool = False
    entry_id: int | None = None
    code: str = ""
    title: str = ""
    assigned: bool = False
    conflict: ConflictKind | None = None
    scorecard_id: int | None = None
    status: ScorecardStatus | None = None
    source: ScorecardSource | None = None
    watch_share: float | None = None
    marks_given: int = 0
    updated_at: datetime | None = None
    submitted_at: datetime | None = None
    reopen_reason: str | None = None


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
