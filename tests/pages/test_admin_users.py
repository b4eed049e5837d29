"""The Users page: a refused add keeps what was typed; a new judge is told to be assigned."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring.services import users
from scoring.services.campaigns.active import active_campaign
from scoring.services.judging.assignment import run_assignment
from tests.conftest import SHELL
from tests.pages.conftest import app_context, log_in


def users_page() -> AppTest:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    return at


def fill(at: AppTest, *, name: str, password: str, role: str = "judge") -> None:
    at.text_input(key="nu_name").input(name)
    at.text_input(key="nu_display").input("赵专家")
    at.text_input(key="nu_unit").input("兰州交通大学")
    at.selectbox(key="nu_role").set_value(role)
    at.text_input(key="nu_pw1").input(password)
    at.text_input(key="nu_pw2").input(password)
    next(b for b in at.button if b.label == "新增").click().run()


def test_refused_add_keeps_name_display_name_and_unit(app_env: Path) -> None:
    at = users_page()
    fill(at, name="expert8", password="short")
    assert at.error[0].value.startswith("密码太短")
    kept = [at.text_input(key=k).value for k in ("nu_name", "nu_display", "nu_unit")]
    assert kept == ["expert8", "赵专家", "兰州交通大学"]
    assert at.selectbox(key="nu_role").value == "judge"
    names = [u.username for u in users.list_users(app_context(app_env), actor=SHELL)]
    assert "expert8" not in names


def test_added_judge_clears_the_form_and_asks_for_an_assignment_run(app_env: Path) -> None:
    at = users_page()
    assert not at.warning  # every demo judge has entries
    fill(at, name="expert9", password="a-long-password")
    assert at.success[0].value == "已新增用户 expert9。"
    assert [at.text_input(key=k).value for k in ("nu_name", "nu_display", "nu_unit")] == [
        "",
        "",
        "",
    ]
    assert at.warning[0].value == (
        "1 位评委在当前征集中还没有分配到作品：赵专家（expert9），登录后看不到任何作品。"
        "请到“评审分配”页重新运行分配（已有评分的作品不会被移走）。"
    )
    link = at.get("page_link")[0]
    assert (link.proto.label, link.proto.page) == ("前往评审分配", "assignment")


def test_the_notice_goes_once_the_assignment_has_run(app_env: Path) -> None:
    at = users_page()
    fill(at, name="expert9", password="a-long-password")
    ctx = app_context(app_env)
    campaign = active_campaign(ctx)
    assert campaign is not None and campaign.id is not None
    run_assignment(ctx, actor=SHELL, campaign_id=campaign.id, seed=7)
    at.run()
    assert not at.warning
