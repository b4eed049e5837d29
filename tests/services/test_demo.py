"""The demo campaign the app seeds on an empty data folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scoring.domain.watching import coverage
from scoring.enums import Category, Role, ScorecardStatus
from scoring.media.preview import clean_path
from scoring.media.store import original_path, sha256_of
from scoring.services.campaigns.active import active_campaign, is_demo
from scoring.services.context import Actor, Context
from scoring.services.judging.calibration import calibration_overview, judge_round
from scoring.services.setup import initialise
from scoring.storage import assignments as assignment_store
from scoring.storage import entries as entry_store
from scoring.storage import scorecards, views
from scoring.storage.users import list_users
from tests.conftest import SHELL, make_settings


def test_demo_has_entries_in_both_categories_each_with_a_stored_clip(demo_ctx: Context) -> None:
    campaign = active_campaign(demo_ctx)
    assert campaign is not None and campaign.is_demo and is_demo(demo_ctx)
    entries = demo_ctx.db.read(lambda c: entry_store.list_entries(c, campaign.id or 0))
    assert len(entries) == 15
    assert Counter(e.category for e in entries) == {
        Category.MICRO_VIDEO: 10,
        Category.MICRO_ANIMATION: 5,
    }
    for entry in entries:
        assert entry.media_sha256 is not None
        stored = original_path(demo_ctx.settings.media_dir, entry.media_sha256)
        assert sha256_of(stored) == entry.media_sha256
        assert 5_000 < stored.stat().st_size < 400_000


def test_demo_clips_cover_landscape_portrait_and_rule_breakers(demo_ctx: Context) -> None:
    entries = demo_ctx.db.read(lambda c: entry_store.entry_summaries(c, 1))
    sizes = {e.code: (e.width, e.height, e.duration_s) for e in entries}
    assert sizes["GS-2023-001"] == (1920, 1080, 12.0)
    assert sizes["GS-2023-002"] == (1080, 1920, 15.0)
    assert sizes["GS-2023-006"] == (1280, 720, 8.0)  # below 1080p: an error finding
    assert sizes["GS-2023-009"] == (3840, 2160, 6.0)
    assert sizes["GS-2023-013"] == (1080, 1920, 10.0)  # portrait micro-animation: an error


def test_demo_users_roles_and_units(demo_ctx: Context) -> None:
    users = demo_ctx.db.read(list_users)
    assert Counter(u.role for u in users) == {
        Role.JUDGE: 5,
        Role.COORDINATOR: 1,
        Role.ADMIN: 1,
        Role.UNIT: 2,
    }
    assert all(u.password_hash.startswith("$2b$") for u in users)
    assert {u.username: u.unit for u in users if u.role is Role.UNIT} == {
        "unit1": "定西市市场监督管理局",
        "unit2": "天水市市场监督管理局",
    }


def test_demo_units_have_drafts_to_mend_and_tianshui_has_forwarded_two(demo_ctx: Context) -> None:
    every = demo_ctx.db.read(lambda c: entry_store.list_all_entries(c, 1))
    owned = [(e.code, e.unit[:2], e.stage.value) for e in every if e.unit]
    campaign = active_campaign(demo_ctx)

    assert owned == [
        ("GS-2023-004", "天水", "received"),
        ("GS-2023-005", "天水", "received"),
        ("TJ-001", "定西", "draft"),
        ("TJ-002", "定西", "draft"),
        ("TJ-003", "天水", "draft"),
    ]
    assert campaign is not None and campaign.submission_deadline is not None
    assert campaign.submission_deadline > campaign.created_at  # the demo's units can forward


def test_demo_judge_from_the_water_association_is_kept_off_its_entries(demo_ctx: Context) -> None:
    conflicts = demo_ctx.db.read(lambda c: assignment_store.list_conflicts(c, 1))
    judge5 = next(u for u in demo_ctx.db.read(list_users) if u.username == "judge5")
    assert [(c.judge_id, c.entry_id) for c in conflicts] == [(judge5.id, 6), (judge5.id, 7)]
    assigned = demo_ctx.db.read(lambda c: assignment_store.list_assignments(c, 1))
    assert len(assigned) == 5 * 15 - 2
    assert (judge5.id, 6) not in {(a.judge_id, a.entry_id) for a in assigned}


def test_demo_scorecards_are_partly_filled(demo_ctx: Context) -> None:
    cards = demo_ctx.db.read(lambda c: scorecards.list_scorecards(c, 1))
    status = Counter(c.status for c in cards)
    assert status == {ScorecardStatus.SUBMITTED: 52, ScorecardStatus.DRAFT: 4}
    submitted = [c for c in cards if c.status is ScorecardStatus.SUBMITTED]
    assert all(len(c.marks) == 6 for c in submitted)
    assert all(v * 2 == int(v * 2) and 0 <= v <= 10 for c in cards for v in c.marks.values())
    per_entry = Counter(c.entry_id for c in submitted)
    assert per_entry[14] == per_entry[15] == 2  # incomplete with min_judges = 3


def test_demo_views_cover_seven_days_on_two_platforms(demo_ctx: Context) -> None:
    snaps = demo_ctx.db.read(lambda c: views.list_snapshots(c, 1))
    assert Counter(s.platform for s in snaps) == {"douyin": 7, "samr": 7}
    douyin = [s.views for s in snaps if s.platform == "douyin"]
    assert douyin == sorted(douyin)


def test_demo_is_the_same_every_time(demo_ctx: Context, tmp_path: Path) -> None:
    other, _ = initialise(make_settings(tmp_path / "again"), demo=True, actor=SHELL)
    try:
        first = demo_ctx.db.read(lambda c: scorecards.list_scorecards(c, 1))
        again = other.db.read(lambda c: scorecards.list_scorecards(c, 1))
        series = [demo_ctx.db.read(lambda c, e=e: views.list_snapshots(c, e)) for e in (5, 9)]
        again_series = [other.db.read(lambda c, e=e: views.list_snapshots(c, e)) for e in (5, 9)]
    finally:
        other.db.close()
    assert [(c.judge_id, c.entry_id, c.marks) for c in first] == [
        (c.judge_id, c.entry_id, c.marks) for c in again
    ]
    assert [[s.views for s in v] for v in series] == [[s.views for s in v] for v in again_series]


def test_demo_scorecards_store_the_share_of_their_own_ranges(demo_ctx: Context) -> None:
    cards = demo_ctx.db.read(lambda c: scorecards.list_scorecards(c, 1))
    durations = {
        e.id: e.duration_s for e in demo_ctx.db.read(lambda c: entry_store.entry_summaries(c, 1))
    }
    for card in cards:
        seen = coverage(card.watch_ranges or [], durations[card.entry_id] or 0.0)
        assert card.watch_share == round(seen.share, 4)
    shares = Counter((c.status, c.watch_share) for c in cards)
    assert shares == {(ScorecardStatus.SUBMITTED, 1.0): 52, (ScorecardStatus.DRAFT, 0.4): 4}


def test_demo_has_an_open_calibration_round_of_two_clips_judge3_has_half_done(
    demo_ctx: Context,
) -> None:
    coord = Actor("coord", Role.COORDINATOR, 2)
    seen = calibration_overview(demo_ctx, actor=coord, campaign_id=1)
    assert seen.state == "open"
    assert [(c.number, c.clip.title, c.media.width, c.media.height) for c in seen.clips] == [
        (1, "往届优秀作品（横屏）", 1920, 1080),
        (2, "往届入围作品（竖屏）", 1080, 1920),
    ]
    assert [(c.submitted, c.drafts) for c in seen.clips] == [(5, 0), (4, 0)]
    assert [c.median is not None for c in seen.figures.clips] == [True, True]
    judge3 = next(j for j in seen.judges if j.username == "judge3")
    assert [
        i.status for i in judge_round(demo_ctx, actor=Actor.of(judge3), campaign_id=1).items
    ] == [
        "submitted",
        "not_started",
    ]
    for clip in seen.clips:  # stored like an entry's video, with the judges' tag-free copy
        assert clip.media is not None
        assert (
            sha256_of(original_path(demo_ctx.settings.media_dir, clip.media.sha256))
            == clip.media.sha256
        )
        assert clean_path(demo_ctx.settings.media_dir, clip.media.sha256).is_file()
