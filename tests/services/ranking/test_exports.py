"""Export files: exact bytes of the 附件5 CSV, XLSX read back, the injection guard."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from openpyxl import load_workbook

from scoring.services.context import Context
from scoring.services.ranking.exports import ranking_sheet, scores_sheet, shortlist_sheet
from scoring.services.ranking.shortlist import swap
from scoring.services.views.anomalies import neutralise_audience
from scoring.storage import entries as entry_store
from scoring.tables.writing import Sheet, to_csv, to_xlsx
from tests.conftest import COORD

A5_HEAD = "作品类别,作品排序,作品名称,内容简介,创作单位,推荐单位"


def test_attachment5_csv_bytes(demo_ctx: Context) -> None:
    data = to_csv(shortlist_sheet(demo_ctx, actor=COORD, campaign_id=1))
    assert data[:3] == b"\xef\xbb\xbf"
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == A5_HEAD
    assert [line.split(",")[:3] for line in lines[1:-1]] == [
        ["微视频", "1", "电梯安全守护者"],
        ["微视频", "2", "老字号的新质量"],
        ["微视频", "3", "计量让生活更公平"],
        ["微视频", "4", "4K看质量"],
        ["微动漫", "1", "戈壁上的光伏板"],
    ]
    assert lines[-1] == ""


def test_formula_in_a_title_is_neutralised(demo_ctx: Context) -> None:
    entry = demo_ctx.db.read(lambda c: entry_store.get_entry(c, 2))
    assert entry is not None
    evil = replace(entry, title="=cmd|' /C calc'!A0")
    demo_ctx.db.write(lambda c: entry_store.update_entry(c, evil))
    data = to_csv(shortlist_sheet(demo_ctx, actor=COORD, campaign_id=1)).decode("utf-8-sig")
    assert "微视频,1,'=cmd|' /C calc'!A0," in data
    book = load_workbook(io.BytesIO(to_xlsx(ranking_sheet(demo_ctx, actor=COORD, campaign_id=1))))
    [cell] = [c for c in book.active["C"] if c.value == "=cmd|' /C calc'!A0"]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)  # text shown as typed, no '


def test_xlsx_keeps_formula_like_text_as_quote_prefixed_text() -> None:
    sheet = Sheet("t", [], ["h"], [["=1+1"], ["+1"], ["@x"], ["ok"], [3]], campaign="2024年征集")
    book = load_workbook(io.BytesIO(to_xlsx(sheet)))
    cells = [c for (c,) in book.active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=1+1", "s", True),
        ("+1", "s", True),
        ("@x", "s", True),
        ("ok", "s", False),
        (3, "n", False),
    ]
    props = book.properties
    assert (props.creator, props.lastModifiedBy) == ("JuryDesk 微视频作品评审台",) * 2
    assert (props.title, props.subject) == ("t · 2024年征集", "2024年征集")


def test_every_guarded_prefix() -> None:
    sheet = Sheet("t", [], ["h"], [["=1"], ["+1"], ["-1"], ["@x"], ["\tx"], ["\rx"], ["ok"], [3]])
    lines = to_csv(sheet).decode("utf-8-sig").split("\r\n")
    assert lines[1:9] == ["'=1", "'+1", "'-1", "'@x", "'\tx", '"\'\rx"', "ok", "3"]


def test_ranking_xlsx_has_the_header_block_above_the_table(demo_ctx: Context) -> None:
    sheet = ranking_sheet(demo_ctx, actor=COORD, campaign_id=1)
    rows = list(load_workbook(io.BytesIO(to_xlsx(sheet))).active.iter_rows(values_only=True))
    labels = [r[0] for r in rows[:5]]
    assert labels == ["征集活动", "播放数据截止时间", "专家分计算方法", "专家评分权重", "导出时间"]
    assert rows[0][1] == "2023年质量强国建设微视频作品征集（演示）"
    assert rows[2][1] == "标准分（z 分数，默认）" and rows[3][1] == "0.7"
    assert rows[6][:3] == ("名次", "作品编号", "作品名称")
    assert [r[:2] for r in rows[7:9]] == [(1, "GS-2023-002"), (2, "GS-2023-005")]


def test_override_is_marked_in_the_exports(demo_ctx: Context) -> None:
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=4, kind="shortlist_in", reason="复议调入")
    a5 = shortlist_sheet(demo_ctx, actor=COORD, campaign_id=1)
    line = "GS-2023-004 苹果里的质量密码：人工调入，理由：复议调入（coord，2026-03-01 17:00）"
    assert ("人工调整", line) in a5.block
    assert "苹果里的质量密码" in [row[2] for row in a5.rows]
    ranking = ranking_sheet(demo_ctx, actor=COORD, campaign_id=1)
    row = next(r for r in ranking.rows if r[1] == "GS-2023-004")
    assert row[-1] == "人工调入：复议调入" and row[-2] == "是"


def test_attachment5_csv_notes_every_override_below_its_six_columns(demo_ctx: Context) -> None:
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=4, kind="shortlist_in", reason="复议调入")
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=9, kind="shortlist_out", reason="=画面雷同")
    data = to_csv(shortlist_sheet(demo_ctx, actor=COORD, campaign_id=1))

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == A5_HEAD.split(",")
    table, rest = rows[1:6], rows[6:]
    assert [r[:3] for r in table] == [
        ["微视频", "1", "电梯安全守护者"],
        ["微视频", "2", "老字号的新质量"],
        ["微视频", "3", "计量让生活更公平"],
        ["微视频", "4", "苹果里的质量密码"],
        ["微动漫", "1", "戈壁上的光伏板"],
    ]
    assert {len(r) for r in table} == {6}
    assert rest == [
        [],
        ["说明：推荐名单含人工调整 2 处，逐条列出如下（调整记入审计日志）。"],
        ["GS-2023-004 苹果里的质量密码：人工调入，理由：复议调入（coord，2026-03-01 17:00）"],
        ["GS-2023-009 4K看质量：人工调出，理由：=画面雷同（coord，2026-03-01 17:00）"],
    ]


def test_attachment5_csv_without_overrides_ends_with_the_table(demo_ctx: Context) -> None:
    text = to_csv(shortlist_sheet(demo_ctx, actor=COORD, campaign_id=1)).decode("utf-8-sig")
    assert "说明" not in text and len(text.split("\r\n")) == 7


def test_ranking_export_covers_every_entry_with_its_status(demo_ctx: Context) -> None:
    sheet = ranking_sheet(demo_ctx, actor=COORD, campaign_id=1)
    assert len(sheet.rows) == 15
    assert sheet.headers[:3] == ["名次", "作品编号", "作品名称"]
    statuses = {r[1]: r[9] for r in sheet.rows}
    assert statuses["GS-2023-006"] == "有合规错误，未排名"
    assert statuses["GS-2023-008"] == "首席质量官案例（单独排名）"


def test_scores_export_has_one_row_per_judge_entry_criterion(demo_ctx: Context) -> None:
    sheet = scores_sheet(demo_ctx, actor=COORD, campaign_id=1)
    assert len(sheet.rows) == 52 * 6
    first = sheet.rows[0]
    assert first[:5] == ("judge1", "马教授", "GS-2023-001", "一碗牛肉面的标准", "lively")
    assert first[8:10] == ("网页评分", 1.0)


def test_ranking_export_places_every_entry_by_views(demo_ctx: Context) -> None:
    neutralise_audience(demo_ctx, actor=COORD, entry_id=5, reason="第5天起播放量异常激增")
    sheet = ranking_sheet(demo_ctx, actor=COORD, campaign_id=1)
    assert sheet.headers[9:13] == [
        "状态 / 未排名原因",
        "人气位次",
        "人气前 N",
        "传播分改为中位数的原因",
    ]
    by_code = {r[1]: r for r in sheet.rows}
    assert by_code["GS-2023-005"][10:13] == (1, "是", "第5天起播放量异常激增")
    assert by_code["GS-2023-006"][9:12] == ("有合规错误，未排名", 2, "是")
    assert by_code["GS-2023-001"][11:13] == ("", "")
    assert sorted(r[10] for r in sheet.rows) == list(range(1, 16))
