"""Fully filled records for the storage tests: every field set, so a round trip that loses
one is seen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scoring.enums import Category
from scoring.records.entries import NewEntry

NOW = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def full_entry() -> NewEntry:
    """An entry of campaign 1 with every field given."""
    return NewEntry(
        campaign_id=1,
        code="GS-2023-001",
        title="一碗牛肉面",
        category=Category.MICRO_ANIMATION,
        duration_declared="0:58",
        producer="兰州",
        shot_date=date(2023, 3, 2),
        completed_date=date(2023, 4, 18),
        synopsis="简介",
        copy_text="文案",
        place="兰州",
        people="师傅",
        event="拉面",
        result="好评",
        intro="简介（兰州）",
        submitter="报送",
        submitter_type="企业",
        recommender="推荐",
        contact="张",
        phone="13893100001",
        cqo_case=True,
        media_file="a b/../c.mp4",
        media_sha256="a" * 64,
        subtitle_sha256="b" * 64,
        platform_links="douyin=https://x",
        copyright_pledge=True,
        no_major_incident=True,
        lawfully_established=True,
        created_at=NOW,
        updated_at=NOW,
    )
