"""Catalog texts in either language, how a message quotes what a user gave, and counts
written for readers of each language."""

from __future__ import annotations

import pytest

from scoring.errors import InvalidInput
from scoring.i18n import QUOTE_CHARS, count_text, quote_value, translate

SYNOPSIS = "动画讲述" * 1250  # 5 000 characters
START = SYNOPSIS[:QUOTE_CHARS]


def test_a_short_value_is_quoted_whole() -> None:
    assert quote_value("GS-2023-001") == "“GS-2023-001”"
    assert quote_value("x" * QUOTE_CHARS, "en", marks="") == "x" * 40


def test_a_long_value_shows_its_start_and_its_length() -> None:
    assert quote_value(SYNOPSIS) == f"“{START}……”（共 5000 字）"
    assert quote_value(SYNOPSIS, "en") == f"“{START}...” (5000 characters)"
    assert quote_value(SYNOPSIS, "en", marks="") == f"{START}... (5000 characters)"
    assert quote_value("y" * 41, "zh", marks="「」") == "「" + "y" * 40 + "……」（共 41 字）"


@pytest.mark.parametrize(
    ("lang", "reason", "expected"),
    [
        ("zh", "太长", f"第 3 行 · 列「作品简介」· 值「{START}……」（共 5000 字）：太长"),
        ("en", "long", f"Row 3 · column “作品简介” · value “{START}...” (5000 characters): long"),
    ],
)
def test_every_quoted_placeholder_of_a_message_is_shortened(
    lang: str, reason: str, expected: str
) -> None:
    params = {"line": 3, "column": "作品简介", "value": SYNOPSIS, "reason": reason}
    assert translate("entry_import.problem_line", lang, **params) == expected


def test_an_error_message_quotes_a_long_cell_shortened() -> None:
    error = InvalidInput("count.not_a_number", value="9" * 30 + "x" * 4970)
    assert error.message("en") == (
        "“" + "9" * 30 + "x" * 10 + "...” (5000 characters) is not a number."
        " Write it like 12345, 12,345, 1.2万 or 3亿."
    )


def test_file_names_and_unquoted_values_are_shown_whole() -> None:
    name = "2023年质量强国建设微视频作品登记表（兰州市市场监督管理局汇总，第二批修订版）.xlsx"
    assert name in translate("table.no_rows", "zh", file=name)
    assert translate("scorecard.fact_line", "en", field="f", value="v" * 50) == "f: " + "v" * 50


def test_braces_in_a_long_value_are_kept_as_text() -> None:
    value = "{x}" * 20
    assert translate("count.not_a_number", "en", value=value).startswith(
        "“" + value[:40] + "...” (60 characters) is not a number."
    )


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (12_345, "12,345", "12,345"),
        (99_999, "99,999", "99,999"),
        (100_000, "10万", "100,000"),
        (123_456, "12.3万", "123,456"),
        (740_247, "74万", "740,247"),
        (804_372, "80.4万", "804,372"),
        (99_999_999, "1亿", "99,999,999"),  # never "10000万"
        (250_000_000, "2.5亿", "250,000,000"),
    ],
)
def test_count_text_groups_digits_then_counts_in_wan_and_yi(value: int, zh: str, en: str) -> None:
    assert (count_text(value, "zh"), count_text(value, "en")) == (zh, en)


def test_exact_counts_keep_every_digit() -> None:
    assert count_text(804_372, "zh", exact=True) == "804,372"
