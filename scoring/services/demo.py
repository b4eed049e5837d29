"""The demo campaign: shipped clips and entries, judges, partly filled scorecards, views.

Seeded when the app starts on an empty data folder (or by ``init --demo``), in one
transaction after the clips are in the media store. Deterministic: same data every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from scoring.enums import Role
from scoring.passwords import hash_password
from scoring.records.campaigns import Campaign, NewCampaign
from scoring.records.entries import Entry, NewEntry
from scoring.records.media import MediaFile
from scoring.records.users import NewUser, User
from scoring.records.views import ViewSnapshot
from scoring.services.campaigns.active import create_campaign_in
from scoring.services.compliance import recompute_findings
from scoring.services.context import Actor, Context, audit
from scoring.services.entries.demo_units import DINGXI, TIANSHUI, forwarding_deadline, seed_units
from scoring.services.entries.media_files import add_media_in, folder_source, store_from
from scoring.services.entries.records import entries_from_table
from scoring.services.judging.demo_judging import seed_judging
from scoring.services.previews import make_judge_copy
from scoring.storage import entries as entry_store
from scoring.storage import installation
from scoring.storage.rows import Cursor
from scoring.storage.users import add_user
from scoring.storage.views import add_snapshot

DEMO_DIR: Final = Path(__file__).resolve().parents[2] / "data" / "demo"
DEMO_PASSWORD: Final = "jurydesk-demo"
CAMPAIGN_NAME: Final = "2023年质量强国建设微视频作品征集（演示）"
DEMO_OFFICE: Final = "甘肃省质量强省建设协调推进领导小组办公室"
DEMO_NOTICE: Final = (
    "甘肃省质量强省建设协调推进领导小组办公室关于征集质量强国建设微视频作品的通知"
    "（甘质强组办明电〔2023〕4号）"
)
SHANGHAI: Final = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class DemoUser:
    """A demo login (listed on the login page while the database is the demo)."""

    username: str
    display_name: str
    role: Role
    unit: str


DEMO_USERS: Final = (
    DemoUser("admin", "系统管理员", Role.ADMIN, "甘肃省市场监督管理局"),
    DemoUser("coord", "王宏", Role.COORDINATOR, "甘肃省质量强省建设协调推进领导小组办公室"),
    DemoUser("judge1", "马教授", Role.JUDGE, "兰州大学新闻与传播学院"),
    DemoUser("judge2", "林主任", Role.JUDGE, "甘肃广播电视总台"),
    DemoUser("judge3", "周研究员", Role.JUDGE, "甘肃省标准化研究院"),
    DemoUser("judge4", "何老师", Role.JUDGE, "西北师范大学传媒学院"),
    DemoUser("judge5", "石秘书长", Role.JUDGE, "甘肃省水利工程行业协会"),
    DemoUser("unit1", "赵敏", Role.UNIT, DINGXI),
    DemoUser("unit2", "李娜", Role.UNIT, TIANSHUI),
)


# Which scorecards each judge has submitted / left as a draft, by entry number (1–15).
# judge5 submits fewer than five (exercises the z-score fallback); 014 and 015 end with
# only two submitted scorecards, so they are "incomplete" with min_judges = 3.
def read_demo_entries(campaign_id: int, now: datetime) -> list[NewEntry]:
    """The entries of ``data/demo/entries.csv`` as records of ``campaign_id``."""
    table = DEMO_DIR / "entries.csv"
    return entries_from_table(
        table.read_bytes(), file_name=table.name, campaign_id=campaign_id, now=now
    )


def seed_demo(ctx: Context) -> Campaign:
    """Seed the demo campaign into an empty database and return it."""
    actor = Actor("system", Role.ADMIN)
    media = _store_clips(ctx)
    hashed = hash_password(DEMO_PASSWORD, ctx.settings.bcrypt_rounds)

    def work(cur: Cursor) -> Campaign:
        now = ctx.now()
        campaign = create_campaign_in(cur, ctx, actor=actor, campaign=_demo_campaign(now))
        installation.set_value(cur, installation.DEMO, "true")
        installation.set_value(cur, installation.ACTIVE_CAMPAIGN, str(campaign.id))
        users = [_add_demo_user(cur, u, hashed, now) for u in DEMO_USERS]
        entries = _add_entries(cur, campaign.id, media, now)
        judges = [u for u in users if u.role is Role.JUDGE]
        seed_judging(cur, campaign.id, judges, entries, media=media, now=now)
        _views(cur, entries)
        seed_units(cur, ctx, campaign_id=campaign.id, clips=media, pledge=DEMO_DIR / "pledge.pdf")
        recompute_findings(cur, ctx, campaign.id)

        audit(
            cur,
            ctx,
            actor=actor.name,
            action="demo.seed",
            campaign_id=campaign.id,
            entries=len(entries),
            users=len(users),
        )
        return campaign

    return ctx.db.write(work)


def _demo_campaign(now: datetime) -> NewCampaign:
    """The demo's campaign: units may still forward works, judges score for 60 days."""
    return NewCampaign(
        name=CAMPAIGN_NAME,
        starts_at=datetime(2023, 4, 11, tzinfo=SHANGHAI),
        submission_deadline=forwarding_deadline(now),
        scoring_deadline=now + timedelta(days=60),
        is_demo=True,
        office_name=DEMO_OFFICE,
        notice_title=DEMO_NOTICE,
        created_at=now,
    )


