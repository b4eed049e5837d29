"""A recommending unit's own works: their state (draft, received, being judged, judged —
never a score), their compliance findings (the very findings the office sees), and a
code for the next one. Only the unit's own works, whatever id is asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from scoring.enums import EntryStage, Severity
from scoring.errors import NotAllowed
from scoring.records.compliance import Finding
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
from scoring.records.units import PledgeFile
from scoring.services.context import Actor, Context
from scoring.services.entries._unit_scope import owned_entry, unit_of
from scoring.storage import compliance as compliance_store
from scoring.storage import entries as entry_store
from scoring.storage import units as unit_store
from scoring.storage.rows import Cursor

DRAFT: Final = "draft"
RECEIVED: Final = "received"
JUDGING: Final = "judging"
JUDGED: Final = "judged"
CODE_PREFIX: Final = "TJ-"
_CODE: Final = re.compile(r"^TJ-(\d{3,})$")
# Findings that name other works by code, and the parameter that holds the codes.
_CODE_PARAMS: Final = {"duplicate": "codes", "recommender_load": "others"}
_ORDER: Final = (Severity.OK, Severity.WARNING, Severity.ERROR)


@dataclass(frozen=True)
class UnitWork:
    """One of the unit's works with its state and how its compliance checks stand."""

    entry: Entry
    state: str
    worst: Severity
    errors: int
    warnings: int


@dataclass(frozen=True)
class UnitWorkDetail:
    """One work in full for its unit: fields, stored video, pledge and findings."""

    entry: Entry
    media: MediaFile | None
    pledge: PledgeFile | None
    findings: list[Finding]

    @property
    def editable(self) -> bool:
        """True while the work is the unit's draft."""
        return self.entry.stage is EntryStage.DRAFT


def _state(entry: Entry, progress: dict[int, tuple[int, int]]) -> str:
    if entry.stage is EntryStage.DRAFT:
        return DRAFT
    assigned, submitted = progress.get(entry.id, (0, 0))
    if assigned == 0:
        return RECEIVED
    return JUDGED if submitted >= assigned else JUDGING


def unit_works(ctx: Context, *, actor: Actor, campaign_id: int) -> list[UnitWork]:
    """The unit's works of the campaign, by code, with state and findings counted."""
    unit = unit_of(actor)

    def work(cur: Cursor) -> list[UnitWork]:
        progress = {
            p.entry_id: (p.assigned, p.submitted)
            for p in unit_store.unit_work_progress(cur, campaign_id, unit)
        }
        works = []
        for entry in entry_store.list_unit_entries(cur, campaign_id, unit):
            found = compliance_store.entry_findings(cur, entry.id)
            severities = [f.severity for f in found]
            works.append(
                UnitWork(
                    entry=entry,
                    state=_state(entry, progress),
                    worst=max(severities, key=_ORDER.index, default=Severity.OK),
                    errors=severities.count(Severity.ERROR),
                    warnings=severities.count(Severity.WARNING),
                )
            )
        return works

    return ctx.db.read(work)


def unit_work_detail(ctx: Context, *, actor: Actor, entry_id: int) -> UnitWorkDetail:
    """One of the unit's works with its findings; refused for any other work."""

    def work(cur: Cursor) -> UnitWorkDetail:
        entry = owned_entry(cur, actor, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        pledge = (
            unit_store.get_pledge_file(cur, entry.pledge_sha256) if entry.pledge_sha256 else None
        )
        own = {e.code for e in entry_store.list_unit_entries(cur, entry.campaign_id, entry.unit)}
        findings = [unit_view(f, own) for f in compliance_store.entry_findings(cur, entry_id)]
        return UnitWorkDetail(entry, media, pledge, findings)

    return ctx.db.read(work)


def unit_view(finding: Finding, own_codes: set[str]) -> Finding:
    """The finding as a unit sees it: the same, except that a finding naming works that are
    not the unit's own says how many there are instead of their codes."""
    param = _CODE_PARAMS.get(finding.rule)
    if param is None or param not in finding.params:
        return finding
    codes = [c for c in str(finding.params[param]).split(", ") if c]
    if all(code in own_codes for code in codes):
        return finding
    params = {k: v for k, v in finding.params.items() if k != param}
    params["hidden"] = len(codes)
    return replace(finding, message_key=finding.message_key + "_masked", params=params)


def suggested_code(ctx: Context, *, actor: Actor, campaign_id: int) -> str:
    """A free code for the unit's next work: ``TJ-`` and the next number in the campaign
    (codes say nothing of the unit, so judges who see them learn nothing either)."""
    unit_of(actor)
    entries = ctx.db.read(lambda cur: entry_store.list_all_entries(cur, campaign_id))
    numbers = [int(m[1]) for e in entries if (m := _CODE.match(e.code))]
    return f"{CODE_PREFIX}{max(numbers, default=0) + 1:03d}"


def draft_id(ctx: Context, *, actor: Actor, campaign_id: int, code: str) -> int:
    """The id of the unit's draft with this code; refused for any other code."""
    unit = unit_of(actor)
    mine = ctx.db.read(lambda cur: entry_store.list_unit_entries(cur, campaign_id, unit))
    found = [e.id for e in mine if e.code == code and e.stage is EntryStage.DRAFT]
    if not found or found[0] is None:
        raise NotAllowed("error.unit_entry_refused", entry=code)
    return found[0]
