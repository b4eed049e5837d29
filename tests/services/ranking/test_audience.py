"""The audience list of a small campaign made to order, against views computed by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.services.context import Actor, Context
from scoring.services.ranking.audience import audience_of, audience_rows, audience_sheet
from scoring.services.ranking.results import WhatIf, compute_ranking
from tests.campaign_factory import make_campaign

COORD = Actor("coord", Role.COORDINATOR, None)
CUTOFF = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    return datetime(2026, 2, n, 10, 0, tzinfo=UTC)


@pytest.fixture
def campaign_id(ctx: Context) -> int:
    made = make_campaign(ctx)
    judges = [made.judge(name) for name in ("j1", "j2", "j3")]
    marks = {"A-001": 6.0, "A-002": 9.0, "A-003": 7.0, "A-004": 5.0, "A-005": 8.0, "A-006": 7.0}
    entries = {code: made.entry(code, cqo=code == "A-003") for code in (*marks, "A-007")}
    for code, mark in marks.items():
        for judge in judges:
            made.card(judge, entries[code], mark)
    # V_e by hand: per platform the latest snapshot at or before the cutoff, summed.
    made.views(entries["A-001"], "douyin", day(1), 100)
    made.views(entries["A-001"], "douyin", day(3), 500)
    made.views(entries["A-001"], "douyin", day(15), 9000)  # after the cutoff: not counted
    made.views(entries["A-001"], "samr", day(2), 50)  # 500 + 50 = 550
    made.views(entries["A-002"], "douyin", day(2), 550)  # 550, a tie with A-001
    made.views(entries["A-003"], "douyin", day(4), 2000)  # the CQO case: 2000
    made.views(entries["A-004"], "samr", day(4), 800)  # compliance error: 800
    made.views(entries["A-005"], "douyin", day(5), 700)  # neutralised: still 700
    made.compliance_error(entries["A-004"])
    made.neutralise(entries["A-005"], "刷量嫌疑")
    return made.campaign_id


def _audience(ctx: Context, campaign_id: int, top_n: int = 5):  # type: ignore[no-untyped-def]
    result = compute_ranking(
        ctx, actor=COORD, campaign_id=campaign_id, what_if=WhatIf(cutoff=CUTOFF, top_n=top_n)
    )
    return result, audience_of(ctx, actor=COORD, result=result)


def test_order_follows_the_views_computed_by_hand(ctx: Context, campaign_id: int) -> None:
    _, audience = _audience(ctx, campaign_id)
    assert [(line.place, line.code, line.views) for line in audience.order.lines] == [
        (1, "A-003", 2000),
        (2, "A-004", 800),
        (3, "A-005", 700),
        (4, "A-002", 550),  # ties with A-001 on views; the judges marked it higher
        (5, "A-001", 550),
        (6, "A-006", 0),  # ties with A-007 on views; A-007 has no scorecard at all
        (7, "A-007", 0),
    ]
    assert [line.code for line in audience.top()] == ["A-003", "A-004", "A-005", "A-002", "A-001"]


def test_cqo_excluded_and_neutralised_entries_are_marked(ctx: Context, campaign_id: int) -> None:
    result, audience = _audience(ctx, campaign_id, top_n=3)
    rows = audience_rows(result, audience)
    assert [(r["code"], r["status"], r["rank"], r["neutralised"]) for r in rows] == [
        ("A-003", "cqo", 1, None),
        ("A-004", "excluded:compliance", None, None),
        ("A-005", "ranked", 2, "刷量嫌疑"),
    ]
    by_code = {line.code: line for line in audience.order.lines}
    assert by_code["A-003"].cqo and by_code["A-004"].excluded and by_code["A-005"].neutralised
    assert by_code["A-004"].audience is None  # not ranked: no A_e
    ranked = {e.code: e.audience for e in result.ranking.main}
    assert by_code["A-005"].audience == ranked["A-005"]  # the ranking's median value
    assert by_code["A-007"].status.value == "incomplete"


def test_every_row_and_the_sheet_name_the_same_entries(ctx: Context, campaign_id: int) -> None:
    result, audience = _audience(ctx, campaign_id)
    rows = audience_rows(result, audience, every=True)
    assert list(rows[0]) == [
        "place",
        "code",
        "title",
        "category",
        "views",
        "audience",
        "rank",
        "status",
        "neutralised",
    ]
    sheet = audience_sheet(result, audience, lang="zh", every=True)
    assert sheet.headers[:3] == ["人气位次", "作品编号", "作品名称"]
    assert [row[1] for row in sheet.rows] == [r["code"] for r in rows]
    assert sheet.rows[2][7:] == ["已排名", "刷量嫌疑"]


def test_only_staff_read_the_audience_list(ctx: Context, campaign_id: int) -> None:
    result, _ = _audience(ctx, campaign_id)
    with pytest.raises(NotAllowed):
        audience_of(ctx, actor=Actor("j1", Role.JUDGE, 1), result=result)
