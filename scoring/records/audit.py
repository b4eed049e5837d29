"""The append-only audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scoring.records._columns import json_field


@dataclass(frozen=True, kw_only=True)
class NewAuditEvent:
    """One line of the append-only audit log."""

    logged_at: datetime
    actor: str
    campaign_id: int | None = None
    action: str
    target: str = ""
    details: dict[str, Any] = json_field()


@dataclass(frozen=True, kw_only=True)
class AuditEvent(NewAuditEvent):
    """``NewAuditEvent`` as stored, with the id the store gave it."""

    id: int
