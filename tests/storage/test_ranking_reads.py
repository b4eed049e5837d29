"""What the ranking reads: entry heads without registration text, and each entry's views
summed over platforms from the latest snapshot at the cutoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scoring.records.entries import EntryHead
from scoring.records.views import ViewSnapshot
from scoring.services.context import Context
from scoring.storage.entries import get_entries, list_entries, list_entry_heads
from scoring.storage.views import add_snapshot, audience_totals, latest_snapshots

T = datetime(2023, 6, 1, 2, 0, tzinfo=UTC)


def test_heads_are_code_title_category_cqo_mark_and_recommender(demo_ctx: Context) -> None:
    heads = demo_ctx.db.read(lambda cur: list_entry_heads(cur, 1))
    full = demo_ctx.db.read(lambda cur: list_entries(cur, 1))
    assert heads == [
        EntryHead(
            id=e.id,
            code=e.code,
            title=e.title,
            category=e.category,
            cqo_case=e.cqo_case,
            recommender=e.recommender,
        )
        for e in full
    ]
    some = demo_ctx.db.read(lambda cur: get_entries(cur, [3, 1, 999]))
    assert some == {1: full[0], 3: full[2]}


def test_views_are_the_latest_per_platform_at_the_cutoff_summed(demo_ctx: Context) -> None:
    demo_ctx.db.write(lambda cur: cur.execute("DELETE FROM view_snapshots"))
    shots = [
        ("douyin", T, 100),
        ("douyin", T + timedelta(hours=6), 250),
        ("douyin", T + timedelta(hours=6), 240),  # same time: the larger count counts
        ("douyin", T + timedelta(days=2), 9999),  # after the cutoff
        ("samr", T + timedelta(hours=1), 30),
    ]
    for platform, at, views in shots:
        snap = ViewSnapshot(entry_id=1, platform=platform, captured_at=at, views=views)
        demo_ctx.db.write(lambda cur, s=snap: add_snapshot(cur, s))
    cutoff = T + timedelta(days=1)
    totals = demo_ctx.db.read(lambda cur: audience_totals(cur, 1, cutoff))
    latest = demo_ctx.db.read(lambda cur: latest_snapshots(cur, 1, cutoff))
    assert totals[1] == 280 == sum(s.views for s in latest)
    assert set(totals.values()) == {0, 280}  # every entry is there, none without views lost
    assert len(totals) == len(demo_ctx.db.read(lambda cur: list_entry_heads(cur, 1)))
