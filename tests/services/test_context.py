"""services/context.py: the context, the acting user, the role check, audit lines."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from scoring.enums import Role
from scoring.errors import DataFolderProblem, NotAllowed
from scoring.services.context import (
    STAFF,
    Actor,
    Context,
    audit,
    audit_event,
    open_context,
    require_role,
)
from scoring.storage import audit as audit_store
from scoring.storage.audit import AuditFilter
from tests.campaign_factory import make_judge
from tests.conftest import T0, FakeClock, make_settings


def test_actor_of_a_user_and_of_the_shell(ctx: Context) -> None:
    wang = make_judge(ctx, "wang", unit="兰州大学")
    assert Actor.of(wang, signed_in_at=T0) == Actor("wang", Role.JUDGE, wang.id, "兰州大学", T0)
    assert Actor.shell("ops") == Actor("cli:ops", Role.ADMIN)


def test_require_role_names_who_and_what_is_needed() -> None:
    require_role(Actor("a", Role.ADMIN), *STAFF)
    with pytest.raises(NotAllowed) as raised:
        require_role(Actor("wang", Role.JUDGE, 3), *STAFF)
    assert (raised.value.key, raised.value.params) == (
        "error.not_allowed_role",
        {"user": "wang", "role": "judge", "needed": "coordinator / admin"},
    )


def test_audit_writes_a_line_at_the_context_clock_with_plain_details(
    ctx: Context, clock: FakeClock
) -> None:
    clock.advance(minutes=3)
    ctx.db.write(
        lambda c: audit(
            c,
            ctx,
            actor="coord",
            action="entry.edit",
            target="A1",
            campaign_id=1,
            path=Path("a/b"),
            n=2,
        )
    )
    (event,) = ctx.db.read(lambda c: audit_store.list_events(c, AuditFilter()))
    assert (event.logged_at, event.actor, event.action, event.target, event.campaign_id) == (
        T0 + timedelta(minutes=3),
        "coord",
        "entry.edit",
        "A1",
        1,
    )
    assert event.details == {"path": "a/b", "n": 2}


def test_audit_event_is_built_but_not_written(ctx: Context) -> None:
    event = audit_event(ctx, actor="x", action="y")
    assert (event.logged_at, event.target, event.campaign_id, event.details) == (T0, "", None, {})
    assert ctx.db.read(lambda c: audit_store.list_events(c, AuditFilter())) == []


def test_open_context_without_create_refuses_a_folder_without_database(tmp_path: Path) -> None:
    with pytest.raises(DataFolderProblem) as raised:
        open_context(make_settings(tmp_path / "none"), create=False)
    assert raised.value.key == "error.no_database"


def test_open_context_removes_stale_restore_staging(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    open_context(settings).db.close()
    (settings.data_dir / ".restore-old").mkdir()
    context = open_context(settings, clock=FakeClock(), create=False)
    try:
        assert context.now() == T0
        assert not (settings.data_dir / ".restore-old").exists()
    finally:
        context.db.close()
