"""附件5 as the notice prints it (XLSX read back, PDF text), and the audit of its exports."""

from __future__ import annotations

import csv
import hashlib
import io

from openpyxl import load_workbook

from scoring.services.context import Context
from scoring.services.ranking.official_forms import export_summary
from scoring.services.ranking.results import compute_ranking, rank_rows
from scoring.services.ranking.shortlist import swap
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import COORD
from tests.pdf import flat, pdf_pages

HEADERS = ("作品类别", "作品排序", "作品名称", "内容简介（不超过100字）", "创作单位", "推荐单位")
OFFICE = "甘肃省质量强省建设协调推进领导小组办公室"


def expected_rows(ctx: Context) -> list[tuple[str, int, str]]:
    """(category, 作品排序, title) of the top 5 by ``rank --json``, 微视频 first."""
    rows = rank_rows(compute_ranking(ctx, actor=COORD, campaign_id=1))
    top = [r for r in rows if r["status"] == "ranked" and int(str(r["rank"])) <= 5]
    out = []
    for category, label in (("micro_video", "微视频"), ("micro_animation", "微动漫")):
        mine = [r for r in top if r["category"] == category]
        out += [(label, n, str(r["title"])) for n, r in enumerate(mine, start=1)]
    return out


def test_attachment5_xlsx_is_the_printed_form(demo_ctx: Context) -> None:
    data = export_summary(demo_ctx, actor=COORD, campaign_id=1, fmt="xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["附件5", "说明"]
    page = book["附件5"]
    assert page["A2"].value == "质量强国建设微视频作品汇总表"
    assert page["A3"].value == f"报送单位：{OFFICE}（加盖公章）"
    assert tuple(c.value for c in page[4]) == HEADERS
    body = [(r[0], r[1], r[2]) for r in page.iter_rows(min_row=5, values_only=True)]
    wanted = expected_rows(demo_ctx)
    assert [(c or "", n, t) for c, n, t in body] == [
        (c if i in (0, 4) else "", n, t) for i, (c, n, t) in enumerate(wanted)
    ]  # a merged cell keeps its value in the first row only
    assert sorted(str(r) for r in page.merged_cells.ranges) == ["A2:F2", "A3:F3", "A5:A8"]
    setup = page.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert page.sheet_properties.pageSetUpPr.fitToPage is True
    assert page.print_title_rows == "$4:$4"
    assert page["D5"].alignment.wrap_text is True and page["D5"].border.left.style == "thin"
    assert page.column_dimensions["D"].width == 52


def test_attachment5_notes_sheet_holds_settings_and_every_override(demo_ctx: Context) -> None:
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=4, kind="shortlist_in", reason="复议调入")
    data = export_summary(demo_ctx, actor=COORD, campaign_id=1, fmt="xlsx")
    notes = list(load_workbook(io.BytesIO(data))["说明"].iter_rows(values_only=True))
    labels = {r[0]: r[1] for r in notes if r[0]}
    assert labels["报送单位"] == OFFICE
    assert labels["专家评分权重"] == "0.7"
    assert labels["推荐作品数量（N）"] == "5"
    assert labels["导出时间"] == "2026-03-01 17:00"
    assert labels["播放数据截止时间"] == "2026-03-01 17:00"
    override = next(r for r in notes if r[0] == "GS-2023-004")
    assert override[:5] == ("GS-2023-004", "苹果里的质量密码", "人工调入", "复议调入", "coord")
    first = load_workbook(io.BytesIO(data))["附件5"]
    assert "复议调入" not in str([c.value for row in first.iter_rows() for c in row])


def test_attachment5_pdf_holds_codes_titles_units_and_headers(demo_ctx: Context) -> None:
    data = export_summary(demo_ctx, actor=COORD, campaign_id=1, fmt="pdf")
    pages = pdf_pages(data)
    assert data.startswith(b"%PDF-") and len(pages) == 2
    text = flat("".join(pages))
    assert all(flat(h) in flat(pages[0]) for h in HEADERS)
    assert f"报送单位：{OFFICE}（加盖公章）" in text
    for row in expected_rows(demo_ctx):
        assert flat(row[2]) in flat(pages[0])
    for unit in ("兰州市特种设备检验所", "兰州市市场监督管理局", "酒泉市市场监督管理局"):
        assert unit in text
    codes = "GS-2023-002、GS-2023-005、GS-2023-003、GS-2023-009、GS-2023-011"
    assert codes in flat(pages[1])  # the 说明 page


def test_every_export_is_audited_with_its_sha256(demo_ctx: Context) -> None:
    made = {
        fmt: export_summary(demo_ctx, actor=COORD, campaign_id=1, fmt=fmt)
        for fmt in ("csv", "xlsx")
    }
    found = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="export.shortlist")))
    logged = {e.target: e.details["sha256"] for e in found}
    assert logged == {fmt: hashlib.sha256(data).hexdigest() for fmt, data in made.items()}
    assert {e.actor for e in found} == {"coord"} and {e.campaign_id for e in found} == {1}


def test_attachment5_csv_download_marks_the_override_below_the_table(demo_ctx: Context) -> None:
    swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=4, kind="shortlist_in", reason="复议调入")
    data = export_summary(demo_ctx, actor=COORD, campaign_id=1, fmt="csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows[0]) == 6 and {len(r) for r in rows[1:7]} == {6}
    assert rows[7:] == [
        [],
        ["说明：推荐名单含人工调整 1 处，逐条列出如下（调整记入审计日志）。"],
        ["GS-2023-004 苹果里的质量密码：人工调入，理由：复议调入（coord，2026-03-01 17:00）"],
    ]
