"""Users and logins through the services: lockout, disabled users, sessions, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scoring.enums import LoginResult, Role
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.services import users
from scoring.services.context import Actor, Context
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import SHELL, FakeClock

PASSWORD = "correct-horse-1"


def _add(ctx: Context, name: str = "judge9", role: Role = Role.JUDGE) -> None:
    users.add_user(ctx, actor=SHELL, username=name, role=role, password=PASSWORD)


def _actions(ctx: Context) -> list[str]:
    events = ctx.db.read(lambda c: list_events(c, AuditFilter()))
    return [e.action for e in reversed(events)]


def test_login_with_right_password_ok_and_audited(ctx: Context) -> None:
    _add(ctx)
    outcome = users.attempt_login(ctx, username=" Judge9 ", password=PASSWORD)
    assert outcome.result is LoginResult.OK
    assert outcome.user is not None and outcome.user.username == "judge9"
    assert _actions(ctx) == ["user.add", "login"]


def test_wrong_password_and_unknown_user_get_the_same_answer(ctx: Context) -> None:
    _add(ctx)
    wrong = users.attempt_login(ctx, username="judge9", password="nope-nope-nope")
    unknown = users.attempt_login(ctx, username="nobody", password=PASSWORD)
    assert wrong.result is unknown.result is LoginResult.BAD_CREDENTIALS
    assert _actions(ctx) == ["user.add", "login.failed", "login.failed"]


def test_fifth_failure_locks_even_the_right_password(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    for _ in range(5):
        clock.advance(minutes=1)
        users.attempt_login(ctx, username="judge9", password="wrong-password")
    locked_at = clock.current
    clock.advance(minutes=5)
    outcome = users.attempt_login(ctx, username="judge9", password=PASSWORD)
    assert outcome.result is LoginResult.LOCKED
    assert outcome.locked_until == locked_at + timedelta(minutes=15)
    assert _actions(ctx).count("login.locked") == 1
    assert _actions(ctx)[-1] == "login.refused_locked"


def test_lock_ends_after_fifteen_minutes(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    for _ in range(5):
        users.attempt_login(ctx, username="judge9", password="wrong-password")
    clock.advance(minutes=14, seconds=59)
    assert users.locked_until_for(ctx, "judge9") is not None
    clock.advance(seconds=1)
    assert users.locked_until_for(ctx, "judge9") is None
    assert users.attempt_login(ctx, username="judge9", password=PASSWORD).result is LoginResult.OK


def test_disabled_user_refused_with_right_password(ctx: Context) -> None:
    _add(ctx)
    users.set_disabled(ctx, actor=SHELL, username="judge9", disabled=True)
    outcome = users.attempt_login(ctx, username="judge9", password=PASSWORD)
    assert outcome.result is LoginResult.DISABLED
    assert outcome.user is None


def test_disabled_user_with_valid_session_refused(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    issued = clock.current
    assert users.session_user(ctx, "judge9", since=issued) is not None
    clock.advance(minutes=1)
    users.set_disabled(ctx, actor=SHELL, username="judge9", disabled=True)
    assert users.session_user(ctx, "judge9", since=clock.current) is None
    assert users.resume_from_cookie(ctx, username="judge9", issued_at=issued) is None


def test_cookie_issued_before_logout_refused_after_accepted(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    old_cookie = clock.current
    clock.advance(minutes=1)
    users.record_logout(ctx, username="judge9")
    clock.advance(minutes=1)
    assert users.resume_from_cookie(ctx, username="judge9", issued_at=old_cookie) is None
    fresh = users.resume_from_cookie(ctx, username="judge9", issued_at=clock.current)
    assert fresh is not None and fresh.username == "judge9"
    assert _actions(ctx)[-1] == "logout"  # a cookie of today is told by its login's line


def test_password_reset_ends_earlier_sessions(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    issued = clock.current
    clock.advance(seconds=30)
    users.reset_password(ctx, actor=SHELL, username="judge9", password="another-pass-2")
    assert users.resume_from_cookie(ctx, username="judge9", issued_at=issued) is None
    assert users.attempt_login(ctx, username="judge9", password=PASSWORD).result is (
        LoginResult.BAD_CREDENTIALS
    )
    assert users.attempt_login(ctx, username="judge9", password="another-pass-2").result is (
        LoginResult.OK
    )


def test_an_open_session_ends_when_the_password_is_reset(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    began = users.attempt_login(ctx, username="judge9", password=PASSWORD).at
    assert began == clock.current
    clock.advance(minutes=5)
    assert users.session_user(ctx, "judge9", since=began) is not None
    users.reset_password(ctx, actor=SHELL, username="judge9", password="another-pass-2")
    assert users.session_user(ctx, "judge9", since=began) is None
    clock.advance(seconds=1)
    again = users.attempt_login(ctx, username="judge9", password="another-pass-2").at
    assert users.session_user(ctx, "judge9", since=again) is not None


def test_an_open_session_ends_when_the_user_logs_out_elsewhere(
    ctx: Context, clock: FakeClock
) -> None:
    _add(ctx)
    here = users.attempt_login(ctx, username="judge9", password=PASSWORD).at
    clock.advance(minutes=1)
    there = users.attempt_login(ctx, username="judge9", password=PASSWORD).at
    clock.advance(minutes=1)
    users.record_logout(ctx, username="judge9")  # signed out on the other device
    assert users.session_user(ctx, "judge9", since=here) is None
    assert users.session_user(ctx, "judge9", since=there) is None
    assert users.session_user(ctx, "judge9", since=None) is None  # no start known: ended


def test_judge_and_coordinator_cannot_manage_users(ctx: Context) -> None:
    for role in (Role.JUDGE, Role.COORDINATOR):
        actor = Actor("someone", role, 99)
        with pytest.raises(NotAllowed):
            users.add_user(ctx, actor=actor, username="x1", role=Role.ADMIN, password=PASSWORD)
        with pytest.raises(NotAllowed):
            users.list_users(ctx, actor=actor)
        with pytest.raises(NotAllowed):
            users.set_role(ctx, actor=actor, username="x1", role=Role.ADMIN)
        with pytest.raises(NotAllowed):
            users.set_disabled(ctx, actor=actor, username="x1", disabled=True)
        with pytest.raises(NotAllowed):
            users.reset_password(ctx, actor=actor, username="x1", password=PASSWORD)


def test_last_admin_cannot_be_disabled_or_demoted(ctx: Context) -> None:
    _add(ctx, "boss", Role.ADMIN)
    with pytest.raises(InvalidInput) as caught:
        users.set_disabled(ctx, actor=SHELL, username="boss", disabled=True)
    assert caught.value.key == "error.last_admin"
    with pytest.raises(InvalidInput):
        users.set_role(ctx, actor=SHELL, username="boss", role=Role.JUDGE)
    _add(ctx, "boss2", Role.ADMIN)
    assert users.set_role(ctx, actor=SHELL, username="boss", role=Role.JUDGE).role is Role.JUDGE


def test_duplicate_user_refused_and_nothing_changed(ctx: Context) -> None:
    _add(ctx)
    with pytest.raises(InvalidInput) as caught:
        users.add_user(ctx, actor=SHELL, username="JUDGE9", role=Role.ADMIN, password=PASSWORD)
    assert caught.value.key == "error.user_exists"
    assert [u.role for u in users.list_users(ctx, actor=SHELL)] == [Role.JUDGE]


def test_unknown_user_change_refused(ctx: Context) -> None:
    with pytest.raises(NotFound) as caught:
        users.set_disabled(ctx, actor=SHELL, username="ghost", disabled=True)
    assert caught.value.message("en") == (
        "There is no user ghost. See python -m scoring user list."
    )


def test_mismatched_passwords_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        users.add_user(
            ctx,
            actor=SHELL,
            username="x1",
            role=Role.JUDGE,
            password=PASSWORD,
            password_again=PASSWORD + "x",
        )
    assert caught.value.key == "error.password_mismatch"
    assert users.list_users(ctx, actor=SHELL) == []


def test_role_change_is_audited_with_old_and_new(ctx: Context) -> None:
    _add(ctx)
    users.set_role(ctx, actor=SHELL, username="judge9", role=Role.COORDINATOR)
    event = ctx.db.read(lambda c: list_events(c, AuditFilter(action="user.role")))[0]
    assert (event.actor, event.target, event.details) == (
        "cli:tester",
        "judge9",
        {"old": "judge", "new": "coordinator"},
    )


def test_login_accounts_are_the_enabled_users(ctx: Context) -> None:
    _add(ctx, "judge9")
    _add(ctx, "judge8")
    users.set_disabled(ctx, actor=SHELL, username="judge8", disabled=True)
    assert [u.username for u in users.login_accounts(ctx)] == ["judge9"]


def test_a_unit_user_must_name_its_recommending_unit(ctx: Context) -> None:
    with pytest.raises(InvalidInput) as refused:
        users.add_user(ctx, actor=SHELL, username="unit1", role=Role.UNIT, password=PASSWORD)
    added = users.add_user(
        ctx,
        actor=SHELL,
        username="unit1",
        role=Role.UNIT,
        password=PASSWORD,
        unit=" 兰州市市场监督管理局 ",
    )

    assert refused.value.message("zh") == (
        "用户 unit1 的角色是推荐单位工作人员，必须填写所属推荐单位（如“兰州市市场监督管理局”）。"
        "请在“单位”一栏填写后再保存。"
    )
    assert (added.role, added.unit) == (Role.UNIT, "兰州市市场监督管理局")


def test_a_user_without_a_unit_cannot_be_made_a_unit_user(ctx: Context) -> None:
    _add(ctx)

    with pytest.raises(InvalidInput) as refused:
        users.set_role(ctx, actor=SHELL, username="judge9", role=Role.UNIT)

    assert refused.value.key == "error.unit_role_needs_unit"
    assert [u.role for u in users.list_users(ctx, actor=SHELL)] == [Role.JUDGE]


def _resumed(ctx: Context) -> list[tuple[str, str]]:
    """The ``login.resumed`` lines, oldest first: (when, the login they continue)."""
    events = ctx.db.read(lambda c: list_events(c, AuditFilter(action="login.resumed")))
    return [(e.logged_at.isoformat(), e.details["issued_at"]) for e in reversed(events)]


def test_page_loads_with_todays_cookie_add_no_lines(ctx: Context, clock: FakeClock) -> None:
    _add(ctx)
    assert users.attempt_login(ctx, username="judge9", password=PASSWORD).result is (LoginResult.OK)
    cookie = clock.advance(seconds=2)  # set on the run after the login
    for _ in range(20):  # reloads, new tabs, every page opened by its address
        clock.advance(minutes=3)
        assert users.resume_from_cookie(ctx, username="judge9", issued_at=cookie) is not None
    assert _actions(ctx) == ["user.add", "login"]


def test_an_older_cookie_is_audited_once_a_day(ctx: Context, clock: FakeClock) -> None:
    # T0 is 2026-03-01 09:00 UTC, 17:00 in Shanghai; the local day ends at 16:00 UTC.
    _add(ctx)
    cookie = clock.current
    other_browser = clock.advance(minutes=30)
    clock.advance(hours=6, minutes=29)  # 2026-03-01 23:59 in Shanghai: the cookies' day
    users.resume_from_cookie(ctx, username="judge9", issued_at=cookie)
    assert _resumed(ctx) == []
    clock.advance(minutes=1)  # midnight in Shanghai
    for _ in range(5):
        users.resume_from_cookie(ctx, username="judge9", issued_at=cookie)
        clock.advance(hours=1)
    users.resume_from_cookie(ctx, username="judge9", issued_at=other_browser)
    clock.advance(days=1)
    users.resume_from_cookie(ctx, username="judge9", issued_at=cookie)
    users.resume_from_cookie(ctx, username="judge9", issued_at=cookie)
    assert _resumed(ctx) == [
        ("2026-03-01T16:00:00+00:00", "2026-03-01T09:00:00+00:00"),
        ("2026-03-01T21:00:00+00:00", "2026-03-01T09:30:00+00:00"),
        ("2026-03-02T21:00:00+00:00", "2026-03-01T09:00:00+00:00"),
    ]
    assert _actions(ctx).count("login.resumed") == 3
