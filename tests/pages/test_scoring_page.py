"""The judge's scoring page under AppTest (the player itself is covered in Chromium)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.enums import ScorecardStatus
from scoring.records.judging import Scorecard
from scoring.services.context import Actor
from scoring.services.judging import scorecards
from scoring.storage.scorecards import scorecard_for
from scoring.storage.users import list_users
from tests.pages.conftest import app_context, log_in
from tests.watching import video_sent

MARKS = (8.0, 7.5, 7.0, 9.0, 8.5, 6.0)


def _judge4(data: Path) -> Actor:
    ctx = app_context(data)
    return Actor.of(next(u for u in ctx.db.read(list_users) if u.username == "judge4"))


def test_page_opens_the_first_entry_not_yet_submitted(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    assert not at.exception
    assert at.title[0].value == "电梯安全守护者"  # GS-2023-002: judge4's first open entry
    assert [n.label for n in at.number_input] == [
        "生动活泼，观赏性强（权重 25）",
        "启发性、感染力（权重 20）",
        "不像广告推介、工作总结、呆板说教（权重 20）",
        "主题鲜明、导向正确，讲好质量故事（权重 15）",
        "画面清晰、制作精良（权重 10）",
        "原创首发（权重 10）",
    ]
    text = "\n".join(str(e.value) for e in at.text)
    assert "作品简介：跟随一名电梯检验员的一天，讲述特种设备安全背后的坚守。" in text
    assert "兰州市特种设备检验所" not in text  # blind mode: no producer


def test_a_changed_mark_is_saved_as_a_draft_at_once(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    at.number_input[0].set_value(7.5).run()
    judge = _judge4(app_env)
    card = app_context(app_env).db.read(lambda c: scorecard_for(c, judge.user_id or 0, 2))
    assert card is not None
    assert (card.status, card.marks) == (ScorecardStatus.DRAFT, {"lively": 7.5})


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def _progress(at: AppTest) -> str:
    return str(at.get("progress")[0].proto.text)


def _card(data: Path, entry_id: int = 2) -> Scorecard | None:
    judge = _judge4(data)
    return app_context(data).db.read(lambda c: scorecard_for(c, judge.user_id or 0, entry_id))


def test_submit_asks_for_a_confirmation_first(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    for box, value in zip(at.number_input, MARKS, strict=True):
        box.set_value(value).run()
    _click(at, "提交评分")
    assert "提交后，作品 GS-2023-002 的评分即锁定，您不能再修改；如需更改，须由工作人员退回。" in [
        m.value for m in at.markdown
    ]
    assert [(m.label, m.value) for m in at.metric] == [
        ("加权总分（0–10）", "7.70"),  # in the form
        ("加权总分（0–10）", "7.70"),  # in the confirmation
        ("已观看", "0%"),
    ]
    card = _card(app_env)
    assert card is not None and card.status is ScorecardStatus.DRAFT
    _click(at, "返回修改")
    assert [b.label for b in at.button if b.label == "确认提交"] == []
    assert not at.error


def test_submit_refused_until_watched_then_accepted(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    for box, value in zip(at.number_input, MARKS, strict=True):
        box.set_value(value).run()
    _click(at, "提交评分")
    _click(at, "确认提交")
    assert at.error[0].value == (
        "还不能提交：您已观看本作品的 0%，需至少观看 90%。请在播放器中看完未观看的部分。"
    )
    ctx = app_context(app_env)
    video_sent(ctx, _judge4(app_env), 2, opened_ago_s=60)
    scorecards.record_watching(ctx, actor=_judge4(app_env), entry_id=2, ranges=[[0, 15]])
    _click(at, "提交评分")
    _click(at, "确认提交")
    assert not at.error
    card = _card(app_env)
    assert card is not None and card.status is ScorecardStatus.SUBMITTED
    assert card.marks == dict(
        zip(
            ["lively", "inspiring", "not_advert", "theme", "clarity", "original"],
            MARKS,
            strict=True,
        )
    )


def test_a_refusal_goes_once_watching_moves_on(app_env: Path) -> None:
    # Reported: the red "您已观看本作品的 0%" stayed on screen after watching reached 100 %.
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    for box, value in zip(at.number_input, MARKS, strict=True):
        box.set_value(value).run()
    _click(at, "提交评分")
    _click(at, "确认提交")
    assert [e.value for e in at.error] == [
        "还不能提交：您已观看本作品的 0%，需至少观看 90%。请在播放器中看完未观看的部分。"
    ]
    video_sent(app_context(app_env), _judge4(app_env), 2, opened_ago_s=60)
    scorecards.record_watching(
        app_context(app_env), actor=_judge4(app_env), entry_id=2, ranges=[[0, 15]]
    )
    at.run()  # the player reporting progress
    assert (_progress(at), [e.value for e in at.error]) == ("已观看 100%（提交需至少 90%）", [])


def test_weighted_total_follows_the_marks_as_they_are_typed(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    assert at.metric[0].value == "—"
    assert "还有 6 项未打分" in [c.value for c in at.main.caption]
    for box, value in zip(at.number_input[:5], MARKS, strict=False):
        box.set_value(value).run()
    assert at.metric[0].value == "—"
    assert "还有 1 项未打分" in [c.value for c in at.main.caption]
    at.number_input[5].set_value(6.0).run()
    # (25·8 + 20·7.5 + 20·7 + 15·9 + 10·8.5 + 10·6) / 100, the ranking's formula
    assert (at.metric[0].label, at.metric[0].value) == ("加权总分（0–10）", "7.70")
    at.number_input[0].set_value(10.0).run()
    assert at.metric[0].value == "8.20"


def test_a_demo_draft_shows_a_share_and_gaps_that_agree(app_env: Path) -> None:
    # Reported: a demo draft said 40 % watched and listed 0:00–0:10 as not watched.
    at = log_in("judge5")  # draft on GS-2023-004 (0:10), first 4 s watched
    at.switch_page("pages/judge_score.py").run()
    assert at.title[0].value == "苹果里的质量密码"
    assert _progress(at) == "已观看 40%（提交需至少 90%）"
    assert "尚未观看的部分：0:04–0:10" in [c.value for c in at.caption]


def test_next_moves_through_the_queue(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    _click(at, "下一件")
    assert at.title[0].value == "计量让生活更公平"  # GS-2023-003, already submitted
    _click(at, "上一件")
    assert at.title[0].value == "电梯安全守护者"


def test_next_unscored_skips_submitted_entries(app_env: Path) -> None:
    at = log_in("judge4")  # has submitted the odd-numbered entries
    at.switch_page("pages/judge_score.py").run()
    _click(at, "下一件未评")
    assert at.title[0].value == "苹果里的质量密码"  # GS-2023-004, not GS-2023-003
    _click(at, "下一件")
    assert at.title[0].value == "老字号的新质量"  # GS-2023-005, submitted
    assert next(b for b in at.button if b.label == "下一件未评").proto.type == "primary"
    _click(at, "下一件未评")
    assert at.title[0].value == "渠水长流"  # GS-2023-006


def test_next_unscored_is_off_when_nothing_is_left(app_env: Path) -> None:
    at = log_in("judge1")  # has submitted everything
    at.switch_page("pages/judge_score.py").run()
    assert next(b for b in at.button if b.label == "下一件未评").disabled


def test_a_submitted_entry_is_read_only(app_env: Path) -> None:
    at = log_in("judge1")  # judge1 has submitted everything
    at.switch_page("pages/judge_score.py").run()
    assert at.success[0].value.startswith("您已于 ")
    assert all(n.disabled for n in at.number_input)
    assert [b.label for b in at.button if b.label in ("提交评分", "保存草稿")] == []


def test_a_mark_wiped_on_screen_by_a_racing_rerun_is_not_lost(app_env: Path) -> None:
    # Seen in the load bench: a rerun racing with typing left the first box empty and the
    # next autosave sent it as empty. Autosave now sends only the changed mark, and an
    # empty box is filled again from the stored card.
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    at.number_input[0].set_value(8.0).run()
    at.session_state["mark-2-lively"] = None  # the wipe
    at.run()
    assert at.number_input[0].value == 8.0
    at.number_input[1].set_value(7.5).run()
    ctx = app_context(app_env)
    card = ctx.db.read(lambda c: scorecard_for(c, _judge4(app_env).user_id or 0, 2))
    assert card is not None and card.marks == {"lively": 8.0, "inspiring": 7.5}


def test_an_emptied_box_gets_its_saved_mark_back(app_env: Path) -> None:
    # Under load the browser can redraw the form and report a box as empty with the next
    # change; an empty box therefore never blanks a saved mark (it is put back).
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    at.number_input[0].set_value(8.0).run()
    at.number_input[1].set_value(7.0).run()
    at.number_input[0].set_value(None).run()
    assert at.number_input[0].value == 8.0
    assert (
        at.toast[0].value == "已保存的分数不会被清空：此项仍为 8 分。如需修改，请直接输入新的分数。"
    )
    at.number_input[0].set_value(6.5).run()
    ctx = app_context(app_env)
    card = ctx.db.read(lambda c: scorecard_for(c, _judge4(app_env).user_id or 0, 2))
    assert card is not None and card.marks == {"lively": 6.5, "inspiring": 7.0}
    history = scorecards.scorecard_history(ctx, actor=_judge4(app_env), scorecard_id=card.id)
    assert [(h.field, h.old_value, h.new_value) for h in history] == [
        ("lively", None, "8.0"),
        ("inspiring", None, "7.0"),
        ("lively", "8.0", "6.5"),
    ]


def test_empty_boxes_are_never_overwritten_in_the_browser(app_env: Path) -> None:
    # Any value the server pushes into a box (``set_value``) replaces what the browser
    # shows; pushed into an empty box while a judge types, it wiped the typed mark (2 of
    # 43 cards in the load bench). Only stored marks are pushed, once, into empty boxes.
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    assert [n.proto.set_value for n in at.number_input] == [False] * 6
    at.number_input[1].set_value(7.5).run()
    at.run()
    assert [n.proto.set_value for n in at.number_input] == [False] * 6
    fresh = log_in("judge4")  # a new session on the same entry: the stored mark comes back
    fresh.switch_page("pages/judge_score.py").run()
    assert [n.value for n in fresh.number_input] == [None, 7.5, None, None, None, None]
    assert [n.proto.set_value for n in fresh.number_input] == [False, True, *[False] * 4]
    fresh.run()
    assert [n.proto.set_value for n in fresh.number_input] == [False] * 6
