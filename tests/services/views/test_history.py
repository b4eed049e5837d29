"""Stored viewing figures through the services: history, latest figures, V_e (SPEC §6.4),
anomaly flags, and neutralising an entry's audience part, with permissions.

Hand-computed from the demo seed (scoring/services/demo.py): entry i gets
final_i = int(10 ** uniform(3.3, 5.3)) from random.Random(521), and on day d (2023-06-0d
10:00 Beijing) int(final · share · (1 − 0.55^d)) views, share 1 on douyin, 0.06 on samr.
final_1 = 3160 and final_5 = 70584; (1 − 0.55³) = 0.833625, (1 − 0.55⁴) = 0.90849375.
  entry 1, day 3: douyin int(3160 · 0.833625) = 2634, samr int(189.6 · 0.833625) = 158
  entry 1, day 4: douyin int(3160 · 0.90849375) = 2870, samr int(189.6 · 0.90849375) = 172
  entry 5, day 3: douyin int(70584 · 0.833625) = 58840, samr int(4235.04 · 0.833625) = 3530
  entry 5, day 4: douyin 64125, samr int(4235.04 · 0.90849375) = 3847
  entry 5, day 7: douyin 69509 × 12 (the planted spike) = 834108, samr 4170
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from scoring.enums import FlagKind
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.ranking import Override
from scoring.records.views import ViewSnapshot
from scoring.services.context import Context
from scoring.services.views.anomalies import (
    anomalies,
    neutralise_audience,
    neutralised_entries,
    restore_audience,
)
from scoring.services.views.history import audience_views, latest_views, view_history
from scoring.services.views.table_import import import_views
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.overrides import list_overrides
from tests.conftest import ADMIN, COORD, JUDGE, T0, FakeClock

DAY_4 = datetime(2023, 6, 4, 2, 0, tzinfo=UTC)  # 2023-06-04 10:00 Beijing


def test_view_history_lists_an_entry_by_platform_and_time(demo_ctx: Context) -> None:
    shots = view_history(demo_ctx, actor=COORD, entry_id=1)
    assert [(s.platform, s.views) for s in shots] == [
        ("douyin", 1421),
        ("douyin", 2204),
        ("douyin", 2634),
        ("douyin", 2870),
        ("douyin", 3000),
        ("douyin", 3072),
        ("douyin", 3111),
        ("samr", 85),
        ("samr", 132),
        ("samr", 158),
        ("samr", 172),
        ("samr", 180),
        ("samr", 184),
        ("samr", 186),
    ]
    assert shots[3] == ViewSnapshot(
        entry_id=1,
        platform="douyin",
        captured_at=DAY_4,
        views=2870,
        likes=95,
        comments=11,
        shares=23,
    )


def test_view_history_of_an_unknown_entry(demo_ctx: Context) -> None:
    with pytest.raises(NotFound):
        view_history(demo_ctx, actor=COORD, entry_id=999)


def test_latest_figures_at_a_cutoff_per_platform(demo_ctx: Context) -> None:
    found = latest_views(demo_ctx, actor=COORD, campaign_id=1, cutoff=DAY_4)
    assert sorted(found) == list(range(1, 16))
    assert {p: (s.captured_at, s.views) for p, s in found[1].items()} == {
        "douyin": (DAY_4, 2870),
        "samr": (DAY_4, 172),
    }


@pytest.mark.parametrize(
    ("cutoff", "entry_1", "entry_5"),
    [
        (DAY_4, 2870 + 172, 64125 + 3847),  # a capture exactly at the cutoff counts
        (DAY_4 - timedelta(seconds=1), 2634 + 158, 58840 + 3530),
        (None, 3111 + 186, 834108 + 4170),  # default: now (2026), the day-7 captures
    ],
)
def test_audience_views_sum_the_latest_capture_of_each_platform(
    demo_ctx: Context, cutoff: datetime | None, entry_1: int, entry_5: int
) -> None:
    views = audience_views(demo_ctx, actor=COORD, campaign_id=1, cutoff=cutoff)
    assert (views[1], views[5]) == (entry_1, entry_5)
    assert sorted(views) == list(range(1, 16))


def test_audience_views_are_0_before_any_capture(demo_ctx: Context) -> None:
    views = audience_views(demo_ctx, actor=COORD, campaign_id=1, cutoff=datetime(2023, 5, 31))
    assert views == dict.fromkeys(range(1, 16), 0)


def test_audience_views_add_a_newly_imported_platform(demo_ctx: Context) -> None:
    data = "作品编号,平台,播放量,采集时间\r\nGS-2023-001,快手,500,2023/6/4 09:00\r\n".encode()
    import_views(demo_ctx, actor=COORD, data=data, file_name="ks.csv")
    views = audience_views(demo_ctx, actor=COORD, campaign_id=1, cutoff=DAY_4)
    assert views[1] == 2870 + 172 + 500


def test_anomalies_of_the_demo(demo_ctx: Context) -> None:
    flags = anomalies(demo_ctx, actor=COORD, campaign_id=1)
    assert [(f.entry_id, f.platform, f.kind) for f in flags] == [
        (5, "douyin", FlagKind.SPIKE),  # the planted ×12 from day 5
        (9, "samr", FlagKind.COUNT_DOWN),  # the planted ×0.7 on day 4: views …
        (9, "samr", FlagKind.COUNT_DOWN),  # … likes,
        (9, "samr", FlagKind.COUNT_DOWN),  # … comments
        (9, "samr", FlagKind.COUNT_DOWN),  # … and shares
        (9, "samr", FlagKind.SPIKE),  # and the recovery the day after
        (11, "douyin", FlagKind.SPIKE),
        (15, "douyin", FlagKind.SPIKE),
    ]
    # final_9 = 173795: day 3 int(10427.7 · 0.833625) = 8692, day 4 int(9473 · 0.7) = 6631
    assert flags[1].params == {
        "field": "views",
        "before": 8692,
        "after": 6631,
        "previous_at": "2023-06-03 10:00",
    }


# --- neutralising the audience part ----------------------------------------------------------


def test_neutralise_and_restore_leave_a_trail(demo_ctx: Context, clock: FakeClock) -> None:
    made = neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="  疑似刷量  ")
    assert neutralised_entries(demo_ctx, 1) == {5}
    later = clock.advance(hours=2)
    undone = restore_audience(demo_ctx, actor=ADMIN, entry_id=5, reason="平台已核实数据真实")
    assert neutralised_entries(demo_ctx, 1) == set()
    assert undone == Override(
        id=made.id,
        campaign_id=1,
        entry_id=5,
        kind="neutralise_audience",
        reason="疑似刷量",
        created_by="coord",
        created_at=T0,
        revoked_by="admin",
        revoked_at=later,
        revoke_reason="平台已核实数据真实",
    )
    assert demo_ctx.db.read(lambda c: list_overrides(c, 1)) == [undone]
    events = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(target="GS-2023-005")))
    assert [(e.actor, e.action, e.details, e.logged_at) for e in reversed(events)] == [
        ("coord", "views.neutralise", {"override_id": made.id, "reason": "疑似刷量"}, T0),
        ("admin", "views.restore", {"override_id": made.id, "reason": "平台已核实数据真实"}, later),
    ]


def test_entry_can_be_neutralised_again_after_a_restore(demo_ctx: Context) -> None:
    neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="疑似刷量")
    restore_audience(demo_ctx, actor=COORD, entry_id=5, reason="误判")
    again = neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="再次核查仍异常")
    assert neutralised_entries(demo_ctx, 1) == {5}
    assert len(demo_ctx.db.read(lambda c: list_overrides(c, 1))) == 2
    assert again.revoked_at is None


def test_second_active_neutralisation_refused(demo_ctx: Context) -> None:
    neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="疑似刷量")
    with pytest.raises(InvalidInput) as caught:
        neutralise_audience(demo_ctx, actor=ADMIN, entry_id=5, reason="again")
    assert (caught.value.key, caught.value.params) == (
        "views.already_neutralised",
        {"code": "GS-2023-005"},
    )
    assert len(demo_ctx.db.read(lambda c: list_overrides(c, 1))) == 1


def test_restore_without_a_neutralisation_refused(demo_ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        restore_audience(demo_ctx, actor=COORD, entry_id=5, reason="x")
    assert (caught.value.key, caught.value.params) == (
        "views.not_neutralised",
        {"code": "GS-2023-005"},
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_neutralise_and_restore_need_a_reason(demo_ctx: Context, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason=reason)
    assert caught.value.key == "error.reason_required"
    neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="疑似刷量")
    with pytest.raises(InvalidInput) as restored:
        restore_audience(demo_ctx, actor=COORD, entry_id=5, reason=reason)
    assert restored.value.key == "error.reason_required"
    assert neutralised_entries(demo_ctx, 1) == {5}


def test_neutralising_an_unknown_entry(demo_ctx: Context) -> None:
    with pytest.raises(NotFound):
        neutralise_audience(demo_ctx, actor=COORD, entry_id=999, reason="x")


# --- permissions -----------------------------------------------------------------------------

CALLS: dict[str, Callable[[Context], object]] = {
    "view_history": lambda ctx: view_history(ctx, actor=JUDGE, entry_id=1),
    "latest_views": lambda ctx: latest_views(ctx, actor=JUDGE, campaign_id=1, cutoff=None),
    "audience_views": lambda ctx: audience_views(ctx, actor=JUDGE, campaign_id=1, cutoff=None),
    "anomalies": lambda ctx: anomalies(ctx, actor=JUDGE, campaign_id=1),
    "neutralise_audience": lambda ctx: neutralise_audience(
        ctx, actor=JUDGE, entry_id=5, reason="x"
    ),
    "restore_audience": lambda ctx: restore_audience(ctx, actor=JUDGE, entry_id=5, reason="x"),
    "import_views": lambda ctx: import_views(ctx, actor=JUDGE, data=b"x", file_name="x.csv"),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_judge_may_not(demo_ctx: Context, name: str) -> None:
    with pytest.raises(NotAllowed) as caught:
        CALLS[name](demo_ctx)
    assert (caught.value.key, caught.value.params) == (
        "error.not_allowed_role",
        {"user": "judge1", "role": "judge", "needed": "coordinator / admin"},
    )
    assert neutralised_entries(demo_ctx, 1) == set()
