"""What every service call needs: settings, the database, a clock, and who is acting."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scoring.enums import Role
from scoring.errors import InvalidInput, NotAllowed
from scoring.records.audit import NewAuditEvent
from scoring.records.users import User
from scoring.settings import Settings
from scoring.storage import Database, open_database
from scoring.storage.audit import append_event
from scoring.storage.restore_journal import remove_stale_staging
from scoring.storage.rows import Cursor


def utc_now() -> datetime:
    """The real clock (tests pass their own)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    """One installation as seen by one process."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = field(default=utc_now)

    def now(self) -> datetime:
        """Current time, aware, UTC."""
        return self.clock()


def open_context(
    settings: Settings, *, clock: Callable[[], datetime] = utc_now, create: bool = True
) -> Context:
    """Open the database of ``settings`` (migrating it) and return a context; ``create``
    False refuses a folder without a database (every command but ``init``).

    Once this process holds the database, what interrupted work left in the folder goes:
    restore staging folders and half-copied originals.
    """
    from scoring.media.store import remove_partial_files

    db = open_database(settings.database_path, clock=clock, create=create)
    remove_stale_staging(settings.data_dir)
    remove_partial_files(settings.media_dir)
    return Context(settings, db, clock)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the operator at the shell (acts as admin)."""

    name: str
    role: Role
    user_id: int | None = None
    unit: str = ""
    # When this login session began (the login, or the cookie it resumed from): what a
    # signed media URL carries so that it dies with the session.
    signed_in_at: datetime | None = None

    @classmethod
    def of(cls, user: User, *, signed_in_at: datetime | None = None) -> Actor:
        """The actor for a logged-in user."""
        return cls(user.username, user.role, user.id, user.unit, signed_in_at)

    @classmethod
    def shell(cls, os_user: str) -> Actor:
        """The operator running ``python -m scoring`` (has the data folder, so admin)."""
        return cls(f"cli:{os_user}", Role.ADMIN)


STAFF = (Role.COORDINATOR, Role.ADMIN)


def require_role(actor: Actor, *roles: Role) -> None:
    """Raise NotAllowed unless the actor has one of ``roles``."""
    if actor.role not in roles:
        raise NotAllowed(
            "error.not_allowed_role",
            user=actor.name,
            role=actor.role.value,
            needed=" / ".join(r.value for r in roles),
        )


def required_reason(reason: str) -> str:
    """``reason`` stripped; a blank one is refused (every reason goes into the audit log)."""
    why = reason.strip()
    if not why:
        raise InvalidInput("error.reason_required")
    return why


def audit(
    cur: Cursor,
    ctx: Context,
    *,
    actor: str,
    action: str,
    target: str = "",
    campaign_id: int | None = None,
    **details: Any,
) -> None:
    """Append one audit line inside the caller's transaction."""
    event = audit_event(
        ctx, actor=actor, action=action, target=target, campaign_id=campaign_id, **details
    )
    append_event(cur, event)


def audit_event(
    ctx: Context,
    *,
    actor: str,
    action: str,
    target: str = "",
    campaign_id: int | None = None,
    **details: Any,
) -> NewAuditEvent:
    """One audit line, built to be written later with others (``append_events``)."""
    clean = json.loads(json.dumps(details, ensure_ascii=False, default=str))
    return NewAuditEvent(
        logged_at=ctx.now(),
        actor=actor,
        campaign_id=campaign_id,
        action=action,
        target=target,
        details=clean,
    )
