"""Each unit's liaison (附件2), kept by its own users, and the office's table of units:
liaison, accounts, works registered and forwarded, paperwork missing; CSV and XLSX."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from scoring.errors import InvalidInput, NotAllowed
from scoring.services.entries import form, forwarding
from scoring.services.entries import units as unit_service
from scoring.services.entries.unit_forms import unit_contacts
from scoring.storage import entries as entry_store
from scoring.storage.audit import AuditFilter, list_events
from scoring.tables.writing import to_csv, to_xlsx
from tests.conftest import COORD
from tests.services.entries.units_setup import (
    LANZHOU,
    TIANSHUI,
    Units,
    register,
    work_texts,
)


def name_liaison(u: Units) -> None:
    unit_service.save_my_contact(
        u.ctx,
        actor=u.lanzhou,
        campaign_id=1,
        name="张敏",
        position="质量科科长",
        mobile="13893100001",
    )


def test_a_unit_names_its_liaison_and_sees_only_its_own(units: Units) -> None:
    name_liaison(units)

    mine = unit_service.my_contact(units.ctx, actor=units.lanzhou, campaign_id=1)
    theirs = unit_service.my_contact(units.ctx, actor=units.tianshui, campaign_id=1)

    assert mine is not None
    assert (mine.unit, mine.name, mine.contact_unit, mine.position, mine.mobile) == (
        LANZHOU,
        "张敏",
        LANZHOU,
        "质量科科长",
        "13893100001",
    )
    assert theirs is None
    events = units.ctx.db.read(lambda cur: list_events(cur, AuditFilter(action="unit.contact")))
    assert [(e.actor, e.target, e.details["name"]) for e in events] == [("unit1", LANZHOU, "张敏")]


def test_saving_again_replaces_the_liaison(units: Units) -> None:
    name_liaison(units)
    unit_service.save_my_contact(
        units.ctx,
        actor=units.lanzhou,
        campaign_id=1,
        name="李佳",
        position="",
        mobile="18993017109",
    )

    mine = unit_service.my_contact(units.ctx, actor=units.lanzhou, campaign_id=1)

    assert mine is not None and (mine.name, mine.mobile) == ("李佳", "18993017109")


@pytest.mark.parametrize(
    ("name", "mobile", "message"),
    [
        ("", "13893100001", "请填写联络员姓名。"),
        (
            "张敏",
            "0931-8533511",
            "手机号码“0931-8533511”不是有效的 11 位手机号码。"
            "请填写联络员的手机号码，如 13893100001。",
        ),
    ],
)
def test_a_liaison_needs_a_name_and_a_mobile(
    units: Units, name: str, mobile: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        unit_service.save_my_contact(
            units.ctx, actor=units.lanzhou, campaign_id=1, name=name, position="", mobile=mobile
        )

    assert refused.value.message("zh") == message
    assert unit_service.my_contact(units.ctx, actor=units.lanzhou, campaign_id=1) is None


def fill(u: Units) -> None:
    """Lanzhou: a liaison, two works (one forwarded, one without a pledge); Tianshui: none;
    the office: a work from e-mail for 白银 without its pledge ticked."""
    name_liaison(u)
    sent = register(u.ctx, u.lanzhou, "TJ-001").entry
    register(u.ctx, u.lanzhou, "TJ-002", pledge=False, video=False)
    assert sent is not None
    forwarding.forward_works(u.ctx, actor=u.lanzhou, campaign_id=1, entry_ids=[sent.id])
    form.save_entry(
        u.ctx,
        actor=COORD,
        campaign_id=1,
        texts=work_texts("GS-001", recommender="白银市 市场监督管理局"),
        editing=False,
    )


def test_the_office_sees_every_unit_with_what_is_missing(units: Units) -> None:
    fill(units)

    rows = unit_service.unit_table(units.ctx, actor=COORD, campaign_id=1)

    assert [
        (r.unit, r.contact.name if r.contact else "", r.accounts, r.registered, r.forwarded)
        for r in rows
    ] == [
        (LANZHOU, "张敏", 1, 2, 1),
        (TIANSHUI, "", 1, 0, 0),
        ("白银市 市场监督管理局", "", 0, 1, 1),
    ]
    assert [r.missing("zh") for r in rows] == [
        "版权承诺书 1 件",
        "联络员、未报送作品",
        "联络员、版权承诺书 1 件",
    ]


def test_the_units_table_exports_as_csv_and_xlsx(units: Units) -> None:
    fill(units)

    sheet = unit_service.units_sheet(units.ctx, actor=COORD, campaign_id=1, lang="zh")
    csv = to_csv(sheet).decode("utf-8-sig").splitlines()
    book = load_workbook(io.BytesIO(to_xlsx(sheet)))

    assert csv == [
        "推荐单位,联络员,职务,手机号码,账号,已登记,已报送,尚缺材料",
        f"{LANZHOU},张敏,质量科科长,13893100001,1,2,1,版权承诺书 1 件",
        f"{TIANSHUI},,,,1,0,0,联络员、未报送作品",
        "白银市 市场监督管理局,,,,0,1,1,联络员、版权承诺书 1 件",
    ]
    page = book.active
    assert page is not None and page.title == "推荐单位报送情况"
    assert [c.value for c in page[3]][:2] == ["推荐单位", "联络员"]


def test_form_2_lists_the_units_liaison_with_its_works(units: Units) -> None:
    fill(units)
    entries = units.ctx.db.read(lambda cur: entry_store.list_entries(cur, 1))
    liaison = unit_service.my_contact(units.ctx, actor=units.lanzhou, campaign_id=1)

    rows = unit_contacts(entries, LANZHOU, liaison)

    assert [(r.name, r.unit, r.position, r.mobile, r.note) for r in rows] == [
        ("张敏", LANZHOU, "质量科科长", "13893100001", "TJ-001")
    ]


def test_the_office_records_a_liaison_that_came_by_e_mail(units: Units) -> None:
    fill(units)

    unit_service.save_unit_contact(
        units.ctx,
        actor=COORD,
        campaign_id=1,
        unit="白银市 市场监督管理局",
        name="王芳",
        position="科员",
        mobile="13919000001",
    )
    rows = {r.unit: r for r in unit_service.unit_table(units.ctx, actor=COORD, campaign_id=1)}

    baiyin = rows["白银市 市场监督管理局"]
    assert baiyin.contact is not None and (baiyin.contact.name, baiyin.contact.updated_by) == (
        "王芳",
        "coord",
    )
    assert baiyin.missing("zh") == "版权承诺书 1 件"


def test_a_unit_user_cannot_record_another_units_liaison(units: Units) -> None:
    with pytest.raises(NotAllowed):
        unit_service.save_unit_contact(
            units.ctx,
            actor=units.lanzhou,
            campaign_id=1,
            unit=TIANSHUI,
            name="冒名",
            position="",
            mobile="13919000001",
        )

    assert unit_service.my_contact(units.ctx, actor=units.tianshui, campaign_id=1) is None
