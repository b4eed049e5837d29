"""User rows and the login-attempt log."""

from __future__ import annotations

from datetime import datetime

from scoring.enums import LoginResult, Role
from scoring.records.users import LoginAttempt, NewLoginAttempt, NewUser, User
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new, insert_record


def add_user(cur: Cursor, user: NewUser) -> User:
    """Insert a user and return it with its id."""
    return insert_new(cur, "users", user, User)


def get_user_by_name(cur: Cursor, username: str) -> User | None:
    """Return the user with this login name, or None."""
    return fetch_one(cur, User, "SELECT * FROM users WHERE username = ?", [username])


def get_user(cur: Cursor, user_id: int) -> User | None:
    """Return the user with this id, or None."""
    return fetch_one(cur, User, "SELECT * FROM users WHERE id = ?", [user_id])


def get_users(cur: Cursor, user_ids: list[int]) -> dict[int, User]:
    """The users with these ids, by id (ids not found are left out)."""
    found = fetch_records(
        cur, User, "SELECT * FROM users WHERE id IN (SELECT unnest(?::INTEGER[]))", [user_ids]
    )
    return {u.id: u for u in found}


def list_users(cur: Cursor, *, role: Role | None = None) -> list[User]:
    """All users (or those of one role), by role then name."""
    if role is None:
        return fetch_records(cur, User, "SELECT * FROM users ORDER BY role, username")
    return fetch_records(
        cur, User, "SELECT * FROM users WHERE role = ? ORDER BY username", [role.value]
    )


def update_user(
    cur: Cursor,
    user_id: int,
    *,
    now: datetime,
    role: Role | None = None,
    disabled: bool | None = None,
    password_hash: str | None = None,
    language: str | None = None,
    sessions_valid_after: datetime | None = None,
) -> None:
    """Change the given fields of one user."""
    changes: dict[str, object] = {
        "role": role.value if role else None,
        "disabled": disabled,
        "password_hash": password_hash,
        "language": language,
        "sessions_valid_after": sessions_valid_after,
    }
    sets = {k: v for k, v in changes.items() if v is not None}
    if not sets:
        return
    assignments = ", ".join(f"{k} = ?" for k in sets)
    cur.execute(
        f"UPDATE users SET {assignments}, updated_at = ? WHERE id = ?",
        [*sets.values(), now, user_id],
    )


def count_active_admins(cur: Cursor) -> int:
    """How many enabled admins exist."""
    row = cur.execute("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled").fetchone()
    return int(row[0]) if row else 0


def add_login_attempt(cur: Cursor, attempt: NewLoginAttempt) -> None:
    """Record one login attempt."""
    insert_record(cur, "login_attempts", attempt)


def recent_login_attempts(cur: Cursor, username: str, *, since: datetime) -> list[LoginAttempt]:
    """Attempts for ``username`` at or after ``since``, oldest first."""
    return fetch_records(
        cur,
        LoginAttempt,
        "SELECT * FROM login_attempts WHERE username = ? AND attempted_at >= ?"
        " ORDER BY attempted_at, id",
        [username, since],
    )


def last_login_result(cur: Cursor, username: str, result: LoginResult) -> datetime | None:
    """Time of the newest attempt for ``username`` with ``result``, or None."""
    row = cur.execute(
        "SELECT max(attempted_at) FROM login_attempts WHERE username = ? AND result = ?",
        [username, result.value],
    ).fetchone()
    return None if row is None else row[0]
