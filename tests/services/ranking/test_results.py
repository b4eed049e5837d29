"""The ranking of the demo through the services: inputs, what-if and fixed settings."""

from __future__ import annotations

import math

import pytest

from scoring.enums import Method
from scoring.errors import InvalidInput, NotAllowed
from scoring.services.context import Context
from scoring.services.ranking.results import WhatIf, compute_ranking, fix_settings
from scoring.storage import campaigns as campaign_store
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.views import list_snapshots
from tests.conftest import COORD, JUDGE


def codes(entries: object) -> list[str]:
    return [e.code for e in entries]  # type: ignore[attr-defined]


def test_demo_ranking_statuses(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    ranking = result.ranking
    assert len(ranking.main) == 9
    assert codes(ranking.cqo) == ["GS-2023-008"]
    assert [(e.code, e.status.value) for e in ranking.others] == [
        ("GS-2023-006", "excluded:compliance"),
        ("GS-2023-010", "excluded:compliance"),
        ("GS-2023-013", "excluded:compliance"),
        ("GS-2023-014", "incomplete"),
        ("GS-2023-015", "incomplete"),
    ]
    top = ranking.main[0]
    assert (top.code, top.expert, top.rank) == ("GS-2023-002", 100.0, 1)
    assert math.isclose(top.final, 0.7 * top.expert + 0.3 * top.audience)


def test_views_are_the_latest_snapshot_per_platform_at_the_cutoff(demo_ctx: Context) -> None:
    early = compute_ranking(
        demo_ctx, actor=COORD, campaign_id=1, what_if=WhatIf(cutoff="2023-06-01 10:00")
    )
    before = compute_ranking(
        demo_ctx, actor=COORD, campaign_id=1, what_if=WhatIf(cutoff="2023-05-31 23:00")
    )
    views = {e.entry_id: e.views for e in early.inputs.entries}
    assert all(e.views == 0 for e in before.inputs.entries)
    day_one = [
        s
        for s in demo_ctx.db.read(lambda c: list_snapshots(c, 2))
        if s.captured_at <= early.inputs.cutoff
    ]
    assert [s.platform for s in day_one] == ["douyin", "samr"]
    assert views[2] == day_one[0].views + day_one[1].views > 0


def test_what_if_changes_nothing_stored(demo_ctx: Context) -> None:
    result = compute_ranking(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        what_if=WhatIf(method="raw", expert_weight=1.0, top_n=3),
    )
    assert (Method(result.params.method), result.params.expert_weight, result.params.top_n) == (
        Method.RAW,
        1.0,
        3,
    )
    assert sum(e.in_top for e in result.ranking.main) == 3
    campaign = demo_ctx.db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None and (campaign.method, campaign.expert_weight) == ("zscore", 0.7)


def test_fixing_settings_stores_them_and_logs_old_and_new(demo_ctx: Context) -> None:
    fix_settings(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        what_if=WhatIf(method="trimmed", expert_weight=0.6, top_n=4),
    )
    campaign = demo_ctx.db.read(lambda c: campaign_store.get_campaign(c, 1))
    assert campaign is not None
    assert (campaign.method, campaign.expert_weight, campaign.shortlist_size) == ("trimmed", 0.6, 4)
    event = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="ranking.settings")))[0]
    assert event.details["old"]["method"] == "zscore" and event.details["new"]["top_n"] == 4


@pytest.mark.parametrize(
    ("what_if", "key"),
    [
        (WhatIf(expert_weight=1.5), "error.ranking_expert_weight"),
        (WhatIf(top_n=0), "error.ranking_top_n"),
        (WhatIf(method="median"), "error.ranking_method"),
        (WhatIf(cutoff="soon"), "error.cutoff_invalid"),
    ],
)
def test_bad_settings_refused(demo_ctx: Context, what_if: WhatIf, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        compute_ranking(demo_ctx, actor=COORD, campaign_id=1, what_if=what_if)
    assert caught.value.key == key


def test_judges_may_not_see_the_ranking(demo_ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        compute_ranking(demo_ctx, actor=JUDGE, campaign_id=1)
