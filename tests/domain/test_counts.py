"""Counts as people type them (scoring.domain.counts)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.counts import parse_count
from scoring.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12345", 12345),
        ("12,345", 12345),
        ("12 345", 12345),
        ("1,234,567", 1234567),
        ("１２３４５", 12345),
        ("１２，３４５", 12345),
        ("1.2万", 12000),
        ("１．２万", 12000),
        ("1.2345万", 12345),
        ("3亿", 300000000),
        ("1.5千", 1500),
        ("1.2w", 12000),
        ("1.2W", 12000),
        ("12k", 12000),
        ("1.2 万", 12000),
        ("1.2万次", 12000),
        ("12345.0", 12345),
        (" 0 ", 0),
        ("-0", 0),
    ],
)
def test_count_forms_parsed(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("-5", "count.negative"),
        ("−5", "count.negative"),  # U+2212 minus sign
        ("-1.2万", "count.negative"),
        ("12.5", "count.fractional"),
        ("1.23456万", "count.fractional"),
        ("abc", "count.not_a_number"),
        ("+5", "count.not_a_number"),
        ("万", "count.not_a_number"),
        ("1e5", "count.not_a_number"),
        ("", "count.empty"),
        ("   ", "count.empty"),
        ("1.2万万", "count.double_unit"),
        ("1千万", "count.double_unit"),
        ("10万+", "count.imprecise"),
        ("约1.2万", "count.imprecise"),
        ("1万多", "count.imprecise"),
        ("1,5", "count.bad_separator"),
        ("12,34,5", "count.bad_separator"),
        ("1.2.3", "count.bad_separator"),
        ("9" * 19, "count.too_large"),
    ],
)
def test_count_errors_have_their_own_keys(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_count(text)
    assert caught.value.key == key


def test_fractional_count_reports_the_amount_after_the_unit() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_count("1.23456万")
    assert caught.value.params == {"value": "1.23456万", "amount": "12345.6"}


def test_largest_bigint_count_accepted() -> None:
    assert parse_count(str(2**63 - 1)) == 2**63 - 1


@given(st.integers(min_value=0, max_value=10**15))
def test_count_round_trips_through_every_written_form(n: int) -> None:
    full_width = f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    in_wan = format(Decimal(n).scaleb(-4), "f") + "万"
    assert [parse_count(t) for t in (str(n), f"{n:,}", full_width, in_wan)] == [n] * 4
