"""Ending sessions ends them everywhere: a password reset or a logout on one device logs out
every session already open (at its next run), and video URLs issued to them stop working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.errors import NotAllowed
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.services.demo import DEMO_PASSWORD
from scoring.services.media import open_media, player_sources
from tests.conftest import SHELL, FakeClock
from tests.pages.conftest import app_context, log_in

LOGIN_TITLE = "微视频作品评审台"
ENDED = "您的登录已失效（已退出、账户被停用或密码已重置），请重新登录。"


def _signed_in(at: AppTest) -> bool:
    return at.title[0].value != LOGIN_TITLE


def _logout(at: AppTest) -> None:
    next(b for b in at.button if b.label == "退出登录").click().run()
    at.run()


def test_a_password_reset_logs_out_both_open_sessions_at_their_next_run(app_env: Path) -> None:
    office, home = log_in("judge4"), log_in("judge4")
    assert _signed_in(office) and _signed_in(home)
    users.reset_password(
        app_context(app_env), actor=SHELL, username="judge4", password="a-new-password-4"
    )
    office.run()
    home.run()
    assert (office.title[0].value, office.warning[0].value) == (LOGIN_TITLE, ENDED)
    assert (home.title[0].value, home.warning[0].value) == (LOGIN_TITLE, ENDED)
    assert _signed_in(log_in("judge4", "a-new-password-4"))


def test_a_logout_on_one_device_logs_out_the_other(app_env: Path) -> None:
    office, home = log_in("coord"), log_in("coord")
    _logout(home)
    assert not _signed_in(home)
    office.run()
    assert (office.title[0].value, office.warning[0].value) == (LOGIN_TITLE, ENDED)
    again = log_in("coord")  # a new login after the logout works
    again.run()
    assert _signed_in(again)


def _player_src(at: AppTest) -> str:
    """The signed URL the judge's page gave its player (the v2 component's data)."""
    (player,) = at.get("bidi_component")
    return str(json.loads(player.proto.json)["src"])


def test_the_video_url_a_page_showed_dies_with_its_session(app_env: Path) -> None:
    at = log_in("judge4")
    at.switch_page("pages/judge_score.py").run()
    src = _player_src(at)
    ctx = app_context(app_env)
    token = src.removeprefix("/api/media/")
    assert open_media(ctx, token=token).media_type == "video/mp4"
    at.run()
    assert _player_src(at) == src  # the same URL on a rerun: the player does not reload
    _logout(at)
    with pytest.raises(NotAllowed) as caught:
        open_media(ctx, token=token)
    assert caught.value.key == "error.media_url_session_ended"


def _judge(ctx: Context, name: str) -> Actor:
    """A judge as a page sees them right after logging in."""
    outcome = users.attempt_login(ctx, username=name, password=DEMO_PASSWORD)
    assert outcome.user is not None
    return Actor.of(outcome.user, signed_in_at=outcome.at)


@pytest.mark.parametrize("ending", ["logout", "reset"])
def test_a_url_signed_before_a_logout_or_reset_is_refused_after_it(
    demo_ctx: Context, clock: FakeClock, ending: str
) -> None:
    before = _judge(demo_ctx, "judge4")
    url = player_sources(demo_ctx, actor=before, entry_id=2).original_url
    assert url is not None
    assert open_media(demo_ctx, token=url.removeprefix("/api/media/")).path.is_file()
    clock.advance(minutes=3)
    if ending == "logout":
        users.record_logout(demo_ctx, username="judge4")
    else:
        users.reset_password(demo_ctx, actor=SHELL, username="judge4", password=DEMO_PASSWORD)
    with pytest.raises(NotAllowed) as caught:
        open_media(demo_ctx, token=url.removeprefix("/api/media/"))
    assert caught.value.key == "error.media_url_session_ended"
    clock.advance(seconds=1)
    fresh = player_sources(demo_ctx, actor=_judge(demo_ctx, "judge4"), entry_id=2).original_url
    assert fresh is not None and fresh != url
    assert open_media(demo_ctx, token=fresh.removeprefix("/api/media/")).path.is_file()
