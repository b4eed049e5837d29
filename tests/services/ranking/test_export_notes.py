"""services/ranking/_export_notes.py: the lines every export states beside its table."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.domain.shortlist import SWAP_IN, SWAP_OUT
from scoring.records.ranking import Override
from scoring.services.context import Context
from scoring.services.ranking._export_notes import change_word, settings_block, when_text
from scoring.services.ranking.results import WhatIf, compute_ranking
from tests.campaign_factory import make_campaign
from tests.conftest import SHELL, T0


@pytest.mark.parametrize(
    ("moment", "zone", "text"),
    [
        (datetime(2026, 3, 1, 17, 30, 59, tzinfo=UTC), "Asia/Shanghai", "2026-03-02 01:30"),
        (datetime(2026, 3, 1, 17, 30, tzinfo=UTC), "UTC", "2026-03-01 17:30"),
        (None, "Asia/Shanghai", ""),
    ],
)
def test_when_text_is_the_local_wall_clock_to_the_minute(
    moment: datetime | None, zone: str, text: str
) -> None:
    assert when_text(moment, zone) == text


def _override(kind: str) -> Override:
    return Override(
        id=1, campaign_id=1, entry_id=1, kind=kind, reason="r", created_by="c", created_at=T0
    )


def test_change_word_names_the_swap_in_both_languages() -> None:
    assert change_word(_override(SWAP_IN), "zh") == "人工调入"
    assert change_word(_override(SWAP_OUT), "zh") == "人工调出"
    assert change_word(_override(SWAP_IN), "en") != change_word(_override(SWAP_OUT), "en")


def test_settings_block_states_campaign_cutoff_method_weight_and_time(ctx: Context) -> None:
    camp = make_campaign(ctx, "2024年征集")
    what_if = WhatIf(expert_weight=0.65, cutoff=datetime(2026, 2, 1, 16, 0, tzinfo=UTC))
    result = compute_ranking(ctx, actor=SHELL, campaign_id=camp.campaign_id, what_if=what_if)
    assert settings_block(ctx, result, "zh") == [
        ("征集活动", "2024年征集"),
        ("播放数据截止时间", "2026-02-02 00:00"),  # Asia/Shanghai
        ("专家分计算方法", "标准分（z 分数，默认）"),
        ("专家评分权重", "0.65"),
        ("导出时间", "2026-03-01 17:00"),
    ]
