"""Recommending units (推荐单位): scanned pledges, liaisons and their tallies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
class UnitTally:
    """How many works a unit has registered, how many the office holds, and how many of
    them lack a copyright pledge. A work the office registered counts for its 推荐单位."""

    unit: str
    registered: int
    forwarded: int
    without_pledge: int
