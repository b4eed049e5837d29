"""Campaign administration: create, switch, archive (read-only), settings with old → new."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.services.campaigns import admin
from scoring.services.campaigns.active import active_campaign, rubric
from scoring.services.campaigns.admin import CampaignSettings, ensure_writable
from scoring.services.context import Actor, Context
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import ADMIN, COORD, JUDGE, FakeClock

DEMO_NAME = "2023年质量强国建设微视频作品征集（演示）"
DEMO_OFFICE = "甘肃省质量强省建设协调推进领导小组办公室"
DEMO_NOTICE = (
    "甘肃省质量强省建设协调推进领导小组办公室关于征集质量强国建设微视频作品的通知"
    "（甘质强组办明电〔2023〕4号）"
)


def events(ctx: Context, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    found = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action=action)))
    return [(e.actor, e.target, e.details) for e in reversed(found)]


def demo_settings(ctx: Context) -> CampaignSettings:
    campaign = active_campaign(ctx)
    assert campaign is not None
    return CampaignSettings.of(campaign)


def test_first_campaign_becomes_active_with_the_default_rubric(ctx: Context) -> None:
    created = admin.start_campaign(ctx, actor=ADMIN, settings=CampaignSettings(name=" 2024年征集 "))
    assert (created.id, created.name, created.shortlist_size, created.method) == (
        1,
        "2024年征集",
        5,
        "zscore",
    )
    assert active_campaign(ctx) == created
    assert len(rubric(ctx, actor=ADMIN, campaign_id=1)) == 6
    assert events(ctx, "campaign.create") == [("admin", "2024年征集", {})]


def test_new_campaign_made_active_on_request_and_switch_logged(demo_ctx: Context) -> None:
    made = admin.start_campaign(
        demo_ctx, actor=ADMIN, settings=CampaignSettings(name="2024年征集"), activate=True
    )
    assert made.id == 2
    assert active_campaign(demo_ctx) == made
    assert events(demo_ctx, "campaign.switch") == [("admin", "2024年征集", {"old": 1, "new": 2})]


def test_new_campaign_without_activate_leaves_the_active_one(demo_ctx: Context) -> None:
    admin.start_campaign(demo_ctx, actor=ADMIN, settings=CampaignSettings(name="2024年征集"))
    current = active_campaign(demo_ctx)
    assert current is not None and current.id == 1
    assert [c.name for c in admin.all_campaigns(demo_ctx, actor=ADMIN)] == [
        "2024年征集",
        DEMO_NAME,
    ]


def test_like_copies_the_rules_and_office_but_no_dates_nor_notice(demo_ctx: Context) -> None:
    demo = active_campaign(demo_ctx)
    assert demo is not None
    shaped = CampaignSettings.like(demo, name="2024")
    # the demo uses the default rules; the office stays, the next round has its own notice
    assert shaped == CampaignSettings(name="2024", office_name=DEMO_OFFICE)
    assert demo.notice_title == DEMO_NOTICE
    assert demo.submission_deadline is not None and shaped.submission_deadline is None


def test_switch_back_and_forth_is_logged_and_a_no_op_is_not(demo_ctx: Context) -> None:
    admin.start_campaign(demo_ctx, actor=ADMIN, settings=CampaignSettings(name="2024"))
    admin.switch_campaign(demo_ctx, actor=ADMIN, campaign_id=2)
    admin.switch_campaign(demo_ctx, actor=ADMIN, campaign_id=2)
    admin.switch_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    assert [d for _, _, d in events(demo_ctx, "campaign.switch")] == [
        {"old": 1, "new": 2},
        {"old": 2, "new": 1},
    ]


def test_switch_to_an_unknown_campaign_refused(demo_ctx: Context) -> None:
    with pytest.raises(NotFound) as caught:
        admin.switch_campaign(demo_ctx, actor=ADMIN, campaign_id=9)
    assert (caught.value.key, caught.value.params) == ("error.campaign_unknown", {"campaign": 9})


def test_edit_logs_each_changed_setting_old_and_new(demo_ctx: Context) -> None:
    before = demo_settings(demo_ctx)
    wanted = CampaignSettings(
        **{
            **before.__dict__,
            "shortlist_size": 6,
            "method": "raw",
            "blind_mode": False,
            # Naive times are wall-clock times in Asia/Shanghai (UTC+8).
            "starts_at": datetime(2023, 4, 11, 8, 30),
        }
    )
    saved = admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=wanted)
    assert (saved.shortlist_size, saved.method, saved.blind_mode) == (6, "raw", False)
    assert saved.starts_at == datetime(2023, 4, 11, 0, 30, tzinfo=UTC)
    stored = active_campaign(demo_ctx)
    assert stored is not None and stored.starts_at == datetime(2023, 4, 11, 0, 30, tzinfo=UTC)
    assert events(demo_ctx, "campaign.settings") == [
        (
            "admin",
            DEMO_NAME,
            {
                "old": {
                    "starts_at": "2023-04-10 16:00:00+00:00",
                    "shortlist_size": 5,
                    "method": "zscore",
                    "blind_mode": True,
                },
                "new": {
                    "starts_at": "2023-04-11 00:30:00+00:00",
                    "shortlist_size": 6,
                    "method": "raw",
                    "blind_mode": False,
                },
            },
        )
    ]


def test_edit_with_nothing_changed_logs_nothing(demo_ctx: Context) -> None:
    admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=demo_settings(demo_ctx))
    assert events(demo_ctx, "campaign.settings") == []


def test_form_values_are_wall_clock_times_that_save_unchanged(demo_ctx: Context) -> None:
    demo = active_campaign(demo_ctx)
    assert demo is not None
    shown = admin.form_values(demo, zone="Asia/Shanghai")
    assert shown.starts_at == datetime(2023, 4, 11, 0, 0)  # 2023-04-10 16:00 UTC
    assert shown.submission_deadline is not None  # 23:59 thirty days after the demo was made
    assert (shown.submission_deadline.hour, shown.submission_deadline.minute) == (23, 59)
    admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=shown)
    assert events(demo_ctx, "campaign.settings") == []


@pytest.mark.parametrize(
    ("change", "key", "params"),
    [
        ({"name": "  "}, "error.campaign_name_blank", {}),
        ({"name": "征" * 101}, "error.campaign_name_long", {"length": 101, "max": 100}),
        ({"expert_weight": 1.5}, "error.ranking_expert_weight", {"value": 1.5}),
        ({"shortlist_size": 0}, "error.ranking_top_n", {"value": 0}),
        ({"min_judges": 0}, "error.ranking_min_judges", {"value": 0}),
        (
            {"method": "median"},
            "error.ranking_method",
            {"method": "median", "methods": "zscore, raw, trimmed"},
        ),
        ({"watch_share_required": 1.2}, "error.campaign_watch_share", {"value": 1.2}),
        (
            {"office_name": "省" * 101},
            "error.campaign_text_long",
            {"text": "省" * 20, "max": 100},
        ),
        (
            {
                "submission_deadline": datetime(2024, 6, 1, 18, 0),
                "scoring_deadline": datetime(2024, 5, 31, 9, 0),
            },
            "error.campaign_deadlines_order",
            {"submission": "2024-06-01 18:00", "scoring": "2024-05-31 09:00"},
        ),
    ],
)
def test_edit_refuses_bad_values_and_stores_nothing(
    demo_ctx: Context, change: dict[str, Any], key: str, params: dict[str, Any]
) -> None:
    before = demo_settings(demo_ctx)
    wanted = CampaignSettings(**{**before.__dict__, **change})
    with pytest.raises(InvalidInput) as caught:
        admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=wanted)
    assert (caught.value.key, caught.value.params) == (key, params)
    assert demo_settings(demo_ctx) == before


def test_office_and_notice_are_stored_trimmed_and_audited(demo_ctx: Context) -> None:
    change = {"office_name": " 省质量强省办 ", "notice_title": " 关于征集作品的通知 "}
    wanted = CampaignSettings(**{**demo_settings(demo_ctx).__dict__, **change})
    stored = admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=wanted)
    assert (stored.office_name, stored.notice_title) == ("省质量强省办", "关于征集作品的通知")
    assert active_campaign(demo_ctx) == stored
    [(_, _, details)] = events(demo_ctx, "campaign.settings")
    assert details["old"] == {"office_name": DEMO_OFFICE, "notice_title": DEMO_NOTICE}
    assert details["new"] == {"office_name": "省质量强省办", "notice_title": "关于征集作品的通知"}


def test_a_second_campaign_may_not_take_a_used_name(demo_ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        admin.start_campaign(demo_ctx, actor=ADMIN, settings=CampaignSettings(name=DEMO_NAME))
    assert caught.value.key == "error.campaign_name_taken"
    assert len(admin.all_campaigns(demo_ctx, actor=ADMIN)) == 1


def test_archived_campaign_is_read_only_until_unarchived(
    demo_ctx: Context, clock: FakeClock
) -> None:
    archived = admin.archive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    assert archived.archived_at == clock()
    with pytest.raises(InvalidInput) as caught:
        demo_ctx.db.read(lambda cur: ensure_writable(cur, 1))
    assert (caught.value.key, caught.value.params) == (
        "error.campaign_archived",
        {"campaign": DEMO_NAME, "at": "2026-03-01 09:00 UTC"},
    )
    renamed = CampaignSettings(**{**demo_settings(demo_ctx).__dict__, "name": "改名"})
    with pytest.raises(InvalidInput, match="archived"):
        admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=renamed)
    with pytest.raises(InvalidInput, match="archived"):
        admin.archive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    admin.unarchive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    assert demo_ctx.db.read(lambda cur: ensure_writable(cur, 1)).archived_at is None
    assert (
        admin.edit_campaign(demo_ctx, actor=ADMIN, campaign_id=1, settings=renamed).name == "改名"
    )
    assert [a for a in ("campaign.archive", "campaign.unarchive") if events(demo_ctx, a)] == [
        "campaign.archive",
        "campaign.unarchive",
    ]


def test_unarchive_of_a_live_campaign_refused(demo_ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        admin.unarchive_campaign(demo_ctx, actor=ADMIN, campaign_id=1)
    assert caught.value.key == "error.campaign_not_archived"


def test_ensure_writable_of_an_unknown_campaign_is_not_found(demo_ctx: Context) -> None:
    with pytest.raises(NotFound):
        demo_ctx.db.read(lambda cur: ensure_writable(cur, 42))


CALLS: list[Callable[[Context, Actor], object]] = [
    lambda c, a: admin.all_campaigns(c, actor=a),
    lambda c, a: admin.start_campaign(c, actor=a, settings=CampaignSettings(name="x")),
    lambda c, a: admin.switch_campaign(c, actor=a, campaign_id=1),
    lambda c, a: admin.archive_campaign(c, actor=a, campaign_id=1),
    lambda c, a: admin.unarchive_campaign(c, actor=a, campaign_id=1),
    lambda c, a: admin.edit_campaign(
        c, actor=a, campaign_id=1, settings=CampaignSettings(name="x")
    ),
]


@pytest.mark.parametrize("actor", [COORD, JUDGE], ids=["coordinator", "judge"])
@pytest.mark.parametrize("call", CALLS)
def test_campaign_admin_services_refuse_other_roles(
    demo_ctx: Context, actor: Actor, call: Callable[[Context, Actor], object]
) -> None:
    with pytest.raises(NotAllowed) as caught:
        call(demo_ctx, actor)
    assert caught.value.params["needed"] == "admin"
    assert len(admin.all_campaigns(demo_ctx, actor=ADMIN)) == 1
