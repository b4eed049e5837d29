"""services/entries/demo_units.py: the demo's recommending units, as the seeded demo holds them."""

from __future__ import annotations

from datetime import UTC, datetime

from scoring.enums import EntryStage
from scoring.services.context import Context
from scoring.services.entries.demo_units import (
    DINGXI,
    FORWARDED,
    SHANGHAI,
    TIANSHUI,
    forwarding_deadline,
)
from scoring.storage import entries as entry_store
from scoring.storage import units as unit_store


def test_forwarding_deadline_is_2359_shanghai_thirty_days_on() -> None:
    now = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)  # already 3月2日 01:00 in Shanghai
    assert forwarding_deadline(now) == datetime(2026, 4, 1, 23, 59, tzinfo=SHANGHAI)


def test_the_demo_units_hold_their_drafts_forwarded_works_and_liaison(demo_ctx: Context) -> None:
    dingxi = demo_ctx.db.read(lambda c: entry_store.list_unit_entries(c, 1, DINGXI))
    assert [(e.code, e.stage) for e in dingxi] == [
        ("TJ-001", EntryStage.DRAFT),
        ("TJ-002", EntryStage.DRAFT),
    ]
    tianshui = demo_ctx.db.read(lambda c: entry_store.list_unit_entries(c, 1, TIANSHUI))
    assert [(e.code, e.stage) for e in tianshui] == [
        (FORWARDED[0], EntryStage.RECEIVED),
        (FORWARDED[1], EntryStage.RECEIVED),
        ("TJ-003", EntryStage.DRAFT),
    ]
    forwarded_at = datetime(2023, 5, 18, 10, 0, tzinfo=SHANGHAI)
    assert [e.forwarded_at for e in tianshui[:2]] == [forwarded_at, forwarded_at]
    pledge = tianshui[0].pledge_sha256
    assert pledge is not None and dingxi[0].pledge_sha256 == pledge
    scan = demo_ctx.db.read(lambda c: unit_store.get_pledge_file(c, pledge))
    assert scan is not None and (scan.kind, scan.original_name) == (
        "pdf",
        "作品版权承诺书（扫描件）.pdf",
    )
    liaison = demo_ctx.db.read(lambda c: unit_store.get_contact(c, 1, TIANSHUI))
    assert liaison is not None
    assert (liaison.name, liaison.position, liaison.updated_by) == (
        "李娜",
        "质量发展科科长",
        "unit2",
    )
    assert demo_ctx.db.read(lambda c: unit_store.get_contact(c, 1, DINGXI)) is None
