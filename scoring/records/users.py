"""Users and their login attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scoring.enums import LoginResult, Role


@dataclass(frozen=True, kw_only=True)
class NewUser:
    """A person who logs in; ``unit`` is their organisation, used for conflicts."""

    username: str
    display_name: str
    unit: str = ""
    role: Role
    password_hash: str
    disabled: bool = False
    language: str | None = None
    sessions_valid_after: datetime | None = None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class User(NewUser):
    """``NewUser`` as stored, with the id the store gave it."""

    id: int


@dataclass(frozen=True, kw_only=True)
class NewLoginAttempt:
    """One try at the login form, known user or not."""

    username: str
    attempted_at: datetime
    result: LoginResult


@dataclass(frozen=True, kw_only=True)
class LoginAttempt(NewLoginAttempt):
    """``NewLoginAttempt`` as stored, with the id the store gave it."""

    id: int
