"""The demo's recommending units: 定西 (unit1) with two drafts to mend and forward, and
天水 (unit2), whose two works GS-2023-004/005 (with their scanned pledges) it forwarded
through the app, with a third it can no longer forward, and a liaison. Seeded inside the
demo's transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from scoring.enums import Category, EntryStage
from scoring.media.store import store_stream
from scoring.records.entries import NewEntry
from scoring.records.media import MediaFile
from scoring.records.units import PledgeFile, UnitContact
from scoring.services.context import Context
from scoring.services.entries.media_files import add_media_in
from scoring.storage import entries as entry_store
from scoring.storage import units as unit_store
from scoring.storage.rows import Cursor

DINGXI: Final = "定西市市场监督管理局"
TIANSHUI: Final = "天水市市场监督管理局"
SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
FORWARDED: Final = ("GS-2023-004", "GS-2023-005")
_SYNOPSIS_TOO_LONG: Final = (
    "定西市计量检定所的检定员一年走遍全市二百多家农贸市场，逐台检定电子秤，"
    "发现并纠正缺斤短两问题三百余起。片中记录了一次清晨的集中检定：从秤盘清洁、砝码加载"
    "到铅封施加，每一步都按规程操作，让群众买得放心、商户卖得安心。"
)


def forwarding_deadline(now: datetime) -> datetime:
    """23:59 thirty days on, so the demo's units can still forward (the notice's was 5月20日)."""
    day = (now + timedelta(days=30)).astimezone(SHANGHAI)
    return day.replace(hour=23, minute=59, second=0, microsecond=0)


def _draft(campaign_id: int, now: datetime, **fields: object) -> NewEntry:
    common: dict[str, object] = {
        "campaign_id": campaign_id,
        "category": Category.MICRO_VIDEO,
        "producer": "定西市计量检定所",
        "completed_date": date(2023, 4, 20),
        "copy_text": "一把秤，称出民生分量。",
        "place": "定西",
        "people": "计量检定员",
        "event": "农贸市场电子秤检定",
        "result": "问题秤全部整改",
        "submitter": "定西市计量检定所",
        "submitter_type": "市场监管部门",
        "recommender": DINGXI,
        "contact": "赵敏",
        "phone": "13909320001",
        "no_major_incident": True,
        "lawfully_established": True,
        "unit": DINGXI,
        "stage": EntryStage.DRAFT,
        "created_at": now,
        "updated_at": now,
    }
    return NewEntry(**{**common, **fields})  # type: ignore[arg-type]


def seed_units(
    cur: Cursor, ctx: Context, *, campaign_id: int, clips: dict[str, MediaFile], pledge: Path
) -> None:
    """Drafts of 定西 and 天水, 天水's forwarded works and its liaison."""
    now = ctx.now()
    scan = _pledge(ctx, pledge, now)
    unit_store.add_pledge_file(cur, scan)
    for media in (clips["U01.mp4"], clips["U02.mp4"]):
        add_media_in(cur, media)
    for draft in _drafts(campaign_id, now, clips=clips, pledge_sha256=scan.sha256):
        entry_store.add_entry(cur, draft)
    forwarded_at = datetime(2023, 5, 18, 10, 0, tzinfo=SHANGHAI)
    for code in FORWARDED:
        entry = entry_store.get_entry_by_code(cur, campaign_id, code)
        assert entry is not None
        owned = replace(entry, unit=TIANSHUI, forwarded_at=forwarded_at, pledge_sha256=scan.sha256)
        entry_store.update_entry(cur, owned)
    unit_store.save_contact(cur, _liaison(campaign_id, now))


def _drafts(
    campaign_id: int, now: datetime, *, clips: dict[str, MediaFile], pledge_sha256: str
) -> list[NewEntry]:
    """Two drafts of 定西 (one with a synopsis too long) and one of 天水."""
    u01, u02 = clips["U01.mp4"], clips["U02.mp4"]
    tianshui = {
        "unit": TIANSHUI,
        "recommender": TIANSHUI,
        "producer": "天水市果品质量检测中心",
        "submitter": "天水市果品质量检测中心",
        "place": "天水",
        "contact": "李娜",
        "phone": "13909380001",
    }
    return [
        _draft(campaign_id, now, code="TJ-001", title="一把秤的分量", synopsis=_SYNOPSIS_TOO_LONG,
               media_file="U01.mp4", media_sha256=u01.sha256, pledge_sha256=pledge_sha256,
               copyright_pledge=True),
        _draft(campaign_id, now, code="TJ-002", title="菜篮子里的计量", media_file="U02.mp4",
               media_sha256=u02.sha256, synopsis="定西计量人守护群众的菜篮子。"),
        _draft(campaign_id, now, code="TJ-003", title="天水苹果的标准之路",
               synopsis="天水苹果从果园到货架的标准化之路。", **tianshui),
    ]  # fmt: skip


def _liaison(campaign_id: int, now: datetime) -> UnitContact:
    """天水's liaison, as its unit user filled the contact form in."""
    return UnitContact(
        campaign_id=campaign_id,
        unit=TIANSHUI,
        name="李娜",
        contact_unit=TIANSHUI,
        position="质量发展科科长",
        mobile="13909380001",
        updated_by="unit2",
        updated_at=now,
    )


def _pledge(ctx: Context, path: Path, now: datetime) -> PledgeFile:
    with path.open("rb") as stream:
        stored = store_stream(ctx.settings.media_dir, stream)
    return PledgeFile(
        sha256=stored.sha256,
        kind="pdf",
        size_bytes=stored.size_bytes,
        original_name="作品版权承诺书（扫描件）.pdf",
        stored_at=now,
    )
