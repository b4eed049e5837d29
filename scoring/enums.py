"""Closed vocabularies shared by every layer (a leaf module: imports nothing of ours)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user may do; a user has exactly one role."""

    JUDGE = "judge"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    UNIT = "unit"  # 推荐单位工作人员: registers and forwards its own unit's works


class Category(StrEnum):
    """The two kinds of work the notice accepts."""

    MICRO_VIDEO = "micro_video"
    MICRO_ANIMATION = "micro_animation"


class EntryStage(StrEnum):
    """Whose hands a work is in: a recommending unit's draft, or received by the office."""

    DRAFT = "draft"
    RECEIVED = "received"


class Severity(StrEnum):
    """How serious a compliance finding is."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


class ScorecardStatus(StrEnum):
    """A scorecard is a draft until the judge (or a coordinator for paper) submits it."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


class ScorecardSource(StrEnum):
    """Where a scorecard's marks came from."""

    APP = "app"
    PAPER = "paper"


class ConflictKind(StrEnum):
    """Why a judge may not score an entry."""

    UNIT = "unit"
    RECUSAL = "recusal"


class LoginResult(StrEnum):
    """Outcome of one login attempt, as stored in ``login_attempts``."""

    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"
    DISABLED = "disabled"


class Method(StrEnum):
    """How judge totals become one expert score (SPEC §6)."""

    ZSCORE = "zscore"
    RAW = "raw"
    TRIMMED = "trimmed"


class RankStatus(StrEnum):
    """Where an entry stands in the ranking (``rank --json`` status, SPEC §8)."""

    RANKED = "ranked"
    INCOMPLETE = "incomplete"
    EXCLUDED_COMPLIANCE = "excluded:compliance"
    CQO = "cqo"


class FlagKind(StrEnum):
    """What looks odd about a series of viewing figures."""

    COUNT_DOWN = "count_down"
    LIKES_OVER_VIEWS = "likes_over_views"
    SPIKE = "spike"
    LOW_ENGAGEMENT = "low_engagement"
    NOT_SCORABLE = "not_scorable"


class HintKind(StrEnum):
    """What a media hint points at (never a finding: it neither scores nor blocks)."""

    LOUD = "loud"
    QUIET = "quiet"
    TRUE_PEAK = "true_peak"
    SILENT_TRACK = "silent_track"
    SILENCE = "silence"
    BLACK = "black"
    FREEZE = "freeze"


class CalibrationState(StrEnum):
    """Where a campaign's calibration round (试评) stands."""

    NONE = "none"  # no reference clip yet
    OPEN = "open"  # judges score the clips, first in their queue
    CLOSED = "closed"  # discussed and closed; the clips leave the judges' queues
