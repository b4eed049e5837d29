"""The paper score-sheet page (coordinator) and the rubric page (admin) under AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import scorecard_for
from tests.pages.conftest import app_context, log_in, texts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scores"


def open_page(user: str, page: str) -> AppTest:
    at = log_in(user)
    at.switch_page(f"pages/{page}").run()
    assert not at.exception
    return at


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_coordinator_enters_one_sheet_for_a_judge(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    assert at.title[0].value == "纸质评分录入"
    at.selectbox(key="paper_judge").set_value(6).run()  # judge4 (何老师)
    at.selectbox[1].set_value(14).run()  # GS-2023-014: no card yet
    for box, mark in zip(at.number_input, [8, 7.5, 7, 9, 8.5, 6], strict=True):
        box.set_value(mark)
    at.text_area[0].set_value("节奏明快")
    at.toggle[0].set_value(True)
    button(at, "保存这张评分表").click().run()
    assert at.success[0].value == "已保存 何老师（judge4） 对 GS-2023-014 的纸质评分。"
    card = app_context(app_env).db.read(lambda c: scorecard_for(c, 6, 14))
    assert (card.source, card.status, card.entered_by) == (
        ScorecardSource.PAPER,
        ScorecardStatus.SUBMITTED,
        2,
    )
    assert card.marks["inspiring"] == 7.5 and card.comment == "节奏明快"


def test_a_submitted_card_cannot_be_entered_again(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    at.selectbox(key="paper_judge").set_value(3).run()  # judge1 submitted every entry
    assert at.info[0].value == (
        "该评委对这件作品的评分已提交（网页评分），已锁定，不能再录入。"
        "如需更改，请先在“评审进度”页退回这份评分（须填写原因）。"
    )
    assert button(at, "保存这张评分表").disabled


def test_a_locked_card_shows_its_marks_read_only(app_env: Path) -> None:
    # Reported: a locked card's marks looked editable; only the save button was disabled.
    at = open_page("coord", "coord_paper.py")
    at.selectbox(key="paper_judge").set_value(3).run()  # judge1: GS-2023-001, submitted
    assert [n.disabled for n in at.number_input] == [True] * 6
    stored = app_context(app_env).db.read(lambda c: scorecard_for(c, 3, 1))
    assert stored is not None
    assert [n.value for n in at.number_input] == list(stored.marks.values())
    assert list(stored.marks.values()) == [7.5, 6.5, 5.5, 5.5, 6.5, 6.0]
    assert (at.text_area[0].disabled, at.text_area[0].value) == (True, "节奏明快，主题清楚。")
    assert (at.toggle[0].disabled, at.toggle[0].value) == (True, True)


def test_an_open_card_stays_editable(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    at.selectbox(key="paper_judge").set_value(6).run()  # judge4
    at.selectbox[1].set_value(14).run()  # GS-2023-014: no card yet
    assert [n.disabled for n in at.number_input] == [False] * 6
    assert (at.text_area[0].disabled, at.toggle[0].disabled, at.toggle[0].value) == (
        False,
        False,
        False,
    )


def test_submitting_with_missing_marks_shows_which(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    at.selectbox(key="paper_judge").set_value(6).run()
    at.selectbox[1].set_value(14).run()
    at.number_input[0].set_value(8)
    at.toggle[0].set_value(True)
    button(at, "保存这张评分表").click().run()
    assert at.error[0].value.startswith("还不能提交：以下评分项尚未打分：启发性、感染力（")
    assert app_context(app_env).db.read(lambda c: scorecard_for(c, 6, 14)) is None


def test_upload_lists_every_problem_and_cannot_be_confirmed(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    data = (FIXTURES / "errors.csv").read_bytes()
    at.get("file_uploader")[0].set_value(("errors.csv", data, "text/csv")).run()
    assert [m.value for m in at.metric] == ["12", "1", "0", "0", "1", "11"]
    assert at.error[0].value == (
        "未写入任何数据：11 行有问题（见下）。请对照纸质评分表改正这些行后重新导入。"
    )
    problems = at.table[0].value
    assert list(problems["行"]) == [str(n) for n in range(3, 14)]
    assert list(problems["列"])[:3] == ["judge", "code", "code"]
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-010"]
    assert button(at, "确认导入").disabled


def test_upload_previews_rows_then_imports_on_confirm(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    data = (FIXTURES / "good_zh.xlsx").read_bytes()
    at.get("file_uploader")[0].set_value(("纸质评分.xlsx", data, "application/octet-stream"))
    at.run()
    preview = at.dataframe[0].value
    assert list(preview["评委"]) == ["judge4", "judge4", "judge5"]
    assert list(preview["导入后"]) == ["新建", "新建", "更新"]
    assert list(preview["已提交"]) == ["是", "否", "否"]
    assert app_context(app_env).db.read(lambda c: scorecard_for(c, 6, 14)) is None
    button(at, "确认导入").click().run()
    assert [m.value for m in at.success] == ["已导入纸质评分“纸质评分.xlsx”。"]
    assert ALREADY not in texts(at)
    assert at.get("file_uploader")[0].value is None  # a fresh, empty picker
    assert [b.label for b in at.button].count("确认导入") == 0
    card = app_context(app_env).db.read(lambda c: scorecard_for(c, 6, 14))
    assert card is not None and card.source is ScorecardSource.PAPER


ALREADY = "内容完全相同的文件（“纸质评分.xlsx”）已经导入过，再次导入不会改动任何数据。"


def test_after_an_import_a_later_run_says_nothing_until_a_file_is_chosen(app_env: Path) -> None:
    at = open_page("coord", "coord_paper.py")
    data = (FIXTURES / "good_zh.xlsx").read_bytes()
    at.get("file_uploader")[0].set_value(("纸质评分.xlsx", data, "application/octet-stream"))
    at.run()
    button(at, "确认导入").click().run()
    at.run()
    assert len(at.success) == 0
    assert ALREADY not in texts(at)
    assert [m.value for m in at.metric] == []
    at.radio[0].set_value("en").run()  # any widget's change reruns the page
    assert not at.exception
    assert (len(at.success), len(at.metric)) == (0, 0)
    assert [i.value for i in at.info if "imported before" in i.value] == []
    at.radio[0].set_value("zh").run()
    at.get("file_uploader")[0].set_value(("纸质评分.xlsx", data, "application/octet-stream"))
    at.run()  # the same file chosen again: now it is the moment to say so
    assert [m.value for m in at.info if m.value == ALREADY] == [ALREADY]
    assert button(at, "确认导入").disabled


def test_judges_cannot_reach_the_paper_page(app_env: Path) -> None:
    at = log_in("judge1")
    with pytest.raises(ValueError):
        at.switch_page("pages/coord_paper.py")


def test_rubric_page_says_it_is_frozen_and_why(app_env: Path) -> None:
    at = open_page("admin", "admin_rubric.py")
    assert at.title[0].value == "评分标准"
    warning = at.warning[0].value
    assert warning.startswith("评分标准已冻结：第一份评分已于 ")
    assert "（评委 judge1，作品 GS-2023-001），目前共有 52 份已提交的评分。" in warning
    assert "冻结是为了让所有评分都按同一标准打出、可以相互比较" in warning
    assert all(box.disabled for box in at.text_input)
    assert button(at, "保存评分标准").disabled


def rubric_page_without_submissions(data_dir: Path) -> AppTest:
    """The rubric page after every submitted card went back to draft (the app opens the
    data first, so the test shares its context rather than making one of its own)."""
    at = open_page("admin", "admin_rubric.py")
    app_context(data_dir).db.write(
        lambda cur: cur.execute("UPDATE scorecards SET status = 'draft', submitted_at = NULL")
    )
    at.run()
    return at


def test_rubric_page_saves_new_weights_before_any_submission(app_env: Path) -> None:
    at = rubric_page_without_submissions(app_env)
    assert at.main.caption[-1].value.startswith("可修改各评分项的名称、说明和权重")
    at.number_input(key="rb-w-lively").set_value(30.0)
    at.text_input(key="rb-ne-clarity").set_value("Sharp and well made")
    button(at, "保存评分标准").click().run()
    assert at.success[0].value == "评分标准已保存。"
    stored = {c.key: c for c in app_context(app_env).db.read(lambda c: list_criteria(c, 1))}
    assert (stored["lively"].weight, stored["clarity"].name_en) == (30.0, "Sharp and well made")


def test_rubric_page_refuses_a_zero_weight(app_env: Path) -> None:
    at = rubric_page_without_submissions(app_env)
    at.number_input(key="rb-w-theme").set_value(0.0)
    button(at, "保存评分标准").click().run()
    assert at.error[0].value == (
        "评分项“theme”的权重 0.0 不大于 0，未保存。权重为 0 或负数会让该项不计分或倒扣分，"
        "请填写大于 0 的数字（如 10、15、25）。"
    )
    stored = app_context(app_env).db.read(lambda c: list_criteria(c, 1))
    assert [c.weight for c in stored if c.key == "theme"] == [15.0]


def test_coordinators_cannot_reach_the_rubric_page(app_env: Path) -> None:
    at = log_in("coord")
    with pytest.raises(ValueError):
        at.switch_page("pages/admin_rubric.py")
