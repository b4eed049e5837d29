"""A paper score sheet's headers and cells on their own: headers in both languages, the
columns a sheet may not have, the 已提交 words and the half-point grid of a mark."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.domain.paper_cells import map_score_headers, parse_mark_text, parse_submitted
from scoring.errors import InvalidInput
from tests.domain.test_paper import CRITERIA, HEADERS


def test_chinese_headers_map_to_the_same_fields() -> None:
    headers = [
        "序号",
        "评委",
        "作品编号/code",
        "生动活泼,观赏性强",  # an ASCII comma where the rubric has a full-width one
        "启发性、感染力（20分）",
        "不像广告推介、工作总结、呆板说教",
        "主题鲜明、导向正确，讲好质量故事",
        "Clear picture, well made",
        "原创首发",
        "评语",
        "已提交",
        "总分",
    ]
    assert map_score_headers(headers, CRITERIA) == {
        "judge": "评委",
        "code": "作品编号/code",
        "lively": "生动活泼,观赏性强",
        "inspiring": "启发性、感染力（20分）",
        "not_advert": "不像广告推介、工作总结、呆板说教",
        "theme": "主题鲜明、导向正确，讲好质量故事",
        "clarity": "Clear picture, well made",
        "original": "原创首发",
        "comment": "评语",
        "submitted": "已提交",
    }


def test_unknown_and_doubled_columns_refuse_the_sheet() -> None:
    with pytest.raises(InvalidInput) as unknown:
        map_score_headers([*HEADERS, "创意"], CRITERIA)
    assert unknown.value.params["columns"] == "创意"
    assert unknown.value.params["ignored"] == "序号, no, 作品名称, title, 总分, 合计, total, 签名"
    with pytest.raises(InvalidInput) as doubled:
        map_score_headers([*HEADERS, "评委"], CRITERIA)
    assert doubled.value.message("zh") == (
        "评分表中有几列表示同一项：judge, 评委。请只保留其中一列。"
    )


@pytest.mark.parametrize(
    ("text", "expected"), [("是", True), ("yes", True), ("1", True), ("否", False), ("", False)]
)
def test_submitted_words(text: str, expected: bool) -> None:
    assert parse_submitted(text) is expected


@given(st.integers(min_value=-8, max_value=48))
def test_a_mark_is_accepted_exactly_on_the_half_point_grid(quarters: int) -> None:
    value = quarters / 4
    on_grid = 0 <= value <= 10 and quarters % 2 == 0
    try:
        parsed = parse_mark_text(str(value), criterion="lively")
    except InvalidInput:
        assert not on_grid
    else:
        assert on_grid and parsed == value
