"""Users, passwords and logins. Logins are checked here, not by the form library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from scoring.domain.times import day_start
from scoring.domain.users import (
    Attempt,
    LockoutPolicy,
    check_password,
    locked_until,
    normalise_username,
)
from scoring.enums import LoginResult, Role
from scoring.errors import InvalidInput, NotFound
from scoring.passwords import dummy_hash, hash_password, password_matches
from scoring.records.users import LoginAttempt, NewLoginAttempt, NewUser, User
from scoring.services.context import Actor, Context, audit, require_role
from scoring.storage import audit as audit_store
from scoring.storage import users as store
from scoring.storage.rows import Cursor


def _check_new_password(password: str, password_again: str | None) -> None:
    if password_again is not None and password != password_again:
        raise InvalidInput("error.password_mismatch")
    check_password(password)


def add_user(
    ctx: Context,
    *,
    actor: Actor,
    username: str,
    role: Role,
    password: str,
    password_again: str | None = None,
    display_name: str = "",
    unit: str = "",
) -> User:
    """Create a user (admin only); the password is checked and stored as a bcrypt hash.

    ``password_again``, when given, must equal ``password`` (forms ask twice). A unit user
    (推荐单位工作人员) must name the recommending unit it works for.
    """
    require_role(actor, Role.ADMIN)
    name = normalise_username(username)
    _check_unit(role, unit, name)
    _check_new_password(password, password_again)
    now = ctx.now()
    new = NewUser(
        username=name,
        display_name=display_name.strip() or name,
        unit=unit.strip(),
        role=role,
        password_hash=hash_password(password, ctx.settings.bcrypt_rounds),
        created_at=now,
        updated_at=now,
    )

    def work(cur: Cursor) -> User:
        if store.get_user_by_name(cur, name) is not None:
            raise InvalidInput("error.user_exists", name=name)
        user = store.add_user(cur, new)
        audit(cur, ctx, actor=actor.name, action="user.add", target=name, role=role.value)
        return user

    return ctx.db.write(work)


def _check_unit(role: Role, unit: str, name: str) -> None:
    if role is Role.UNIT and not unit.strip():
        raise InvalidInput("error.unit_role_needs_unit", name=name)


def list_users(ctx: Context, *, actor: Actor) -> list[User]:
    """Every user (admin only)."""
    require_role(actor, Role.ADMIN)
    return ctx.db.read(store.list_users)


def _existing(cur: Cursor, username: str) -> User:
    user = store.get_user_by_name(cur, username.strip().lower())
    if user is None:
        raise NotFound("error.user_unknown", name=username)
    return user


def _keep_an_admin(cur: Cursor, user: User, *, losing_admin: bool) -> None:
    sole = user.role is Role.ADMIN and not user.disabled and store.count_active_admins(cur) <= 1
    if losing_admin and sole:
        raise InvalidInput("error.last_admin", name=user.username)


def set_disabled(ctx: Context, *, actor: Actor, username: str, disabled: bool) -> User:
    """Disable (or enable again) a user; the last active admin cannot be disabled."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> User:
        user = _existing(cur, username)
        _keep_an_admin(cur, user, losing_admin=disabled)
        now = ctx.now()
        store.update_user(
            cur, user.id, now=now, disabled=disabled, sessions_valid_after=now if disabled else None
        )
        action = "user.disable" if disabled else "user.enable"
        audit(cur, ctx, actor=actor.name, action=action, target=user.username)
        return _existing(cur, user.username)

    return ctx.db.write(work)


def set_role(ctx: Context, *, actor: Actor, username: str, role: Role) -> User:
    """Change a user's role; the last active admin cannot lose it."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> User:
        user = _existing(cur, username)
        _keep_an_admin(cur, user, losing_admin=role is not Role.ADMIN)
        _check_unit(role, user.unit, user.username)
        store.update_user(cur, user.id, now=ctx.now(), role=role)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="user.role",
            target=user.username,
            old=user.role.value,
            new=role.value,
        )
        return _existing(cur, user.username)

    return ctx.db.write(work)


def reset_password(
    ctx: Context, *, actor: Actor, username: str, password: str, password_again: str | None = None
) -> User:
    """Give a user a new password (admin only)."""
    require_role(actor, Role.ADMIN)
    _check_new_password(password, password_again)
    hashed = hash_password(password, ctx.settings.bcrypt_rounds)

    def work(cur: Cursor) -> User:
        user = _existing(cur, username)
        now = ctx.now()
        store.update_user(cur, user.id, now=now, password_hash=hashed, sessions_valid_after=now)
        audit(cur, ctx, actor=actor.name, action="user.reset_password", target=user.username)
        return _existing(cur, user.username)

    return ctx.db.write(work)


def set_language(ctx: Context, *, user_id: int, language: str) -> None:
    """Remember a user's chosen language (their own preference; no audit line)."""
    ctx.db.write(lambda cur: store.update_user(cur, user_id, now=ctx.now(), language=language))


@dataclass(frozen=True)
class LoginOutcome:
    """What happened to one login attempt."""

    result: LoginResult
    user: User | None = None
    locked_until: datetime | None = None
    at: datetime | None = None  # when the attempt was made: an OK one begins a session


