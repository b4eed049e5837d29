"""Entries (submitted works) and what the office's tables show of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from scoring.enums import Category, EntryStage


@dataclass(frozen=True, kw_only=True)
class NewEntry:
    """A submitted work with the fields of the registration form (SPEC §2)."""

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
class Entry(NewEntry):
    """``NewEntry`` as stored, with the id the store gave it."""

    id: int


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
