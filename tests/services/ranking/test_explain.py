"""services/ranking/explain.py: the numbers behind one entry's place."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.services.context import Actor, Context
from scoring.services.ranking.explain import JudgeLine, explain
from scoring.services.ranking.results import compute_ranking
from tests.campaign_factory import make_campaign
from tests.conftest import SHELL, T0


def test_explain_gives_judges_z_scores_platform_views_and_the_audience_part(ctx: Context) -> None:
    camp = make_campaign(ctx)
    wang, li = camp.judge("wang"), camp.judge("li")
    a, b = camp.entry("A1"), camp.entry("B1")
    camp.card(wang, a, 8.0)
    camp.card(wang, b, 6.0)
    camp.card(li, a, 10.0)
    earlier = T0 - timedelta(hours=1)
    camp.views(a, "douyin", earlier, 99)
    camp.views(a, "bilibili", earlier, 0)
    camp.views(b, "douyin", earlier, 5)
    result = compute_ranking(ctx, actor=SHELL, campaign_id=camp.campaign_id)
    shown = explain(ctx, actor=SHELL, result=result, entry_id=a.id)
    # totals 8, 6 (wang) and 10 (li): fewer than 5 each, so the campaign's SD sqrt(8/3)
    assert shown.judges == [
        JudgeLine(username="wang", name="WANG", total=8.0, z=pytest.approx(1 / math.sqrt(8 / 3))),
        JudgeLine(username="li", name="LI", total=10.0, z=0.0),
    ]
    assert [(s.platform, s.views) for s in shown.platforms] == [("bilibili", 0), ("douyin", 99)]
    assert shown.audience_raw == 2.0  # log10(1 + 99)
    assert shown.expert_weight == 0.7
    assert (shown.entry.entry_id, shown.entry.views) == (a.id, 99)


def test_explain_is_for_staff_only(ctx: Context) -> None:
    camp = make_campaign(ctx)
    entry = camp.entry("A1")
    result = compute_ranking(ctx, actor=SHELL, campaign_id=camp.campaign_id)
    with pytest.raises(NotAllowed):
        explain(ctx, actor=Actor("wang", Role.JUDGE, 3), result=result, entry_id=entry.id)
