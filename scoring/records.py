"""Frozen records the store returns. Field names equal column names (see schema.sql).

A field declared with ``json_field()`` is a JSON column: stored as text, read back parsed.
``id`` fields are ``None`` until the store has assigned one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from scoring.enums import (
    Category,
    ConflictKind,
    EntryStage,
    LoginResult,
    Role,
    ScorecardSource,
    ScorecardStatus,
    Severity,
)


def json_field(default_factory: Any = dict) -> Any:
    """Declare a field stored in a JSON column."""
    return field(default_factory=default_factory, metadata={"json": True})


@dataclass(frozen=True, kw_only=True)
class Campaign:
    """One round of the contest (e.g. 2023); everything else belongs to one."""

    id: int | None = None
    name: str
    submission_deadline: datetime | None = None
    scoring_deadline: datetime | None = None
    shortlist_size: int = 5
    expert_weight: float = 0.7
    method: str = "zscore"
    min_judges: int = 3
    blind_mode: bool = True
    watch_share_required: float = 0.9
    assignment_per_entry: int | None = None
    assignment_seed: int | None = None
    ranking_cutoff: datetime | None = None
    is_demo: bool = False
    starts_at: datetime | None = None
    office_name: str = ""  # 报送单位 printed on 附件5 and the decision record
    notice_title: str = ""  # the notice the campaign follows
    archived_at: datetime | None = None
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class User:
    """A person who logs in; ``unit`` is their organisation, used for conflicts."""

    id: int | None = None
    username: str
    display_name: str
    unit: str = ""
    role: Role
    password_hash: str
    disabled: bool = False
    language: str | None = None
    sessions_valid_after: datetime | None = None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class LoginAttempt:
    """One try at the login form, known user or not."""

    id: int | None = None
    username: str
    attempted_at: datetime
    result: LoginResult


@dataclass(frozen=True, kw_only=True)
class Entry:
    """A submitted work with the fields of the registration form (SPEC §2)."""

    id: int | None = None
    campaign_id: int
    code: str
    title: str
    category: Category
    duration_declared: str = ""
    producer: str = ""
    shot_date: date | None = None
    completed_date: date | None = None
    synopsis: str = ""
    copy_text: str = ""
    place: str = ""
    people: str = ""
    event: str = ""
    result: str = ""
    intro: str = ""
    submitter: str = ""
    submitter_type: str = ""
    recommender: str = ""
    contact: str = ""
    phone: str = ""
    cqo_case: bool = False
    media_file: str = ""
    media_sha256: str | None = None
    subtitle_sha256: str | None = None
    platform_links: str = ""
    copyright_pledge: bool = False
    no_major_incident: bool = False
    lawfully_established: bool = False
    unit: str = ""  # the recommending unit whose account registered it ("" for the office)
    stage: EntryStage = EntryStage.RECEIVED
    forwarded_at: datetime | None = None
    pledge_sha256: str | None = None  # the scanned 附件3, when a unit uploaded one
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class MediaFile:
    """A stored original video, named by its sha256, with what the probe read."""

    sha256: str
    size_bytes: int
    original_name: str
    stored_at: datetime
    container: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    rotation: int | None = None
    duration_s: float | None = None
    fps: float | None = None
    bit_rate: int | None = None
    probe: dict[str, Any] = json_field()
    preview_status: str = "pending"
    preview_progress: float = 0.0
    preview_error: str | None = None


@dataclass(frozen=True, kw_only=True)
class PledgeFile:
    """A scanned copyright pledge (附件3) stored under its sha256; ``kind`` is read from
    the file's first bytes (pdf or jpeg), never from its name."""

    sha256: str
    kind: str
    size_bytes: int
    original_name: str
    stored_at: datetime


