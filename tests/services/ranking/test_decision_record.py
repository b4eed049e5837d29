"""The decision record: its text matches ``rank --json``, it names overrides and the panel,
reads the reliability plainly, ends with the sign-off, and grows with the entries."""

from __future__ import annotations

from scoring.domain.rounding import score_text
from scoring.services.context import Context
from scoring.services.ranking.decision_record import decision_record_data, decision_record_pdf
from scoring.services.ranking.results import WhatIf, compute_ranking, rank_rows
from scoring.services.ranking.shortlist import swap
from scoring.storage import entries as entry_store
from tests.campaign_factory import twin_of
from tests.conftest import COORD
from tests.pdf import flat, pdf_pages


def test_record_text_holds_the_ranking_as_rank_json_gives_it(demo_ctx: Context) -> None:
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=4, kind="shortlist_in", reason="复议调入")
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=9, kind="shortlist_out", reason="画面雷同")
    pages = pdf_pages(decision_record_pdf(demo_ctx, actor=COORD, campaign_id=1))
    text = flat("".join(pages))
    for row in rank_rows(compute_ranking(demo_ctx, actor=COORD, campaign_id=1)):
        assert str(row["code"]) in text and flat(str(row["title"])) in text
        if row["final"] is not None:
            assert score_text(float(str(row["final"]))) in text
    assert "人工调入：复议调入" in text and "画面雷同" in text
    last = flat(pages[-1])
    assert all(label in last for label in ("评审组长：", "工作人员：", "日期："))


def test_record_states_the_settings_panel_and_plain_readings(demo_ctx: Context) -> None:
    data = decision_record_data(demo_ctx, actor=COORD, campaign_id=1, what_if=WhatIf(top_n=3))
    cover = data["cover"]
    assert (cover["top_n"], cover["weight"], cover["date"]) == ("3", "0.7", "2026年3月1日")
    assert cover["notice"].endswith("（甘质强组办明电〔2023〕4号）")
    assert [(r["name"], r["weight"], r["share"]) for r in cover["rubric"]][:2] == [
        ("生动活泼，观赏性强", "25", "25 %"),
        ("启发性、感染力", "20", "20 %"),
    ]
    assert [r["code"] for r in data["shortlist"]] == ["GS-2023-002", "GS-2023-005", "GS-2023-011"]
    conflicted = next(j for j in data["judges"] if j["conflicts"] != "0")
    assert (conflicted["name"], conflicted["which"]) == ("石秘书长", "GS-2023-006、GS-2023-007")
    alpha = data["sure"]["reliability"][0]
    assert alpha["reading"] == f"α = {alpha['value']}：中等一致性"
    assert data["sure"]["sweep"]["current"] == 0.7
    assert data["integrity"]["exports"] == []
    reasons = {r["code"]: r["reason"] for r in data["excluded"]}
    assert reasons["GS-2023-014"] == "有效评分表不足：2 份，至少需要 3 份"


def test_pages_grow_with_the_entries(demo_ctx: Context) -> None:
    before = len(pdf_pages(decision_record_pdf(demo_ctx, actor=COORD, campaign_id=1)))
    entry = demo_ctx.db.read(lambda c: entry_store.get_entry(c, 1))
    assert entry is not None
    for n in range(60):
        twin = twin_of(entry, code=f"GS-2023-{100 + n}", title=f"新增作品{n}")
        demo_ctx.db.write(lambda c, t=twin: entry_store.add_entry(c, t))
    after = len(pdf_pages(decision_record_pdf(demo_ctx, actor=COORD, campaign_id=1)))
    assert before == 5
    assert before < after <= before + 3  # 60 unranked lines fill at most a few pages
