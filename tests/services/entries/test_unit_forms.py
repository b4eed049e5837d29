"""附件4 登记表 and 附件2 联络员反馈表 filled from the entries; codes that stay text in XLSX."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from scoring.errors import InvalidInput, NotFound
from scoring.services.context import Context
from scoring.services.entries.unit_forms import contacts_file, registration_file, units
from scoring.services.ranking.exports import ranking_sheet
from scoring.storage import entries as entry_store
from scoring.tables.writing import to_xlsx
from tests.campaign_factory import twin_of
from tests.conftest import COORD
from tests.pdf import flat, pdf_pages

UNIT = "兰州市市场监督管理局"
ENDORSEMENT = (
    "经我单位审核，该作品申报材料属实。我单位同意推荐该作品参加质量强国建设微视频征集活动。"
)


def test_units_are_the_recommenders(demo_ctx: Context) -> None:
    assert units(demo_ctx, actor=COORD, campaign_id=1) == [
        "兰州市市场监督管理局",
        "天水市市场监督管理局",
        "张掖市市场监督管理局",
        "甘肃省水利工程行业协会",
        "甘肃省质量协会",
        "白银市市场监督管理局",
        "酒泉市市场监督管理局",
    ]


def test_registration_xlsx_has_one_filled_sheet_per_entry_of_the_unit(demo_ctx: Context) -> None:
    data = registration_file(demo_ctx, actor=COORD, campaign_id=1, fmt="xlsx", unit=UNIT)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["1-GS-2023-001", "2-GS-2023-002", "3-GS-2023-003"]
    page = book["1-GS-2023-001"]
    cells = [[c.value for c in row] for row in page.iter_rows(min_row=2)]
    assert cells[0][0] == "质量强国建设微视频作品登记表"
    assert cells[1][0] == "报送单位：兰州市城关区市场监督管理局"
    assert cells[2][:2] == ["作品名称", "一碗牛肉面的标准"]
    assert cells[3] == ["作品类别", "微视频", "片长", "0:12"]
    assert cells[5] == ["拍摄时间", "2023年3月2日", "完成时间", "2023年4月18日"]
    assert cells[7][:2] == ["报送单位信息", "兰州市城关区市场监督管理局（市场监管部门）"]
    assert cells[8][1].startswith(ENDORSEMENT) and cells[8][1].endswith("（请加盖推荐单位公章）")
    assert cells[9] == ["联系人", "张敏", "联系电话", "13893100001"]
    assert page.page_setup.paperSize == 9 and page.page_setup.orientation == "portrait"


def test_registration_pdf_of_one_entry(demo_ctx: Context) -> None:
    data = registration_file(demo_ctx, actor=COORD, campaign_id=1, fmt="pdf", code="GS-2023-011")
    [page] = pdf_pages(data)
    text = flat(page)
    for part in ("质量强国建设微视频作品登记表", "戈壁上的光伏板", "微动漫", ENDORSEMENT):
        assert flat(part) in text
    assert "（请加盖推荐单位公章）" in text and "年月日" in text


def test_contacts_list_each_distinct_contact_of_the_unit_once(demo_ctx: Context) -> None:
    entry = demo_ctx.db.read(lambda c: entry_store.get_entry(c, 1))
    assert entry is not None
    twin = twin_of(entry, code="GS-2023-099", title="另一件作品")
    demo_ctx.db.write(lambda c: entry_store.add_entry(c, twin))
    data = contacts_file(demo_ctx, actor=COORD, campaign_id=1, fmt="xlsx", unit=UNIT)
    page = load_workbook(io.BytesIO(data))["附件2"]
    rows = [tuple(c.value for c in row) for row in page.iter_rows(min_row=3)]
    assert rows[0][0] == "单位：兰州市市场监督管理局"
    assert rows[1] == ("姓　名", "单　位", "职　务", "手机号码", "备　注")
    assert rows[2] == (
        "张敏",
        "兰州市城关区市场监督管理局",
        None,
        "13893100001",
        "GS-2023-001、GS-2023-099",
    )
    assert [r[0] for r in rows[3:5]] == ["王磊", "陈静"]
    assert rows[-2:] == [
        ("填表人：", None, None, None, None),
        ("联系电话：", None, None, None, None),
    ]
    pdf = flat(
        "".join(
            pdf_pages(contacts_file(demo_ctx, actor=COORD, campaign_id=1, fmt="pdf", unit=UNIT))
        )
    )
    assert all(part in pdf for part in ("联络员反馈表", "张敏", "13893100001", "填表人："))


def test_unknown_unit_or_code_and_csv_are_refused(demo_ctx: Context) -> None:
    with pytest.raises(NotFound, match="No entry"):
        contacts_file(demo_ctx, actor=COORD, campaign_id=1, fmt="xlsx", unit="不存在的单位")
    with pytest.raises(NotFound) as caught:
        registration_file(demo_ctx, actor=COORD, campaign_id=1, fmt="pdf", code="X-1")
    assert caught.value.params == {"code": "X-1"}
    with pytest.raises(InvalidInput):
        registration_file(demo_ctx, actor=COORD, campaign_id=1, fmt="csv", unit=UNIT)


def test_code_007_survives_an_xlsx_round_trip(demo_ctx: Context) -> None:
    entry = demo_ctx.db.read(lambda c: entry_store.get_entry(c, 1))
    assert entry is not None
    demo_ctx.db.write(lambda c: entry_store.update_entry(c, replace(entry, code="007")))
    sheet = ranking_sheet(demo_ctx, actor=COORD, campaign_id=1)
    book = load_workbook(io.BytesIO(to_xlsx(sheet)))
    [cell] = [c for c in book.active["B"] if c.value == "007"]
    assert cell.data_type == "s"
