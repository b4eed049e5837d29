"""Coordinators' overrides of the ranking formula."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class NewOverride:
    """A coordinator's decision against the formula, always with a reason."""

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
class Override(NewOverride):
    """``NewOverride`` as stored, with the id the store gave it."""

    id: int
