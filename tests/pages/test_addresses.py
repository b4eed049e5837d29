"""Where an address leads (pages/frame/navigation.py, shell.py): the page when it is the
role's, else the role's first page with a note in the session's language."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.pages.conftest import fresh_app


def at_address(path: str) -> AppTest:
    """A fresh session showing the page at ``/path``, as a browser names the page it is on
    (by the hash of its path) when it reruns."""
    at = fresh_app()
    at._page_hash = calc_hash(path)  # AppTest has no public way to open an address
    at.run()
    at._page_hash = ""  # later runs stay where this one finished, as a browser's do
    return at


def log_in_here(at: AppTest, username: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input("jurydesk-demo")
    at.button[0].click().run()
    return at


def test_an_address_before_login_opens_after_it(app_env: Path) -> None:
    at = at_address("ranking")
    assert at.title[0].value == "微视频作品评审台"  # the login form stands in
    log_in_here(at, "coord")
    assert not at.exception
    assert at.title[0].value == "排名与推荐名单"
    assert len(at.toast) == 0


def test_the_first_pages_own_address_opens_it(app_env: Path) -> None:
    log_in_here(at_address("entries"), "coord")
    log_in_here(at := at_address("queue"), "judge1")
    assert at.title[0].value == "我的评审作品"
    assert len(at.toast) == 0


def test_another_roles_address_opens_the_first_page_with_a_note(app_env: Path) -> None:
    at = log_in_here(at_address("users"), "judge1")
    assert not at.exception
    assert at.title[0].value == "我的评审作品"
    assert [t.value for t in at.toast] == [
        "「用户管理」不属于您的角色（评审专家），已为您打开「我的评审作品」。"
    ]
    at.run()  # said once
    assert len(at.toast) == 0
    assert at.title[0].value == "我的评审作品"


def test_the_note_in_english(app_env: Path) -> None:
    at = at_address("queue")
    at.radio[0].set_value("en").run()
    log_in_here(at, "unit1")
    assert at.title[0].value == "Our works"
    assert [t.value for t in at.toast] == [
        '"My entries" is not part of your role (Recommending unit); you are on "Our works" instead.'
    ]
