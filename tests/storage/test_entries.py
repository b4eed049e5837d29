"""storage/entries.py: entries, their media files, and the reads built on them."""

from __future__ import annotations

from datetime import timedelta

from scoring.enums import EntryStage
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
from scoring.services.context import Context
from scoring.storage import Database, entries
from tests.campaign_factory import make_campaign
from tests.conftest import T0
from tests.storage.samples import NOW, full_entry


def test_entry_round_trip_and_update(db: Database) -> None:
    stored = db.write(lambda c: entries.add_entry(c, full_entry()))
    assert stored.__dict__ == {**full_entry().__dict__, "id": stored.id}
    changed = Entry(**{**stored.__dict__, "title": "新标题", "cqo_case": False})
    db.write(lambda c: entries.update_entry(c, changed))
    assert db.read(lambda c: entries.get_entry(c, stored.id)) == changed
    assert db.read(lambda c: entries.list_entries(c, 1)) == [changed]


def test_media_file_round_trip(db: Database) -> None:
    given = MediaFile(
        sha256="c" * 64,
        size_bytes=123,
        original_name="../视频 1.mp4",
        stored_at=NOW,
        container="mov",
        video_codec="ProRes",
        audio_codec="PCM",
        width=1080,
        height=1920,
        rotation=90,
        duration_s=12.5,
        fps=25.0,
        bit_rate=1000,
        probe={"container": "mov", "rotation": 90},
        preview_status="failed",
        preview_progress=0.5,
        preview_error="ffmpeg: x",
    )
    db.write(lambda c: entries.add_media_file(c, given))
    assert db.read(lambda c: entries.get_media_file(c, "c" * 64)) == given


def test_received_reads_leave_out_drafts_and_order_by_code(ctx: Context) -> None:
    camp = make_campaign(ctx)
    b = camp.entry("B1", recommender="兰州大学")
    a = camp.entry("A1", recommender="甘肃日报")
    camp.entry("A0", unit="西北师大", stage=EntryStage.DRAFT, recommender="西北师大")
    camp.entry("C1", recommender="兰州大学")
    make_campaign(ctx, "另一个").entry("A1")
    listed = ctx.db.read(lambda c: entries.list_entries(c, camp.campaign_id))
    assert [e.code for e in listed] == ["A1", "B1", "C1"]
    every = ctx.db.read(lambda c: entries.list_all_entries(c, camp.campaign_id))
    assert [e.code for e in every] == ["A0", "A1", "B1", "C1"]
    heads = ctx.db.read(lambda c: entries.list_entry_heads(c, camp.campaign_id))
    assert [(h.id, h.code, h.recommender) for h in heads][:2] == [
        (a.id, "A1", "甘肃日报"),
        (b.id, "B1", "兰州大学"),
    ]
    assert ctx.db.read(lambda c: entries.recommenders(c, camp.campaign_id)) == [
        "兰州大学",
        "甘肃日报",
    ]
    assert ctx.db.read(lambda c: entries.list_entries(c, camp.campaign_id + 5)) == []


def test_get_by_code_and_by_ids_of_one_campaign(ctx: Context) -> None:
    first, second = make_campaign(ctx, "一"), make_campaign(ctx, "二")
    a = first.entry("A1")
    other = second.entry("A1")
    assert ctx.db.read(lambda c: entries.get_entry_by_code(c, first.campaign_id, "A1")) == a
    assert ctx.db.read(lambda c: entries.get_entry_by_code(c, first.campaign_id, "Z9")) is None
    found = ctx.db.read(lambda c: entries.get_entries(c, [a.id, other.id, 999]))
    assert found == {a.id: a, other.id: other}
    assert ctx.db.read(lambda c: entries.get_entries(c, [])) == {}


def test_forwarding_a_units_drafts_makes_them_received(ctx: Context) -> None:
    camp = make_campaign(ctx)
    draft = camp.entry("U1", unit="西北师大", stage=EntryStage.DRAFT)
    kept = camp.entry("U2", unit="西北师大", stage=EntryStage.DRAFT)
    camp.entry("X1", unit="兰州大学", stage=EntryStage.DRAFT)
    at = T0 + timedelta(days=2)
    ctx.db.write(lambda c: entries.forward_entries(c, [draft.id], now=at))
    mine = ctx.db.read(lambda c: entries.list_unit_entries(c, camp.campaign_id, "西北师大"))
    assert [(e.code, e.stage, e.forwarded_at) for e in mine] == [
        ("U1", EntryStage.RECEIVED, at),
        ("U2", EntryStage.DRAFT, None),
    ]
    assert kept.forwarded_at is None
    assert ctx.db.read(lambda c: entries.list_unit_entries(c, camp.campaign_id, "无")) == []