def _store_clips(ctx: Context) -> dict[str, MediaFile]:
    source = folder_source(DEMO_DIR / "clips")
    stored = {name: store_from(ctx, source, name) for name in source.names if name.endswith(".mp4")}
    for media in stored.values():
        make_judge_copy(ctx, media)  # judges can watch at once; previews follow in the background
    return stored


def _add_demo_user(cur: Cursor, demo: DemoUser, hashed: str, now: datetime) -> User:
    return add_user(
        cur,
        NewUser(
            username=demo.username,
            display_name=demo.display_name,
            unit=demo.unit,
            role=demo.role,
            password_hash=hashed,
            created_at=now,
            updated_at=now,
        ),
    )


def _add_entries(
    cur: Cursor, campaign_id: int, media: dict[str, MediaFile], now: datetime
) -> list[Entry]:
    added = []
    for entry in read_demo_entries(campaign_id, now):
        clip = media.get(entry.media_file)
        if clip is not None:
            add_media_in(cur, clip)
            entry = replace(entry, media_sha256=clip.sha256)
        added.append(entry_store.add_entry(cur, entry))
    return added


def _views(cur: Cursor, entries: list[Entry]) -> None:
    rng = random.Random(521)
    days = [datetime(2023, 6, d, 10, 0, tzinfo=SHANGHAI) for d in range(1, 8)]
    for entry in entries:
        final = int(10 ** rng.uniform(3.3, 5.3))
        for platform, share in (("douyin", 1.0), ("samr", 0.06)):
            for day, at in enumerate(days, start=1):
                views = int(final * share * (1 - 0.55**day))
                views = _demo_oddity(entry.code, platform, day, views)
                add_snapshot(cur, _snapshot(entry.id, platform, at, views, entry.code))


def _demo_oddity(code: str, platform: str, day: int, views: int) -> int:
    """A few planted oddities so the anomaly flags have something to show."""
    if code == "GS-2023-005" and platform == "douyin" and day >= 5:
        return views * 12  # a sudden spike
    if code == "GS-2023-009" and platform == "samr" and day == 4:
        return int(views * 0.7)  # a count that goes down
    return views


def _snapshot(entry_id: int, platform: str, at: datetime, views: int, code: str) -> ViewSnapshot:
    likes = views // 30 if code != "GS-2023-010" else views // 5000  # 010: hardly any engagement
    return ViewSnapshot(
        entry_id=entry_id,
        platform=platform,
        captured_at=at,
        views=views,
        likes=likes,
        comments=views // 250,
        shares=views // 120,
    )
