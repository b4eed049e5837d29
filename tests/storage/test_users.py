"""storage/users.py: user rows and the login-attempt log."""

from __future__ import annotations

from datetime import timedelta

from scoring.enums import LoginResult, Role
from scoring.records.users import NewLoginAttempt, NewUser
from scoring.services.context import Context
from scoring.storage import Database
from scoring.storage import users as user_store
from tests.campaign_factory import make_judge
from tests.storage.samples import NOW


def test_user_and_login_attempt_round_trip(db: Database) -> None:
    given = NewUser(
        username="li",
        display_name="李佳 <b>",
        unit="甘肃省水利工程行业协会",
        role=Role.COORDINATOR,
        password_hash="$2b$04$x",
        disabled=True,
        language="en",
        sessions_valid_after=NOW,
        created_at=NOW,
        updated_at=NOW,
    )
    stored = db.write(lambda c: user_store.add_user(c, given))
    assert stored.__dict__ == {**given.__dict__, "id": stored.id}
    attempt = NewLoginAttempt(username="li", attempted_at=NOW, result=LoginResult.LOCKED)
    db.write(lambda c: user_store.add_login_attempt(c, attempt))
    back = db.read(lambda c: user_store.recent_login_attempts(c, "li", since=NOW))
    assert [(a.username, a.attempted_at, a.result) for a in back] == [
        ("li", NOW, LoginResult.LOCKED)
    ]


def test_get_user_by_id_and_by_name(ctx: Context) -> None:
    wang = make_judge(ctx, "wang", unit="兰州大学")
    assert ctx.db.read(lambda c: user_store.get_user(c, wang.id)) == wang
    assert ctx.db.read(lambda c: user_store.get_user_by_name(c, "wang")) == wang
    assert ctx.db.read(lambda c: user_store.get_user(c, wang.id + 100)) is None
    assert ctx.db.read(lambda c: user_store.get_user_by_name(c, "WANG")) is None


def test_list_users_orders_by_role_then_name_and_filters_by_role(ctx: Context) -> None:
    for name, role in [
        ("zhao", Role.JUDGE),
        ("admin2", Role.ADMIN),
        ("coord", Role.COORDINATOR),
        ("an", Role.JUDGE),
        ("unit1", Role.UNIT),
    ]:
        make_judge(ctx, name, role=role)
    everyone = ctx.db.read(lambda c: user_store.list_users(c))
    assert [u.username for u in everyone] == ["admin2", "coord", "an", "zhao", "unit1"]
    judges = ctx.db.read(lambda c: user_store.list_users(c, role=Role.JUDGE))
    assert [u.username for u in judges] == ["an", "zhao"]


def test_list_users_of_a_role_nobody_has_is_empty(ctx: Context) -> None:
    make_judge(ctx, "an")
    assert ctx.db.read(lambda c: user_store.list_users(c, role=Role.UNIT)) == []


def test_update_user_changes_only_the_given_fields(ctx: Context) -> None:
    wang = make_judge(ctx, "wang")
    later = NOW + timedelta(hours=1)
    ctx.db.write(
        lambda c: user_store.update_user(c, wang.id, now=later, disabled=True, language="en")
    )
    after = ctx.db.read(lambda c: user_store.get_user(c, wang.id))
    assert after is not None
    assert (after.disabled, after.language, after.role, after.password_hash) == (
        True,
        "en",
        Role.JUDGE,
        wang.password_hash,
    )
    assert after.updated_at == later


def test_update_user_with_nothing_to_change_leaves_the_row(ctx: Context) -> None:
    wang = make_judge(ctx, "wang")
    ctx.db.write(lambda c: user_store.update_user(c, wang.id, now=NOW + timedelta(days=1)))
    assert ctx.db.read(lambda c: user_store.get_user(c, wang.id)) == wang


def test_count_active_admins_leaves_out_disabled_admins(ctx: Context) -> None:
    assert ctx.db.read(user_store.count_active_admins) == 0
    first = make_judge(ctx, "root", role=Role.ADMIN)
    make_judge(ctx, "root2", role=Role.ADMIN)
    make_judge(ctx, "coord", role=Role.COORDINATOR)
    assert ctx.db.read(user_store.count_active_admins) == 2
    ctx.db.write(lambda c: user_store.update_user(c, first.id, now=NOW, disabled=True))
    assert ctx.db.read(user_store.count_active_admins) == 1


def test_recent_login_attempts_from_since_oldest_first(db: Database) -> None:
    for minutes, name, result in [
        (0, "li", LoginResult.BAD_CREDENTIALS),
        (5, "li", LoginResult.OK),
        (3, "li", LoginResult.BAD_CREDENTIALS),
        (4, "wang", LoginResult.BAD_CREDENTIALS),
    ]:
        attempt = NewLoginAttempt(
            username=name, attempted_at=NOW + timedelta(minutes=minutes), result=result
        )
        db.write(lambda c, a=attempt: user_store.add_login_attempt(c, a))
    since = NOW + timedelta(minutes=3)
    back = db.read(lambda c: user_store.recent_login_attempts(c, "li", since=since))
    assert [(a.attempted_at - NOW, a.result) for a in back] == [
        (timedelta(minutes=3), LoginResult.BAD_CREDENTIALS),
        (timedelta(minutes=5), LoginResult.OK),
    ]
    assert db.read(
        lambda c: user_store.last_login_result(c, "li", LoginResult.BAD_CREDENTIALS)
    ) == (NOW + timedelta(minutes=3))
    assert db.read(lambda c: user_store.last_login_result(c, "zhao", LoginResult.OK)) is None


def test_users_are_read_by_id_together(demo_ctx: Context) -> None:
    everyone = {u.id: u for u in demo_ctx.db.read(user_store.list_users)}
    wanted = [*sorted(everyone)[:3], 999]
    found = demo_ctx.db.read(lambda c: user_store.get_users(c, wanted))
    assert found == {i: everyone[i] for i in sorted(everyone)[:3]}
