"""The app shell under AppTest: login per role, role-bound navigation, language, sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.services import users
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import SHELL
from tests.pages.conftest import app_context, fresh_app, log_in, texts

ROLE_PAGES = {
    "judge1": ("我的评审作品", "pages/judge_queue.py"),
    "coord": ("作品列表", "pages/coord_entries.py"),
    "admin": ("作品列表", "pages/coord_entries.py"),
}
FOREIGN = {
    "judge1": ["pages/coord_entries.py", "pages/admin_users.py", "pages/admin_audit.py"],
    "coord": ["pages/judge_queue.py", "pages/admin_users.py", "pages/admin_audit.py"],
    "admin": ["pages/judge_queue.py"],
}


def test_login_page_in_chinese_with_demo_accounts(app_env: Path) -> None:
    at = fresh_app()
    assert at.title[0].value == "微视频作品评审台"
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert "这是演示数据库" in texts(at)
    table = at.table[0].value
    assert list(table["用户名"]) == [
        "admin",
        "coord",
        "judge1",
        "judge2",
        "judge3",
        "judge4",
        "judge5",
        "unit1",
        "unit2",
    ]


@pytest.mark.parametrize("username", ["judge1", "coord", "admin"])
def test_each_role_lands_on_its_first_page(app_env: Path, username: str) -> None:
    at = log_in(username)
    heading, _ = ROLE_PAGES[username]
    assert not at.exception
    assert at.title[0].value == heading


@pytest.mark.parametrize("username", ["judge1", "coord", "admin"])
def test_other_roles_pages_are_not_registered(app_env: Path, username: str) -> None:
    at = log_in(username)
    for page in FOREIGN[username]:
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_admin_reaches_users_and_audit_pages(app_env: Path) -> None:
    at = log_in("admin")
    at.switch_page("pages/admin_users.py").run()
    assert at.title[0].value == "用户管理"
    at.switch_page("pages/admin_audit.py").run()
    assert at.title[0].value == "审计日志"
    assert "admin" in list(at.dataframe[0].value["操作人"])


def test_wrong_password_says_so_and_stays_on_login(app_env: Path) -> None:
    at = log_in("judge1", "wrong-password")
    assert at.error[0].value.startswith("用户名或密码不正确")
    assert at.title[0].value == "微视频作品评审台"


def test_five_failures_lock_and_message_says_until_when(app_env: Path) -> None:
    at = fresh_app()
    for _ in range(5):
        at.text_input[0].input("judge2")
        at.text_input[1].input("wrong-password")
        at.button[0].click().run()
    at.text_input[0].input("judge2")
    at.text_input[1].input("jurydesk-demo")
    at.button[0].click().run()
    assert at.error[0].value.startswith("该账户因连续多次登录失败已被暂时锁定，请于 ")
    assert at.title[0].value == "微视频作品评审台"


def test_disabled_user_with_an_open_session_is_sent_to_login(app_env: Path) -> None:
    at = log_in("judge3")
    assert at.title[0].value == "我的评审作品"
    users.set_disabled(app_context(app_env), actor=SHELL, username="judge3", disabled=True)
    at.run()
    assert at.title[0].value == "微视频作品评审台"
    assert at.warning[0].value.startswith("您的登录已失效")


def test_language_switch_to_english_everywhere(app_env: Path) -> None:
    at = fresh_app()
    at.radio[0].set_value("en").run()
    assert [t.label for t in at.text_input] == ["User name", "Password"]
    at.text_input[0].input("judge1")
    at.text_input[1].input("jurydesk-demo")
    at.button[0].click().run()
    at.run()
    assert at.title[0].value == "My entries"
    assert "15 of 15 submitted" in at.get("progress")[0].proto.text


def test_logout_returns_to_login_and_is_audited(app_env: Path) -> None:
    at = log_in("coord")
    next(b for b in at.button if b.label == "退出登录").click().run()
    at.run()
    assert at.title[0].value == "微视频作品评审台"
    ctx = app_context(app_env)
    actions = [e.action for e in ctx.db.read(lambda c: list_events(c, AuditFilter(actor="coord")))]
    assert actions[:2] == ["logout", "login"]


def test_no_demo_logins_on_a_real_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scoring.cli import main

    data = tmp_path / "real"
    monkeypatch.setenv("JURYDESK_BCRYPT_ROUNDS", "4")
    assert main(["init", "--data-dir", str(data)]) == 0
    monkeypatch.setenv("JURYDESK_DATA_DIR", str(data))
    at = fresh_app()
    assert at.title[0].value == "微视频作品评审台"
    assert len(at.table) == 0
    assert "演示" not in texts(at)


def test_unusable_data_folder_shows_the_problem_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    monkeypatch.setenv("JURYDESK_DATA_DIR", str(tmp_path / "not-a-folder"))
    at = fresh_app()
    assert not at.exception
    assert (
        at.error[0]
        .value.replace("\\", "")
        .startswith(  # shown escaped: plain text
            f"数据目录 {tmp_path / 'not-a-folder'} 是一个文件而不是文件夹"
        )
    )
