"""Anomaly flags through the service: the same flags computed now or beside the page,
kept while the campaign's snapshots stay as they are."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from scoring.domain.anomalies import detect_anomalies
from scoring.enums import FlagKind
from scoring.errors import NotAllowed
from scoring.records.views import ViewSnapshot
from scoring.services.background import KeptResults
from scoring.services.context import Context
from scoring.services.views import anomalies as service
from scoring.storage.views import add_snapshot, campaign_snapshots
from tests.conftest import COORD, JUDGE


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "_FLAGS", KeptResults("anomalies", kept=4))


def _direct(ctx: Context) -> list[object]:
    shots = ctx.db.read(lambda cur: campaign_snapshots(cur, 1))
    return list(detect_anomalies(shots, zone=ctx.settings.timezone))


def test_flags_now_are_the_domains_flags(demo_ctx: Context) -> None:
    flags = service.anomalies_if_ready(demo_ctx, actor=COORD, campaign_id=1)
    assert flags == _direct(demo_ctx) == service.anomalies(demo_ctx, actor=COORD, campaign_id=1)
    assert any(f.kind is FlagKind.SPIKE and f.entry_id == 5 for f in flags or [])


def test_many_snapshots_are_checked_beside_the_page(
    demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "INLINE_SNAPSHOTS", 0)
    assert service.anomalies_if_ready(demo_ctx, actor=COORD, campaign_id=1) is None
    deadline = time.monotonic() + 60
    while (flags := service.anomalies_if_ready(demo_ctx, actor=COORD, campaign_id=1)) is None:
        assert time.monotonic() < deadline, "the flags were never computed"
        time.sleep(0.05)
    assert flags == _direct(demo_ctx)


def test_a_new_snapshot_means_new_flags(demo_ctx: Context) -> None:
    before = service.anomalies(demo_ctx, actor=COORD, campaign_id=1)
    drop = ViewSnapshot(
        entry_id=1, platform="douyin", captured_at=datetime(2023, 7, 1, tzinfo=UTC), views=1
    )
    demo_ctx.db.write(lambda cur: add_snapshot(cur, drop))  # the count goes down: a flag
    after = service.anomalies(demo_ctx, actor=COORD, campaign_id=1)
    assert after == _direct(demo_ctx) != before
    assert any(f.kind is FlagKind.COUNT_DOWN and f.entry_id == 1 for f in after)


def test_judges_may_not_ask(demo_ctx: Context) -> None:
    for ask in (service.anomalies, service.anomalies_if_ready):
        with pytest.raises(NotAllowed):
            ask(demo_ctx, actor=JUDGE, campaign_id=1)
