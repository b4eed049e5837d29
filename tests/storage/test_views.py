"""storage/views.py: view snapshots, the latest per platform, and the audience totals."""

from __future__ import annotations

from datetime import timedelta

from scoring.enums import EntryStage
from scoring.records.views import ViewSnapshot
from scoring.services.context import Context
from scoring.storage import views
from tests.campaign_factory import make_campaign
from tests.conftest import T0


def test_list_snapshots_by_platform_then_time_and_empty_for_none(ctx: Context) -> None:
    camp = make_campaign(ctx)
    a = camp.entry("A1")
    camp.views(a, "douyin", T0 + timedelta(days=2), 30)
    camp.views(a, "bilibili", T0 + timedelta(days=1), 20)
    camp.views(a, "douyin", T0, 10)
    listed = ctx.db.read(lambda c: views.list_snapshots(c, a.id))
    assert [(s.platform, s.views) for s in listed] == [
        ("bilibili", 20),
        ("douyin", 10),
        ("douyin", 30),
    ]
    b = camp.entry("B1")
    assert ctx.db.read(lambda c: views.list_snapshots(c, b.id)) == []


def test_campaign_snapshots_leave_out_other_campaigns(ctx: Context) -> None:
    first, second = make_campaign(ctx, "一"), make_campaign(ctx, "二")
    a, b = first.entry("A1"), second.entry("B1")
    first.views(a, "douyin", T0, 5)
    second.views(b, "douyin", T0, 7)
    found = ctx.db.read(lambda c: views.campaign_snapshots(c, first.campaign_id))
    assert found == [ViewSnapshot(entry_id=a.id, platform="douyin", captured_at=T0, views=5)]


def test_latest_snapshots_per_platform_at_or_before_the_cutoff(ctx: Context) -> None:
    camp = make_campaign(ctx)
    a = camp.entry("A1")
    camp.views(a, "douyin", T0, 10)
    camp.views(a, "douyin", T0 + timedelta(days=1), 40)
    camp.views(a, "douyin", T0 + timedelta(days=3), 90)
    camp.views(a, "kuaishou", T0 + timedelta(days=1), 3)
    camp.views(a, "kuaishou", T0 + timedelta(days=1), 8)  # same time: the larger counts
    cutoff = T0 + timedelta(days=1)
    latest = ctx.db.read(lambda c: views.latest_snapshots(c, camp.campaign_id, cutoff))
    assert [(s.platform, s.views) for s in latest] == [("douyin", 40), ("kuaishou", 8)]
    totals = ctx.db.read(lambda c: views.audience_totals(c, camp.campaign_id, cutoff))
    assert totals == {a.id: 48}


def test_audience_totals_give_zero_without_snapshots_and_skip_drafts(ctx: Context) -> None:
    camp = make_campaign(ctx)
    seen, unseen = camp.entry("A1"), camp.entry("A2")
    draft = camp.entry("D1", unit="兰州大学", stage=EntryStage.DRAFT)
    camp.views(seen, "douyin", T0, 12)
    camp.views(draft, "douyin", T0, 99)
    totals = ctx.db.read(lambda c: views.audience_totals(c, camp.campaign_id, T0))
    assert totals == {seen.id: 12, unseen.id: 0}
    before = T0 - timedelta(seconds=1)
    assert ctx.db.read(lambda c: views.audience_totals(c, camp.campaign_id, before)) == {
        seen.id: 0,
        unseen.id: 0,
    }


def test_snapshots_digest_counts_and_changes_with_contents(ctx: Context) -> None:
    camp = make_campaign(ctx)
    assert ctx.db.read(lambda c: views.snapshots_digest(c, camp.campaign_id)) == (0, 0)
    a = camp.entry("A1")
    camp.views(a, "douyin", T0, 12)
    count, first = ctx.db.read(lambda c: views.snapshots_digest(c, camp.campaign_id))
    camp.views(a, "douyin", T0 + timedelta(days=1), 13)
    count2, second = ctx.db.read(lambda c: views.snapshots_digest(c, camp.campaign_id))
    assert (count, count2) == (1, 2)
    assert first != second