@dataclass(frozen=True, kw_only=True)
class UnitContact:
    """A recommending unit's liaison for one campaign (附件2 联络员反馈表)."""

    campaign_id: int
    unit: str
    name: str
    contact_unit: str = ""
    position: str = ""
    mobile: str = ""
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class MediaHints:
    """What the background measured of one stored original (``media_hints``); the
    signature is read only where films are compared."""

    sha256: str
    status: str = "pending"
    progress: float = 0.0
    error: str | None = None
    measures: dict[str, Any] | None = json_field(lambda: None)
    signature: bytes | None = field(default=None, repr=False)
    measured_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class MediaMatch:
    """Two stored originals showing the same film (``sha_a`` < ``sha_b``); each range is
    ``[a_start, a_end, b_start, b_end]`` in seconds."""

    sha_a: str
    sha_b: str
    ranges: list[list[float]] = json_field(list)
    whole: bool = False


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    """One version of a campaign's compliance rules (data, not code)."""

    id: int | None = None
    campaign_id: int
    version: int
    rules: dict[str, Any] = json_field()
    created_by: str
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One compliance result for an entry; the message is a catalog key plus facts."""

    entry_id: int
    position: int
    rule: str
    severity: Severity
    message_key: str
    params: dict[str, Any] = json_field()
    rule_set_id: int | None = None
    computed_at: datetime


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
class Scorecard:
    """One judge's marks for one entry; ``marks`` maps criterion key to 0–10."""

    id: int | None = None
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
class ScorecardChange:
    """One field of a scorecard changed: who, when, old → new."""

    id: int | None = None
    scorecard_id: int
    changed_by: str
    changed_at: datetime
    field: str
    old_value: str | None = None
    new_value: str | None = None


@dataclass(frozen=True, kw_only=True)
class ServedPart:
    """Bytes of an entry's video the media route sent to a judge, and the part of the
    video they carry (evidence of watching: a reported range is credited only inside these)."""

    id: int | None = None
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
class ViewSnapshot:
    """Viewing figures of one entry on one platform at one capture time."""

    entry_id: int
    platform: str
    captured_at: datetime
    views: int
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    import_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class ImportRecord:
    """One file fed to an importer, with its counts."""

    id: int | None = None
    campaign_id: int
    kind: str
    file_name: str
    sha256: str
    rows_read: int
    rows_imported: int
    rows_duplicate: int
    rows_rejected: int
    username: str
    imported_at: datetime


@dataclass(frozen=True, kw_only=True)
class Override:
    """A coordinator's decision against the formula, always with a reason."""

    id: int | None = None
    campaign_id: int
    entry_id: int
    kind: str
    reason: str
    created_by: str
    created_at: datetime
    revoked_by: str | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class AuditEvent:
    """One line of the append-only audit log."""

    id: int | None = None
    logged_at: datetime
    actor: str
    campaign_id: int | None = None
    action: str
    target: str = ""
    details: dict[str, Any] = json_field()


@dataclass(frozen=True, kw_only=True)
class EntryHead:
    """An entry as lists and the ranking show it: no registration text."""

    id: int
    code: str
    title: str
    category: Category
    cqo_case: bool
    recommender: str


@dataclass(frozen=True, kw_only=True)
class EntrySummary:
    """One line of the coordinators' entry table."""

    id: int
    code: str
    title: str
    category: Category
    producer: str
    recommender: str
    cqo_case: bool
    submitter: str = ""
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    judges_assigned: int = 0
    scorecards_submitted: int = 0
    platform_links: str = ""


@dataclass(frozen=True, kw_only=True)
class QueueItem:
    """One line of a judge's queue: only what a blind judge may see."""

    entry_id: int
    code: str
    title: str
    category: Category
    duration_s: float | None = None
    orientation: str | None = None
    status: str  # not_started | draft | submitted
    marks_given: int = 0


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
class CalibrationClip:
    """A reference clip of the calibration round (试评): not an entry; judges see it only
    by its number, never by ``title`` or the file's name."""

    id: int | None = None
    campaign_id: int
    title: str = ""
    media_sha256: str
    added_by: str
    added_at: datetime


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
class CalibrationCard:
    """One judge's marks for one calibration clip; never read by the ranking."""

    id: int | None = None
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
class UnitTally:
    """How many works a unit has registered, how many the office holds, and how many of
    them lack a copyright pledge. A work the office registered counts for its 推荐单位."""

    unit: str
    registered: int
    forwarded: int
    without_pledge: int


@dataclass(frozen=True, kw_only=True)
class WorkProgress:
    """One received work's judging: judges assigned (conflicts left out), cards submitted."""

    entry_id: int
    assigned: int
    submitted: int