def lockout_policy(ctx: Context) -> LockoutPolicy:
    """The lockout numbers from the settings."""
    s = ctx.settings
    return LockoutPolicy(
        max_failures=s.login_max_failures,
        window=timedelta(minutes=s.login_window_minutes),
        duration=timedelta(minutes=s.login_lock_minutes),
    )


def attempt_login(ctx: Context, *, username: str, password: str) -> LoginOutcome:
    """Check one login: lockout first, then the password, then whether the user is enabled.

    Every attempt is recorded; successes, failures and lockouts go to the audit log.
    """
    name = username.strip().lower()[:64]
    policy = lockout_policy(ctx)
    now = ctx.now()
    user = ctx.db.read(lambda cur: store.get_user_by_name(cur, name))
    # Hash outside the transaction (≈250 ms); compare against a dummy for unknown names so
    # the time taken does not tell which names exist.
    matches = password_matches(
        password, user.password_hash if user else dummy_hash(ctx.settings.bcrypt_rounds)
    )

    def work(cur: Cursor) -> LoginOutcome:
        since = now - policy.window - policy.duration
        recent = store.recent_login_attempts(cur, name, since=since)
        until = locked_until([Attempt(a.attempted_at, a.result) for a in recent], now, policy)
        if until is not None:
            outcome = LoginOutcome(LoginResult.LOCKED, locked_until=until, at=now)
        elif user is None or not matches:
            outcome = LoginOutcome(LoginResult.BAD_CREDENTIALS, at=now)
        elif user.disabled:
            outcome = LoginOutcome(LoginResult.DISABLED, at=now)
        else:
            outcome = LoginOutcome(LoginResult.OK, user=user, at=now)
        store.add_login_attempt(
            cur, NewLoginAttempt(username=name, attempted_at=now, result=outcome.result)
        )
        _audit_login(cur, ctx, name, outcome, recent, policy, now)
        return outcome

    return ctx.db.write(work)


def _audit_login(
    cur: Cursor,
    ctx: Context,
    name: str,
    outcome: LoginOutcome,
    recent: list[LoginAttempt],
    policy: LockoutPolicy,
    now: datetime,
) -> None:
    action = {
        LoginResult.OK: "login",
        LoginResult.BAD_CREDENTIALS: "login.failed",
        LoginResult.LOCKED: "login.refused_locked",
        LoginResult.DISABLED: "login.refused_disabled",
    }[outcome.result]
    audit(cur, ctx, actor=name, action=action, target=name)
    if outcome.result is LoginResult.BAD_CREDENTIALS:
        history = [Attempt(a.attempted_at, a.result) for a in recent]
        history.append(Attempt(now, LoginResult.BAD_CREDENTIALS))
        until = locked_until(history, now, policy)
        if until is not None:
            audit(cur, ctx, actor=name, action="login.locked", target=name, until=until)


def locked_until_for(ctx: Context, username: str) -> datetime | None:
    """When a name's lock ends, or None if it can log in now."""
    policy = lockout_policy(ctx)
    now = ctx.now()
    since = now - policy.window - policy.duration
    recent = ctx.db.read(lambda cur: store.recent_login_attempts(cur, username, since=since))
    return locked_until([Attempt(a.attempted_at, a.result) for a in recent], now, policy)


def session_user(ctx: Context, username: str, *, since: datetime | None) -> User | None:
    """The user behind a session that began at ``since``, re-read on every page run (one
    read by the unique name); None if gone, disabled, or their sessions were ended after
    it began (a logout elsewhere, a password reset, disabling)."""
    user = ctx.db.read(lambda cur: store.get_user_by_name(cur, username))
    if user is None or user.disabled:
        return None
    ended = user.sessions_valid_after
    if ended is not None and (since is None or since < ended):
        return None
    return user


def login_accounts(ctx: Context) -> list[User]:
    """The enabled users, whom the login form may let in (before anyone is logged in)."""
    return [u for u in ctx.db.read(store.list_users) if not u.disabled]


def resume_from_cookie(ctx: Context, *, username: str, issued_at: datetime) -> User | None:
    """Accept a login cookie unless its user is gone, disabled, or has ended their sessions
    since it was issued (logout, disabling and a password reset end every earlier one).
    Every page load brings the cookie back: it is audited at its first use of a day only."""
    user = session_user(ctx, username, since=issued_at)
    if user is None:
        return None
    name, issued = user.username, issued_at.astimezone(UTC).isoformat()
    today = day_start(ctx.now(), ctx.settings.timezone)  # today's cookie: its login's line

    def note(cur: Cursor) -> None:
        if issued_at < today and not audit_store.has_cookie_login(cur, name, issued, today):
            audit(cur, ctx, actor=name, action="login.resumed", target=name, issued_at=issued)

    ctx.db.write(note)
    return user


def record_logout(ctx: Context, *, username: str) -> None:
    """End every session of ``username`` (cookies issued before now stop working)."""

    def work(cur: Cursor) -> None:
        now = ctx.now()
        user = store.get_user_by_name(cur, username)
        if user is not None:
            store.update_user(cur, user.id, now=now, sessions_valid_after=now)
        audit(cur, ctx, actor=username, action="logout", target=username)

    ctx.db.write(work)
