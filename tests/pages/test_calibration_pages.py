"""The calibration round (试评) under AppTest: the judge's queue and page, the coordinators'
page; on the demo, whose open round has two clips and judge3 has scored only the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.enums import ScorecardStatus
from scoring.services.context import Actor
from scoring.services.judging.calibration_cards import record_clip_watching
from scoring.storage import calibration as store
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.scorecards import count_submitted_scorecards
from scoring.storage.users import list_users
from tests.pages.conftest import app_context, log_in, texts
from tests.watching import clip_sent

MARKS = (8.0, 7.5, 7.0, 9.0, 8.5, 6.0)
MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _judge3(data: Path) -> Actor:
    return Actor.of(
        next(u for u in app_context(data).db.read(list_users) if u.username == "judge3")
    )


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def test_the_queue_starts_with_the_clips_still_to_score(app_env: Path) -> None:
    at = log_in("judge3")
    assert not at.exception
    assert at.subheader[0].value == "试评（请先完成）"
    clips = at.dataframe[0].value
    assert clips.to_dict("records") == [
        {"试评样片": "试评样片 1", "时长": "0:10", "画幅": "横屏", "状态": "已提交"},
        {"试评样片": "试评样片 2", "时长": "0:08", "画幅": "竖屏", "状态": "未开始"},
    ]
    assert list(at.dataframe[1].value["作品编号"])[:2] == ["GS-2023-001", "GS-2023-002"]
    assert "往届" not in texts(at)  # the staff's titles never reach a judge


def test_a_judge_who_has_scored_every_clip_sees_one_line(app_env: Path) -> None:
    at = log_in("judge1")
    assert "您已完成全部 2 个试评样片的评分。" in [c.value for c in at.caption]
    assert [s.value for s in at.subheader] == []
    assert len(at.dataframe) == 1


def test_the_judge_scores_the_open_clip_on_the_same_rubric(app_env: Path) -> None:
    at = log_in("judge3")
    at.switch_page("pages/judge_calibration.py").run()
    assert not at.exception
    assert (at.title[0].value, at.subheader[0].value) == ("试评", "试评样片 2")
    assert at.radio[0].options == ["试评样片 1", "试评样片 2"]
    assert "试评样片 1：已提交；试评样片 2：未开始" in [c.value for c in at.caption]
    assert [n.label for n in at.number_input][:2] == [
        "生动活泼，观赏性强（权重 25）",
        "启发性、感染力（权重 20）",
    ]
    assert "往届" not in texts(at) and "C02" not in texts(at)
    at.number_input[0].set_value(7.5).run()
    ctx = app_context(app_env)
    judge = _judge3(app_env)
    card = ctx.db.read(lambda c: store.card_for(c, judge.user_id or 0, 2))
    assert card is not None and (card.status, card.marks) == (
        ScorecardStatus.DRAFT,
        {"lively": 7.5},
    )


def test_submitting_a_clip_asks_first_and_leaves_the_scorecards_alone(app_env: Path) -> None:
    ctx = app_context(app_env)
    before = ctx.db.read(lambda c: count_submitted_scorecards(c, 1))
    at = log_in("judge3")
    at.switch_page("pages/judge_calibration.py").run()
    for box, value in zip(at.number_input, MARKS, strict=True):
        box.set_value(value).run()
    clip_sent(ctx, _judge3(app_env), 2, opened_ago_s=60)  # what the media route notes
    record_clip_watching(ctx, actor=_judge3(app_env), clip_id=2, ranges=[[0, 8]])
    _click(at, "提交评分")
    assert "提交后，试评样片 2 的评分即锁定，不能再修改。试评评分不计入排名。" in [
        m.value for m in at.markdown
    ]
    _click(at, "确认提交")
    assert not at.error
    card = ctx.db.read(lambda c: store.card_for(c, _judge3(app_env).user_id or 0, 2))
    assert card is not None and card.status is ScorecardStatus.SUBMITTED
    assert ctx.db.read(lambda c: count_submitted_scorecards(c, 1)) == before
    assert at.success[0].value.startswith("您已于 ")
    at.switch_page("pages/judge_queue.py").run()
    assert "您已完成全部 2 个试评样片的评分。" in [c.value for c in at.caption]


def test_coordinators_see_totals_median_and_spread(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_calibration.py").run()
    assert not at.exception
    assert at.title[0].value == "试评"
    assert "**试评状态：** 进行中" in [m.value for m in at.markdown]
    clips = at.dataframe[0].value
    assert list(clips["样片名称（仅工作人员可见）"]) == [
        "往届优秀作品（横屏）",
        "往届入围作品（竖屏）",
    ]
    assert list(clips["已提交"]) == ["5 / 5", "4 / 5"]
    spreads = at.dataframe[1].value
    assert list(spreads.columns) == ["试评样片", "已提交", "中位数", "最低", "最高", "极差"]
    assert list(spreads["已提交"]) == ["5 / 5", "4 / 5"]
    judges = at.dataframe[2].value
    assert list(judges["用户名"]) == ["judge1", "judge2", "judge3", "judge4", "judge5"]
    row = judges[judges["用户名"] == "judge3"].iloc[0]
    assert row["试评样片 2"] == "未开始" and row["试评样片 1"].count(".") == 1
    assert len(at.get("plotly_chart")) == 1


def test_the_note_and_closing_are_audited_and_reach_the_judges(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_calibration.py").run()
    at.text_area(key="calibration_note").input("7 分为中档；“画面清晰”一项不看创意").run()
    _click(at, "保存讨论记录")
    assert at.success[0].value == "讨论记录已保存。"
    _click(at, "结束试评")
    assert at.success[0].value == "试评已结束。"
    assert "**试评状态：** 已结束" in [m.value for m in at.markdown]
    logged = app_context(app_env).db.read(lambda c: list_events(c, AuditFilter()))
    assert [e.action for e in logged[:2]] == ["calibration.close", "calibration.note"]
    judge = log_in("judge3")
    assert "试评（请先完成）" not in texts(judge)  # closed: the clips leave the queue
    judge.switch_page("pages/judge_calibration.py").run()
    assert judge.info[0].value.startswith("试评已于 ")
    assert "评审组讨论记录：7 分为中档；“画面清晰”一项不看创意" in [t.value for t in judge.text]
    assert all(n.disabled for n in judge.number_input)


@pytest.mark.parametrize(
    ("user", "page"),
    [("judge1", "pages/coord_calibration.py"), ("coord", "pages/judge_calibration.py")],
)
def test_each_side_stays_with_its_role(app_env: Path, user: str, page: str) -> None:
    at = log_in(user)
    with pytest.raises(ValueError):
        at.switch_page(page)


def test_a_third_clip_is_uploaded_and_only_an_unscored_one_can_go(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_calibration.py").run()
    clip = (MEDIA / "square_1080.mp4").read_bytes()
    at.file_uploader(key="calibration_video").set_value(("样片.mp4", clip, "video/mp4"))
    at.text_input(key="calibration_title").input("方形样片")
    _click(at, "添加样片")
    assert at.success[0].value == "已添加试评样片 3。"
    assert list(at.dataframe[0].value["样片名称（仅工作人员可见）"])[2] == "方形样片"
    assert len(at.file_uploader) == 0  # three clips: the round takes no more
    assert at.selectbox[0].options == ["试评样片 3"]  # the two the judges have scored stay
    _click(at, "删除样片")
    assert at.success[0].value == "已删除试评样片 3。"
    assert len(at.selectbox) == 0 and len(at.file_uploader) == 1
