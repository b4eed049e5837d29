"""The app's nightly backup: due once a day after the set hour; old ones pruned."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scoring.domain.schedule import backup_due, expired
from scoring.errors import InvalidInput
from scoring.services.backup.backups import NIGHTLY_FOLDER, backup_root
from scoring.services.backup.nightly import NightlyBackups, run_nightly_backup
from scoring.services.context import Context
from scoring.settings import load_settings
from tests.conftest import FakeClock

SH = ZoneInfo("Asia/Shanghai")


def test_due_after_the_hour_once_a_day() -> None:
    at = datetime(2026, 3, 1, 1, 59, tzinfo=SH)
    assert not backup_due(now_local=at, last_local=None, hour=2)
    assert backup_due(now_local=at + timedelta(minutes=1), last_local=None, hour=2)
    made = datetime(2026, 3, 1, 2, 5, tzinfo=SH)
    assert not backup_due(now_local=made + timedelta(hours=20), last_local=made, hour=2)
    assert backup_due(now_local=made + timedelta(days=1), last_local=made, hour=2)
    assert not backup_due(now_local=made, last_local=None, hour=-1)


def test_expired_keeps_the_newest() -> None:
    assert expired(["d", "c", "b", "a"], keep=2) == ["b", "a"]
    assert expired(["a"], keep=0) == []


def at_two(ctx: Context) -> Context:
    """The test folders switch nightly backups off; these tests switch them on at 02:00."""
    return replace(ctx, settings=replace(ctx.settings, nightly_backup_hour=2))


def test_nightly_backup_made_once_then_pruned(demo_ctx: Context, clock: FakeClock) -> None:
    demo_ctx = at_two(demo_ctx)
    assert (
        run_nightly_backup(
            replace(demo_ctx, settings=replace(demo_ctx.settings, nightly_backup_hour=-1))
        )
        is None
    )
    clock.current = datetime(2026, 3, 1, 2, 30, tzinfo=SH).astimezone(UTC)
    first = run_nightly_backup(demo_ctx)
    assert (
        first is not None and first.files == 41
    )  # the database, 19 originals with their judge copies, a pledge, the key
    assert run_nightly_backup(demo_ctx) is None  # already done today
    folder = backup_root(demo_ctx.settings) / NIGHTLY_FOLDER
    for _ in range(15):
        clock.advance(days=1)
        assert run_nightly_backup(demo_ctx) is not None
    kept = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert len(kept) == demo_ctx.settings.backups_kept == 14
    assert kept[-1] == "jurydesk-20260316-023000"


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (
            "NIGHTLY_BACKUP_HOUR",
            "24",
            "设置 nightly_backup_hour 的值 '24' 超出范围，应在 -1 到 23 之间。",
        ),
        ("BACKUPS_KEPT", "0", "设置 backups_kept 的值 '0' 超出范围，应在 1 到 3650 之间。"),
    ],
)
def test_out_of_range_schedule_stops_start_up(name: str, raw: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_settings(environ={f"JURYDESK_{name}": raw})
    assert caught.value.message("zh").startswith(message)
    assert load_settings(environ={"JURYDESK_NIGHTLY_BACKUP_HOUR": "-1"}).nightly_backup_hour == -1


def test_the_app_thread_makes_the_due_backup_and_stops(demo_ctx: Context, clock: FakeClock) -> None:
    clock.current = datetime(2026, 3, 1, 3, 0, tzinfo=SH).astimezone(UTC)
    nightly = NightlyBackups(at_two(demo_ctx), every_s=0.05).start()
    folder = backup_root(demo_ctx.settings) / NIGHTLY_FOLDER
    deadline = time.monotonic() + 30
    while not (folder / "jurydesk-20260301-030000" / "manifest.json").exists():
        assert time.monotonic() < deadline, "no nightly backup within 30 s"
        time.sleep(0.05)
    nightly.stop()
    nightly.join(timeout=30)
    assert sorted(p.name for p in folder.iterdir()) == ["jurydesk-20260301-030000"]
