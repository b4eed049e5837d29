"""Which cells a spreadsheet would run as formulas, full-width forms included (SPEC §7)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.formulas import formula_like, guard_cell

ASCII = ["=1+2", "+86", "-5", "@SUM(A1)", "\tx", "\rx"]
# Full-width and small forms an input method types; NFKC folds each into its ASCII twin.
WIDE = ["＝1+2", "＋86", "－5", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x", "⩵x"]


@pytest.mark.parametrize("text", ASCII + WIDE)
def test_formula_like_prefixes_detected(text: str) -> None:
    assert formula_like(text)
    assert guard_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "abc", "12", "'=1", "'＝1", " =1", "a=b", "a＝b", "（=）"])
def test_plain_text_not_formula_like(text: str) -> None:
    assert not formula_like(text)
    assert guard_cell(text) == text


@given(st.text())
def test_guarded_cell_never_formula_like(text: str) -> None:
    assert not formula_like(guard_cell(text))
