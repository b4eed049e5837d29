"""Empty cells as a person reads them (pages/panels/cells.py), in every table helper: no
Streamlit "None", "nan" or "NaT", numbers still written as their column says."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages.panels.cells import readable
from tests.pages.conftest import explain_first_row, open_ranking


def test_gaps_among_numbers_show_a_dash_and_the_numbers_their_format() -> None:
    expert = st.column_config.NumberColumn(help="专家分", format="%.2f", width=80)
    views = st.column_config.NumberColumn(format="localized")
    rows, columns = readable(
        [
            {"名次": 1, "专家分": 92.125, "播放量": 108483, "单位": "兰州"},
            {"名次": None, "专家分": float("nan"), "播放量": None, "单位": None},
        ],
        {"专家分": expert, "播放量": views},
    )
    assert rows == [
        {"名次": "1", "专家分": "92.12", "播放量": "108,483", "单位": "兰州"},
        {"名次": "—", "专家分": "—", "播放量": "—", "单位": ""},
    ]
    assert columns is not None
    assert columns["专家分"]["help"] == "专家分" and columns["专家分"]["width"] == 80
    assert columns["专家分"]["type_config"]["type"] == "text"
    assert columns["专家分"]["alignment"] == "right"
    assert columns["名次"]["alignment"] == "right"
    assert "单位" not in columns  # words keep their settings


def test_words_among_ranks_and_missing_times() -> None:
    when = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows, _ = readable(
        [
            {"名次": 1, "时间": when},
            {"名次": "未排名", "时间": pd.NaT},
            {"名次": 2},  # a row without the column
        ]
    )
    assert [r["名次"] for r in rows] == ["1", "未排名", "2"]
    assert [r["时间"] for r in rows] == [str(when), "—", "—"]


def test_complete_columns_are_left_as_they_are() -> None:
    score = st.column_config.NumberColumn(format="%.2f")
    given = [{"名次": 1, "综合分": 83.41, "作品": "a"}, {"名次": 2, "综合分": 78.0, "作品": "b"}]
    rows, columns = readable(given, {"综合分": score})
    assert rows == given
    assert columns == {"综合分": score}


def _tables_script() -> None:
    from pages.panels.tables import sentence_table, show_table

    rows = [{"名次": 1, "专家分": 92.125, "原因": "已排名"}, {"名次": None, "专家分": None}]
    import streamlit as st

    show_table(rows, columns={"专家分": st.column_config.NumberColumn(format="%.2f")})
    sentence_table(rows)


def test_every_table_helper_draws_gaps_as_a_person_reads_them() -> None:
    at = AppTest.from_function(_tables_script).run()
    assert not at.exception
    drawn = at.dataframe[0].value
    assert list(drawn["名次"]) == ["1", "—"]
    assert list(drawn["专家分"]) == ["92.12", "—"]
    assert list(drawn["原因"]) == ["已排名", ""]
    static = at.table[0].value
    assert list(static["名次"]) == ["1", "—"]
    assert list(static["原因"]) == ["已排名", ""]


def test_the_explanation_writes_totals_and_z_scores_with_three_decimals(app_env: Path) -> None:
    at = open_ranking(app_env)
    explain_first_row(at, app_env)
    assert at.table[0].value.to_dict("list") == {
        "评委": ["马教授", "林主任", "周研究员", "石秘书长"],
        "加权总分 T（0–10）": ["9.075", "9.300", "8.375", "8.000"],  # not 9.3000
        "标准分 z": ["1.932", "1.332", "1.590", "0.824"],
    }


def _ranks_script() -> None:
    from pages.panels.ranking import rank_cell
    from pages.panels.tables import show_table
    from scoring.domain.ranking import RankedEntry
    from scoring.enums import Category, RankStatus

    def entry(rank: int | None, final: float | None) -> RankedEntry:
        status = RankStatus.RANKED if rank else RankStatus.INCOMPLETE
        return RankedEntry(
            entry_id=rank or 0, code=f"GS-{rank}", category=Category.MICRO_VIDEO, status=status,
            rank=rank, expert=final, audience=final, final=final, judges=3, views=10,
            expert_raw=final, judge_totals={}, in_top=False,
        )  # fmt: skip

    show_table([{"rank": rank_cell(e), "F": e.final} for e in (entry(1, 83.41), entry(None, None))])


def test_an_unranked_entry_says_so_in_both_languages() -> None:
    for language, word in (("zh", "未排名"), ("en", "Not ranked")):
        at = AppTest.from_function(_ranks_script)
        at.session_state["language"] = language
        at.run()
        assert not at.exception
        assert at.dataframe[0].value.to_dict("list") == {"rank": ["1", word], "F": ["83.41", "—"]}
