"""Codes that a spreadsheet opening a CSV would show as numbers or dates."""

from __future__ import annotations

import pytest

from scoring.domain.spreadsheet_codes import changed_by_spreadsheets


@pytest.mark.parametrize(
    "code", ["007", "0012", "1E3", "1e-5", "1.50", "12.5", "3-4", "2023/5/1", "1234567890123456"]
)
def test_codes_a_spreadsheet_changes(code: str) -> None:
    assert changed_by_spreadsheets(code)


@pytest.mark.parametrize("code", ["GS-2023-001", "12", "0", "A1", "E3", "123456789012345", "甲1"])
def test_codes_that_survive(code: str) -> None:
    assert not changed_by_spreadsheets(code)
