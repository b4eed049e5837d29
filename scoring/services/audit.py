"""Reading the audit log (admin only)."""

from __future__ import annotations

from scoring.enums import Role
from scoring.records import AuditEvent
from scoring.services.context import Actor, Context, require_role
from scoring.storage import audit as store
from scoring.storage.audit import AuditFilter


def audit_events(ctx: Context, *, actor: Actor, flt: AuditFilter) -> list[AuditEvent]:
    """Audit lines matching ``flt``, newest first."""
    require_role(actor, Role.ADMIN)
    return ctx.db.read(lambda cur: store.list_events(cur, flt))


def audit_actions(ctx: Context, *, actor: Actor) -> list[str]:
    """The action names that occur in the log (for the filter)."""
    require_role(actor, Role.ADMIN)
    return ctx.db.read(store.list_actions)
