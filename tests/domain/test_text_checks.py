"""Character counts, phone numbers, the intro's bracket, dates and .srt subtitles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.text_checks import (
    BracketCheck,
    Cue,
    check_intro_producer,
    classify_phone,
    compact,
    completed_date_problem,
    count_chars,
    find_crowded_lower_cues,
    find_short_gaps,
    format_srt_time,
    parse_srt,
    shot_after_completed,
)
from scoring.errors import InvalidInput

PRODUCER = "张掖文旅动漫工作室"
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40)
SPACES = st.text(alphabet=" \t\n\r\u3000\u00a0", min_size=1, max_size=5)


def srt(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def cue(number: int, start: str, end: str, *lines: str) -> str:
    return "\n".join([str(number), f"{start} --> {end}", *lines])


# --- characters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("质量 强国\n建设", 6),
        ("ＡＢＣ", 3),
        ("ABC", 3),
        ("👍", 1),
        ("❤️", 1),  # U+2764 + variation selector 16
        ("👨‍👩‍👧", 1),  # three people joined by ZWJ
        ("👍🏽", 1),  # skin-tone modifier
        ("🇨🇳", 1),  # two regional indicators make one flag
        ("🇨🇳🇺🇸", 2),
        ("e\u0301", 1),  # e + combining acute
        ("质\u3000量", 2),  # ideographic (full-width) space removed
        ("a\u200bb\ufeff", 2),  # zero-width space and BOM are invisible
        ("，。！？", 4),  # full-width punctuation counts
        ("", 0),
        (" \t\n", 0),
    ],
)
def test_count_chars_counts_what_a_reader_sees(text: str, expected: int) -> None:
    assert count_chars(text) == expected


PLAIN_RANGES = (
    (0x20, 0x7E),
    (0x3000, 0x3029),
    (0x3030, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF60),
)
PLAIN = [chr(c) for low, high in PLAIN_RANGES for c in range(low, high + 1)]


@given(st.lists(st.sampled_from(PLAIN)).map("".join))
def test_count_chars_fast_path_agrees_with_the_glyph_walk(text: str) -> None:
    # A zero-width space does not count and sends the text down the glyph-by-glyph walk.
    assert count_chars(text) == count_chars(text + "\u200b")


@given(CJK, SPACES, CJK)
def test_count_chars_ignores_any_whitespace_between_words(left: str, gap: str, right: str) -> None:
    assert count_chars(left + gap + right) == len(left) + len(right)


def test_compact_removes_every_kind_of_whitespace() -> None:
    assert compact(" 张掖\u3000文旅\n动漫\t") == "张掖文旅动漫"


# --- phone numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("13893100001", "mobile"),
        ("+86 138 9310 0001", "mobile"),
        ("+8613893100001", "mobile"),
        ("0086 13893100001", "mobile"),
        ("138-9310-0001", "mobile"),
        ("１３８９３１００００１", "mobile"),  # full-width digits
        ("19912345678", "mobile"),
        ("0931-8533511", "landline"),
        ("09318533511", "landline"),
        ("0931 8533511", "landline"),
        ("010-12345678", "landline"),
        ("0931-8533511-123", "landline"),
        ("０９３１－８５３３５１１", "landline"),  # full-width digits and hyphen
        ("+86 931 8533511", "landline"),  # the trunk 0 comes back
        (" 0931-8533511 ", "landline"),
    ],
)
def test_classify_phone_accepts_mobile_and_landline(text: str, kind: str) -> None:
    assert classify_phone(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "12345",
        "",
        "12893100001",  # mobile numbers start 13–19
        "1389310000",  # 10 digits
        "138931000012",  # 12 digits
        "8533511",  # landline without area code
        "0931-853351",  # 6-digit local number
        "0931-8533511-",
        "13893100001/0931-8533511",
        "电话13893100001",
        "+1 415 555 0100",
    ],
)
def test_classify_phone_refuses_malformed(text: str) -> None:
    assert classify_phone(text) is None


# --- intro bracket ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intro", "expected"),
    [
        (f"讲述质量故事。（{PRODUCER}）", BracketCheck("ok", PRODUCER)),
        (f"讲述质量故事。({PRODUCER})", BracketCheck("ok", PRODUCER)),
        ("讲述质量故事。（ 张掖 文旅动漫工作室 ）  ", BracketCheck("ok", "张掖 文旅动漫工作室")),
        ("讲述质量故事。(张掖文旅动漫工作室）", BracketCheck("ok", PRODUCER)),  # mixed widths
        ("讲述质量故事。（张掖文旅动漫）", BracketCheck("differs", "张掖文旅动漫")),
        ("讲述质量故事。（）", BracketCheck("differs", "")),
        ("讲述质量故事。", BracketCheck("missing")),
        (f"（{PRODUCER}）讲述质量故事。", BracketCheck("missing")),
        (f"讲述质量故事（{PRODUCER}）。", BracketCheck("missing")),  # text after the bracket
        ("讲述质量故事）", BracketCheck("missing")),  # no opening bracket
        ("", BracketCheck("missing")),
    ],
)
def test_check_intro_producer_reads_the_closing_bracket(intro: str, expected: BracketCheck) -> None:
    assert check_intro_producer(intro=intro, producer=PRODUCER) == expected


def test_check_intro_producer_reads_nested_brackets_whole() -> None:
    producer = "甘肃某某（集团）有限公司"
    assert check_intro_producer(intro=f"简介。（{producer}）", producer=producer) == BracketCheck(
        "ok", producer
    )


def test_check_intro_producer_compares_full_and_half_width_letters_alike() -> None:
    assert check_intro_producer(intro="简介。（ＡＢＣ传媒）", producer="ABC传媒").verdict == "ok"


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        (None, "missing"),
        (date(2019, 12, 31), "too_early"),
        (date(2020, 1, 1), None),
        (date(2023, 4, 30), None),
    ],
)
def test_completed_date_problem_at_the_2020_boundary(
    completed: date | None, expected: str | None
) -> None:
    assert completed_date_problem(completed, earliest=date(2020, 1, 1)) == expected


@pytest.mark.parametrize(
    ("shot", "completed", "expected"),
    [
        (date(2023, 4, 2), date(2023, 4, 1), True),
        (date(2023, 4, 1), date(2023, 4, 1), False),
        (date(2023, 3, 1), date(2023, 4, 1), False),
        (None, date(2023, 4, 1), False),
        (date(2023, 4, 2), None, False),
    ],
)
def test_shot_after_completed_only_when_both_known(
    shot: date | None, completed: date | None, expected: bool
) -> None:
    assert shot_after_completed(shot=shot, completed=completed) is expected


# --- subtitles --------------------------------------------------------------------------


def test_parse_srt_reads_numbers_times_and_lines() -> None:
    text = srt(
        cue(1, "00:00:01,000", "00:00:02,500", "第一行", "第二行"),
        cue(2, "00:01:02,040", "01:00:00,000", "<i>斜体</i>"),
    )

    cues = parse_srt(text)

    assert cues == [
        Cue(number=1, start_ms=1000, end_ms=2500, lines=("第一行", "第二行"), lower=False),
        Cue(number=2, start_ms=62040, end_ms=3600000, lines=("斜体",), lower=False),
    ]


def test_parse_srt_handles_bom_crlf_and_extra_blank_lines() -> None:
    text = (
        "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\n甲\r\n\r\n\r\n"
        "2\r\n00:00:03.5 --> 00:00:04,250\r\n乙\r\n"
    )

    cues = parse_srt(text)

    assert [(c.number, c.start_ms, c.end_ms, c.lines) for c in cues] == [
        (1, 1000, 2000, ("甲",)),
        (2, 3500, 4250, ("乙",)),
    ]


def test_parse_srt_marks_bottom_position_tags_as_lower_track() -> None:
    text = srt(
        cue(1, "00:00:00,000", "00:00:05,000", r"{\an8}标题"),
        cue(2, "00:00:00,000", "00:00:02,000", r"{\an2}同期声"),
        cue(3, "00:00:02,000", "00:00:04,000", "没有标记"),
    )

    cues = parse_srt(text)

    assert [(c.lower, c.position, c.lines) for c in cues] == [
        (False, 8, ("标题",)),
        (True, 2, ("同期声",)),
        (False, None, ("没有标记",)),
    ]


def test_parse_srt_lower_track_flag_marks_every_cue() -> None:
    text = srt(cue(1, "00:00:00,000", "00:00:01,000", "甲"))

    assert parse_srt(text, lower_track=True)[0].lower is True


def test_parse_srt_numbers_cues_that_lack_numbers() -> None:
    text = "00:00:00,000 --> 00:00:01,000\n甲\n\n00:00:02,000 --> 00:00:03,000\n乙\n"

    assert [c.number for c in parse_srt(text)] == [1, 2]


def test_parse_srt_refuses_a_bad_time_line_naming_it() -> None:
    text = srt(cue(1, "00:00:00,000", "00:00:01,000", "甲"), "2\n00:00:02 -> 00:00:03\n乙")

    with pytest.raises(InvalidInput) as caught:
        parse_srt(text)

    assert caught.value.key == "error.srt_invalid"
    assert caught.value.params == {"line": 6, "content": "00:00:02 -> 00:00:03"}


def test_parse_srt_refuses_a_cue_ending_before_it_starts() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_srt(srt(cue(1, "00:00:02,000", "00:00:01,000", "甲")))

    assert caught.value.params["line"] == 2


@pytest.mark.parametrize(
    ("second_start", "expected_gaps"),
    [
        ("00:00:01,400", [(1, 2, 400)]),
        ("00:00:01,499", [(1, 2, 499)]),
        ("00:00:01,500", []),
        ("00:00:01,000", []),  # touching
        ("00:00:00,900", []),  # overlapping
    ],
)
def test_find_short_gaps_flags_pauses_under_half_a_second(
    second_start: str, expected_gaps: list[tuple[int, int, int]]
) -> None:
    cues = parse_srt(
        srt(
            cue(1, "00:00:00,000", "00:00:01,000", "甲"),
            cue(2, second_start, "00:00:03,000", "乙"),
        )
    )

    gaps = find_short_gaps(cues, min_gap_ms=500)

    assert [(g.before, g.after, g.gap_ms) for g in gaps] == expected_gaps


def test_find_short_gaps_follows_a_raised_title_apart_from_the_bottom_line() -> None:
    cues = parse_srt(
        srt(
            cue(1, "00:00:00,000", "00:00:04,000", r"{\an8}标题"),
            cue(2, "00:00:00,000", "00:00:01,000", r"{\an2}甲"),
            cue(3, "00:00:01,200", "00:00:02,000", r"{\an2}乙"),
            cue(4, "00:00:04,300", "00:00:06,000", r"{\an8}标题二"),
        )
    )

    gaps = find_short_gaps(cues, min_gap_ms=500)

    assert [(g.before, g.after, g.end_ms, g.start_ms) for g in gaps] == [
        (2, 3, 1000, 1200),
        (1, 4, 4000, 4300),
    ]


def test_find_crowded_lower_cues_only_on_the_lower_track() -> None:
    cues = parse_srt(
        srt(
            cue(1, "00:00:00,000", "00:00:01,000", r"{\an8}标题第一行", "标题第二行"),
            cue(2, "00:00:01,000", "00:00:02,000", r"{\an2}同期声一行"),
            cue(3, "00:00:02,000", "00:00:03,000", r"{\an2}同期声", "第二行"),
        )
    )

    assert [c.number for c in find_crowded_lower_cues(cues)] == [3]


def test_format_srt_time_writes_hours_to_milliseconds() -> None:
    assert format_srt_time(3_723_004) == "01:02:03,004"
