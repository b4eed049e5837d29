"""Counts written for readers of each language."""

from __future__ import annotations

import pytest

from scoring.i18n import count_text


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
