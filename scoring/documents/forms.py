"""The notice's forms as records, with their fixed texts quoted from the notice.

The texts below are printed as the notice prints them (附件2, 附件4, 附件5 of
甘质强组办明电〔2023〕4号); they are the official form, so they are never translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

SUMMARY_TITLE: Final = "质量强国建设微视频作品汇总表"
SUMMARY_HEADERS: Final = (
    "作品类别",
    "作品排序",
    "作品名称",
    "内容简介（不超过100字）",
    "创作单位",
    "推荐单位",
)
SEAL: Final = "（加盖公章）"
REGISTRATION_TITLE: Final = "质量强国建设微视频作品登记表"
SYNOPSIS_LIMIT: Final = "（100字以内）"
ENDORSEMENT: Final = (
    "经我单位审核，该作品申报材料属实。我单位同意推荐该作品参加质量强国建设微视频征集活动。"
)
DATE_LINE: Final = "年　　月　　日"
UNIT_SEAL: Final = "（请加盖推荐单位公章）"
SUBMITTER_LINE: Final = "报送单位："
REGISTRATION_LABELS: Final = {
    "title": "作品名称",
    "category": "作品类别",
    "duration": "片长",
    "producer": "拍摄单位",
    "shot_date": "拍摄时间",
    "completed_date": "完成时间",
    "synopsis": "作品简介",
    "submitter_info": "报送单位信息",
    "opinion": "报送单位\n意见",
    "contact": "联系人",
    "phone": "联系电话",
}
CONTACTS_TITLE: Final = "联络员反馈表"
UNIT_LINE: Final = "单位："
FILLED_BY: Final = ("填表人：", "联系电话：")
CONTACT_HEADERS: Final = ("姓　名", "单　位", "职　务", "手机号码", "备　注")


@dataclass(frozen=True)
class SummaryRow:
    """One shortlisted work on 附件5."""

    category: str  # 微视频 / 微动漫, as the form prints it
    order: int  # 作品排序: restarts at 1 in each category
    code: str
    title: str
    synopsis: str
    producer: str
    recommender: str


@dataclass(frozen=True)
class Note:
    """One line of the 说明 sheet: a setting, the cutoff, the export time."""

    label: str
    value: str


@dataclass(frozen=True)
class OverrideNote:
    """A coordinator's change to the shortlist, with its reason."""

    code: str
    title: str
    change: str  # 人工调入 / 人工调出
    reason: str
    by: str
    at: str


@dataclass(frozen=True)
class SummaryTable:
    """附件5 质量强国建设微视频作品汇总表, with its 说明 (notes and overrides)."""

    campaign: str
    office: str
    rows: tuple[SummaryRow, ...]
    notes: tuple[Note, ...]
    overrides: tuple[OverrideNote, ...]
    labels: dict[str, str]  # headings of the 说明 sheet

    def groups(self) -> list[tuple[str, list[SummaryRow]]]:
        """Rows by category in the table's order: each category's cell spans its rows."""
        out: list[tuple[str, list[SummaryRow]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.category:
                out.append((row.category, []))
            out[-1][1].append(row)
        return out


@dataclass(frozen=True)
class Registration:
    """附件4 作品登记表 of one entry, filled from its fields."""

    code: str
    submitter: str
    title: str
    category: str
    duration: str
    producer: str
    shot_date: str
    completed_date: str
    synopsis: str
    submitter_info: str
    contact: str
    phone: str


@dataclass(frozen=True)
class Contact:
    """One row of 附件2."""

    name: str
    unit: str
    position: str
    mobile: str
    note: str = ""


@dataclass(frozen=True)
class ContactSheet:
    """附件2 联络员反馈表 of one unit."""

    campaign: str
    unit: str
    contacts: tuple[Contact, ...]
