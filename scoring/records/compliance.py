"""Compliance: a campaign's rule sets and each entry's findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scoring.enums import Severity
from scoring.records._columns import json_field


@dataclass(frozen=True, kw_only=True)
class NewRuleSet:
    """One version of a campaign's compliance rules (data, not code)."""

    campaign_id: int
    version: int
    rules: dict[str, Any] = json_field()
    created_by: str
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class RuleSet(NewRuleSet):
    """``NewRuleSet`` as stored, with the id the store gave it."""

    id: int


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
