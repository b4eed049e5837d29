"""Rules for login names, passwords and the login lockout (SPEC §9 Security)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from scoring.enums import LoginResult
from scoring.errors import InvalidInput

PASSWORD_MIN_CHARS: Final = 10
PASSWORD_MAX_BYTES: Final = 72  # bcrypt only reads 72 bytes; bcrypt 5 refuses longer input
_USERNAME: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


def normalise_username(raw: str) -> str:
    """Return the stored form of a login name (trimmed, lower-case), or raise InvalidInput."""
    name = raw.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidInput("error.username_invalid", name=raw)
    return name


def check_password(password: str) -> None:
    """Raise InvalidInput unless the password has 10+ characters and at most 72 bytes."""
    if len(password) < PASSWORD_MIN_CHARS:
        raise InvalidInput("error.password_short", minimum=PASSWORD_MIN_CHARS, got=len(password))
    size = len(password.encode("utf-8"))
    if size > PASSWORD_MAX_BYTES:
        raise InvalidInput("error.password_long", maximum=PASSWORD_MAX_BYTES, got=size)
    if password != password.strip():
        # The login form trims what is typed, so such a password could never be entered.
        raise InvalidInput("error.password_spaces")


@dataclass(frozen=True)
class LockoutPolicy:
    """``max_failures`` failed logins within ``window`` lock a name for ``duration``."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    duration: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class Attempt:
    """What the lockout needs to know of one past attempt."""

    at: datetime
    result: LoginResult


def locked_until(
    attempts: Sequence[Attempt], now: datetime, policy: LockoutPolicy
) -> datetime | None:
    """Return when the name's lock ends, or None if it is not locked at ``now``.

    Only failures after the last successful login count. Attempts refused because the name
    was already locked do not count, so a lock cannot be extended by knocking on it.
    """
    failures: list[datetime] = []
    for attempt in sorted(attempts, key=lambda a: a.at):
        if attempt.result is LoginResult.OK:
            failures.clear()
        elif attempt.result is LoginResult.BAD_CREDENTIALS:
            failures.append(attempt.at)
    n = policy.max_failures
    lock_ends = [
        failures[i] + policy.duration
        for i in range(n - 1, len(failures))
        if failures[i] - failures[i - n + 1] <= policy.window
    ]
    if lock_ends and now < lock_ends[-1]:
        return lock_ends[-1]
    return None
