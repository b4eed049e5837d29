"""Each page on real demo data, per role."""

from __future__ import annotations

from pathlib import Path

from scoring.services import users
from tests.conftest import SHELL
from tests.pages.conftest import app_context, log_in


def test_judge_queue_lists_assigned_entries_with_progress(app_env: Path) -> None:
    at = log_in("judge5")
    table = at.dataframe[0].value
    assert len(table) == 13  # 15 entries minus the two of judge5's own association
    assert "GS-2023-006" not in set(table["作品编号"])
    assert at.get("progress")[0].proto.text == "已提交 3 / 13，草稿 2"
    first = table.iloc[0].to_dict()
    assert first == {
        "作品编号": "GS-2023-001",
        "作品名称": "一碗牛肉面的标准",
        "作品类别": "微视频",
        "时长": "0:12",
        "画幅": "横屏",
        "状态": "已提交",
    }


def test_judge_queue_filters_by_state_and_category(app_env: Path) -> None:
    at = log_in("judge5")
    at.multiselect[0].set_value(["draft"]).run()
    assert list(at.dataframe[0].value["作品编号"]) == ["GS-2023-004", "GS-2023-005"]
    at.multiselect[0].set_value([]).run()
    at.multiselect[1].set_value(["micro_animation"]).run()
    assert len(at.dataframe[0].value) == 5


def test_blind_queue_shows_no_producer_or_recommender(app_env: Path) -> None:
    at = log_in("judge1")
    columns = set(at.dataframe[0].value.columns)
    assert columns.isdisjoint({"创作单位", "推荐单位", "报送单位", "联系人"})


def test_admin_adds_a_user_from_the_form(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    form = at.text_input
    form[0].input("Expert6")
    form[1].input("赵专家")
    form[2].input("兰州交通大学")
    form[3].input("a-long-password")
    form[4].input("a-long-password")
    next(b for b in at.button if b.label == "新增").click().run()
    assert at.success[0].value == "已新增用户 expert6。"
    by_name = {u.username: u for u in users.list_users(app_context(app_env), actor=SHELL)}
    assert (by_name["expert6"].display_name, by_name["expert6"].unit) == ("赵专家", "兰州交通大学")


def test_admin_form_refuses_mismatched_passwords_and_adds_nobody(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    at.text_input[0].input("expert7")
    at.text_input[3].input("a-long-password")
    at.text_input[4].input("another-password")
    next(b for b in at.button if b.label == "新增").click().run()
    assert at.error[0].value == "两次输入的密码不一致，请重新输入。"
    names = [u.username for u in users.list_users(app_context(app_env), actor=SHELL)]
    assert "expert7" not in names


def test_admin_disables_a_judge(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    at.selectbox(key="user_pick").set_value("judge4").run()
    next(b for b in at.button if b.label == "停用账户").click().run()
    by_name = {u.username: u for u in users.list_users(app_context(app_env), actor=SHELL)}
    assert by_name["judge4"].disabled is True
    assert "已停用" in list(at.dataframe[0].value["状态"])


def test_progress_page_shows_who_is_behind_and_reopens_a_card(app_env: Path) -> None:
    at = log_in("coord")
    at.switch_page("pages/coord_progress.py").run()
    assert at.title[0].value == "评审进度"
    assert at.metric[0].value == "52 / 73"
    behind = at.dataframe[0].value
    assert list(behind["用户名"]) == ["judge5", "judge4", "judge3", "judge2"]
    assert list(behind["未提交"]) == [10, 7, 3, 1]
    assert "GS-2023-014、GS-2023-015" in at.warning[0].value
    at.text_input[0].input("请复核原创首发一项")
    next(b for b in at.button if b.label == "退回给评委").click().run()
    assert at.success[0].value == "已将 马教授 对 GS-2023-001 的评分退回，评委可修改后重新提交。"
    assert at.metric[0].value == "51 / 73"
