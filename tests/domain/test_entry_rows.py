"""Checking entry-table rows before anything is written (scoring.domain.entry_rows and the
cell parsers of scoring.domain.entry_cells): headers, every bad cell, safe video names."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.entry_cells import (
    TITLE_MAX_CHARS,
    find_media,
    formula_like,
    parse_date_text,
    safe_media_name,
)
from scoring.domain.entry_rows import (
    FORM_FIELDS,
    EntryProblem,
    FormRow,
    build_entry,
    changed_fields,
    check_rows,
    entry_texts,
    field_of,
    map_headers,
    work_changes,
)
from scoring.enums import Category
from scoring.errors import InvalidInput
from scoring.records.entries import Entry, NewEntry

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HEADERS = ("作品编号", "作品名称", "作品类别", "拍摄单位", "完成时间", "首席质量官案例", "视频文件")
GOOD = {
    "作品编号": "GS-2023-001",
    "作品名称": "一碗面的标准",
    "作品类别": "微视频",
    "拍摄单位": "兰州测试制作有限公司",
    "完成时间": "2023-04-18",
    "首席质量官案例": "否",
    "视频文件": "作品 一.mp4",
}


def row(line: int = 2, **changed: str) -> FormRow:
    return FormRow({**GOOD, **changed}, line=line)


def problems_of(*rows: FormRow, headers: tuple[str, ...] = HEADERS) -> list[EntryProblem]:
    return list(check_rows(headers, rows).problems)


def test_check_rows_good_row_gives_typed_values() -> None:
    checked = check_rows(HEADERS, [row()])
    assert checked.problems == ()
    assert checked.columns["producer"] == "拍摄单位"
    assert checked.rows[0].values == {
        "code": "GS-2023-001",
        "title": "一碗面的标准",
        "category": Category.MICRO_VIDEO,
        "producer": "兰州测试制作有限公司",
        "completed_date": date(2023, 4, 18),
        "cqo_case": False,
        "media_file": "作品 一.mp4",
    }


def test_field_of_reads_chinese_english_and_combined_headers() -> None:
    assert [field_of(h) for h in ("作品编号", "code", "作品编号/code", "作品名称（title）")] == [
        "code",
        "code",
        "code",
        "title",
    ]
    assert field_of("创作单位") == field_of("制作单位") == "producer"
    assert field_of("作品类型") is None


def test_map_headers_reports_unknown_twice_and_missing_columns() -> None:
    columns, problems = map_headers(["作品编号", "作品类型", "创作单位", "拍摄单位", "序号"])
    assert columns == {"code": "作品编号", "producer": "创作单位"}
    assert [(p.line, p.column, p.key) for p in problems] == [
        (None, "作品类型", "entry_import.column_unknown"),
        (None, "拍摄单位", "entry_import.column_twice"),
        (None, "作品名称/title", "entry_import.column_missing"),
        (None, "作品类别/category", "entry_import.column_missing"),
    ]
    assert problems[1].params == {"other": "创作单位", "field": "拍摄单位/producer"}
    assert problems[0].params["ignored"] == "序号, no, no., 备注, note, notes, remarks"


def test_check_rows_collects_every_problem_with_line_column_and_value() -> None:
    rows = [
        row(2, 作品类别="短视频"),
        row(3, 作品编号="GS-2023-003", 完成时间="2023-13-45"),
        row(4, 作品编号="GS-2023-004", 首席质量官案例="也许"),
        row(5, 作品编号="GS-2023-005", 作品名称="长" * 200),
        row(6, 作品名称="编号重复"),
        row(7, 作品编号="GS-2023-007", 作品名称='=HYPERLINK("http://x")'),
        row(8, 作品编号="GS-2023-008", 作品名称=""),
        row(9, 作品编号="GS-2023-009", 视频文件="../secret.mp4"),
        row(10, 作品编号="GS-2023-010", 视频文件="/etc/passwd"),
    ]
    found = [(p.line, p.column, p.value, p.key, p.params) for p in problems_of(*rows)]
    assert found == [
        (2, "作品类别", "短视频", "entry_import.category_unknown",
         {"accepted": "微视频 / micro_video / 微动漫 / micro_animation"}),
        (3, "完成时间", "2023-13-45", "entry_import.date_invalid", {}),
        (4, "首席质量官案例", "也许", "entry_import.yes_no_invalid", {}),
        (5, "作品名称", "长" * 200, "entry_import.too_long",
         {"column": "作品名称", "chars": 200, "max_chars": 100}),
        (6, "作品编号", "GS-2023-001", "entry_import.code_repeated", {"first": 2}),
        (7, "作品名称", '=HYPERLINK("http://x")', "table.formula_cell",
         {"value": '=HYPERLINK("http://x")'}),
        (8, "作品名称", "", "entry_import.required", {"column": "作品名称"}),
        (9, "视频文件", "../secret.mp4", "entry_import.media_name_unsafe", {}),
        (10, "视频文件", "/etc/passwd", "entry_import.media_name_unsafe", {}),
    ]  # fmt: skip


def test_check_rows_keeps_only_rows_without_problems() -> None:
    checked = check_rows(HEADERS, [row(2), row(3, 作品类别="短视频", 作品编号="X-2")])
    assert [r.code for r in checked.rows] == ["GS-2023-001"]


def test_title_limit_is_100_characters_counted_without_spaces() -> None:
    at_limit = "题" * TITLE_MAX_CHARS + "   "
    assert problems_of(row(作品名称=at_limit)) == []
    assert [p.params for p in problems_of(row(作品名称="题" * 101))] == [
        {"column": "作品名称", "chars": 101, "max_chars": 100}
    ]


def test_code_with_a_space_is_refused() -> None:
    assert [(p.key, p.params) for p in problems_of(row(作品编号="GS 2023 001"))] == [
        ("entry_import.code_invalid", {"most": 40})
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-18", date(2023, 4, 18)),
        ("2023/4/8", date(2023, 4, 8)),
        ("2023.04.18", date(2023, 4, 18)),
        ("2023年4月18日", date(2023, 4, 18)),
        ("2023年4月18", date(2023, 4, 18)),
        ("2023-04-18 10:30:00", date(2023, 4, 18)),
        ("", None),
    ],
)
def test_parse_date_text_accepts_the_usual_forms(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize("text", ["2023-13-45", "2023-02-29", "2023-04", "18/04/2023", "昨天"])
def test_parse_date_text_refuses_what_is_no_day(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date_text(text)
    assert refused.value.key == "entry_import.date_invalid"


@pytest.mark.parametrize(
    ("word", "value"),
    [("是", True), ("否", False), ("yes", True), ("No", False), ("", False), ("已提交", True)],
)
def test_yes_no_words(word: str, value: bool) -> None:
    checked = check_rows(HEADERS, [row(首席质量官案例=word)])
    assert checked.rows[0].values["cqo_case"] is value


def test_formula_like_lets_a_phone_keep_its_country_code() -> None:
    assert formula_like("phone", "+86 138 0013 8000") is False
    assert formula_like("phone", "=1+1") is True
    assert formula_like("title", "+86") is True
    assert formula_like("title", "-1") is True
    assert formula_like("title", "质量") is False


@pytest.mark.parametrize(
    ("declared", "kept"),
    [
        ("作品 一.mp4", "作品 一.mp4"),
        ("微视频\\作品1.mp4", "微视频/作品1.mp4"),
        ("  D01.MP4 ", "D01.MP4"),
        ("cafe\u0301.mp4", "café.mp4"),  # NFD (macOS) → NFC
    ],
)
def test_safe_media_name_keeps_relative_names(declared: str, kept: str) -> None:
    assert safe_media_name(declared) == kept


@pytest.mark.parametrize(
    "declared",
    [
        "../secret.mp4",
        "videos/../../etc/passwd",
        "/etc/passwd",
        "\\\\server\\share\\a.mp4",
        "C:\\videos\\a.mp4",
        "a\x00b.mp4",
        "a\u202egnp.mp4",  # right-to-left override: a name that lies about its extension
        "./a.mp4",
        "videos//a.mp4",
    ],
)
def test_safe_media_name_refuses_paths_leaving_the_folder(declared: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        safe_media_name(declared)
    assert refused.value.key == "entry_import.media_name_unsafe"


def test_find_media_exact_then_case_then_subfolder() -> None:
    names = ["D01.mp4", "d02.MP4", "微视频/作品 一.mp4", "a/x.mp4", "b/x.mp4"]
    assert find_media("D01.mp4", names) == ["D01.mp4"]
    assert find_media("D02.mp4", names) == ["d02.MP4"]
    assert find_media("作品 一.mp4", names) == ["微视频/作品 一.mp4"]
    assert find_media("x.mp4", names) == ["a/x.mp4", "b/x.mp4"]  # ambiguous
    assert find_media("a/x.mp4", names) == ["a/x.mp4"]
    assert find_media("D03.mp4", names) == []


def _entry(**changed: object) -> Entry:
    base = Entry(
        id=7,
        campaign_id=1,
        code="GS-2023-001",
        title="一碗面的标准",
        category=Category.MICRO_VIDEO,
        producer="兰州测试制作有限公司",
        completed_date=date(2023, 4, 18),
        created_at=NOW,
        updated_at=NOW,
    )
    return replace(base, **changed)  # type: ignore[arg-type]


def test_build_entry_applies_values_and_changed_fields_lists_old_and_new() -> None:
    old = _entry()
    new = build_entry({"title": "新标题", "cqo_case": True}, campaign_id=1, now=NOW, existing=old)
    assert changed_fields(old, new) == {
        "title": ("一碗面的标准", "新标题"),
        "cqo_case": (False, True),
    }
    assert (new.id, new.created_at) == (7, NOW)


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"category": Category.MICRO_ANIMATION}, ("category",)),
        ({"media_file": "新.mp4", "media_sha256": None}, ("media_file",)),
        ({"media_sha256": "b" * 64}, ("media_file",)),
        (
            {"category": Category.MICRO_ANIMATION, "media_file": "新.mp4"},
            ("category", "media_file"),
        ),
        ({"title": "新标题", "producer": "另一单位"}, ()),
    ],
)
def test_work_changes_are_category_and_the_stored_video(
    changed: dict[str, object], expected: tuple[str, ...]
) -> None:
    old = _entry(media_file="旧.mp4", media_sha256="a" * 64)
    assert work_changes(old, changed_fields(old, replace(old, **changed))) == expected  # type: ignore[arg-type]


def test_giving_a_video_to_an_entry_without_one_changes_no_work() -> None:
    old = _entry(media_file="旧.mp4")  # declared, never stored
    assert work_changes(old, changed_fields(old, _entry(media_file="新.mp4"))) == ()


def test_build_entry_new_entry_takes_campaign_and_times() -> None:
    values = check_rows(HEADERS, [row()]).rows[0].values
    entry = build_entry(values, campaign_id=3, now=NOW, existing=None)
    assert (type(entry), entry.campaign_id, entry.created_at, entry.updated_at) == (
        NewEntry,
        3,
        NOW,
        NOW,
    )
    assert entry.media_file == "作品 一.mp4" and entry.media_sha256 is None


def test_entry_texts_read_back_as_the_same_entry() -> None:
    old = _entry(copyright_pledge=True, shot_date=date(2023, 3, 1), submitter_type="企业")
    texts = entry_texts(old)
    assert (texts["copyright_pledge"], texts["cqo_case"], texts["category"]) == (
        "已提交",
        "否",
        "微视频",
    )
    checked = check_rows(FORM_FIELDS, [FormRow(texts)])
    assert checked.problems == ()
    again = build_entry(checked.rows[0].values, campaign_id=1, now=NOW, existing=old)
    assert changed_fields(old, again) == {}


_PLAIN = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda s: not formula_like("title", s))
)


@given(title=_PLAIN.filter(bool), synopsis=_PLAIN, contact=_PLAIN)
def test_entry_texts_round_trip_any_plain_text(title: str, synopsis: str, contact: str) -> None:
    old = _entry(title=title, synopsis=synopsis, contact=contact)
    checked = check_rows(FORM_FIELDS, [FormRow(entry_texts(old))])
    assert checked.problems == ()
    again = build_entry(checked.rows[0].values, campaign_id=1, now=NOW, existing=old)
    assert changed_fields(old, again) == {}


def test_submitter_type_and_links_words() -> None:
    headers = (*HEADERS, "报送主体类型", "展播链接")
    good = row(报送主体类型="enterprise", 展播链接="douyin=https://d.cn/1；samr = https://s.cn/2")
    checked = check_rows(headers, [good])
    assert checked.rows[0].values["submitter_type"] == "企业"
    assert (
        checked.rows[0].values["platform_links"] == "douyin=https://d.cn/1; samr = https://s.cn/2"
    )
    bad = row(报送主体类型="公司", 展播链接="douyin=javascript:alert(1)")
    assert [(p.key, p.params) for p in problems_of(bad, headers=headers)] == [
        ("entry_import.submitter_type_unknown",
         {"accepted": "成员单位 / 企业 / 行业协会 / 市场监管部门 / 个人"}),
        ("entry_import.links_invalid", {"part": "douyin=javascript:alert(1)"}),
    ]  # fmt: skip
