"""storage/audit.py: the append-only audit log and its filters."""

from __future__ import annotations

from datetime import timedelta

from scoring.records.audit import NewAuditEvent
from scoring.storage import Database, audit
from scoring.storage.audit import AuditFilter
from tests.storage.samples import NOW


def test_audit_event_round_trip_and_filters(db: Database) -> None:
    first = NewAuditEvent(
        logged_at=NOW,
        actor="coord",
        campaign_id=1,
        action="views.import",
        target="a.csv",
        details={"rows": 3, "名": "值"},
    )
    second = NewAuditEvent(logged_at=NOW, actor="admin", action="user.add", target="li")
    db.write(lambda c: audit.append_event(c, first))
    db.write(lambda c: audit.append_event(c, second))
    everything = db.read(lambda c: audit.list_events(c, AuditFilter()))
    assert [e.action for e in everything] == ["user.add", "views.import"]
    only = db.read(lambda c: audit.list_events(c, AuditFilter(actor="coord")))
    assert [(e.actor, e.details) for e in only] == [("coord", {"rows": 3, "名": "值"})]
    assert db.read(audit.list_actions) == ["user.add", "views.import"]


def _event(
    minutes: int,
    action: str,
    *,
    campaign_id: int | None = 1,
    actor: str = "coord",
    target: str = "",
    details: dict[str, object] | None = None,
) -> NewAuditEvent:
    return NewAuditEvent(
        logged_at=NOW + timedelta(minutes=minutes),
        actor=actor,
        campaign_id=campaign_id,
        action=action,
        target=target,
        details=details or {},
    )


def test_append_events_keeps_the_given_order_and_accepts_none(db: Database) -> None:
    db.write(lambda c: audit.append_events(c, []))
    assert db.read(lambda c: audit.list_events(c, AuditFilter())) == []
    batch = [_event(0, "score.save", target="1"), _event(0, "score.save", target="2")]
    db.write(lambda c: audit.append_events(c, batch))
    listed = db.read(lambda c: audit.list_events(c, AuditFilter()))
    assert [e.target for e in listed] == ["2", "1"]  # newest first: the later id first


def test_list_events_since_until_campaign_and_limit(db: Database) -> None:
    given = [(0, "a", 1), (10, "b", 1), (20, "c", 2), (30, "d", 1)]
    events = [_event(m, action, campaign_id=camp) for m, action, camp in given]
    db.write(lambda c: audit.append_events(c, events))
    window = AuditFilter(since=NOW + timedelta(minutes=10), until=NOW + timedelta(minutes=30))
    assert [e.action for e in db.read(lambda c: audit.list_events(c, window))] == ["c", "b"]
    one = AuditFilter(campaign_id=1, limit=2)
    assert [e.action for e in db.read(lambda c: audit.list_events(c, one))] == ["d", "b"]
    assert db.read(lambda c: audit.count_actions(c, 1)) == {"a": 1, "b": 1, "d": 1}
    assert db.read(lambda c: audit.count_actions(c, 3)) == {}


def test_has_cookie_login_matches_actor_cookie_and_time(db: Database) -> None:
    resumed = _event(5, "login.resumed", actor="li", details={"issued_at": "2026-03-01T09:00"})
    db.write(lambda c: audit.append_event(c, resumed))

    def seen(actor: str, issued: str, since_minutes: int) -> bool:
        since = NOW + timedelta(minutes=since_minutes)
        return db.read(lambda c: audit.has_cookie_login(c, actor, issued, since))

    assert seen("li", "2026-03-01T09:00", 5) is True
    assert seen("li", "2026-03-01T09:00", 6) is False
    assert seen("li", "2026-03-01T10:00", 0) is False
    assert seen("wang", "2026-03-01T09:00", 0) is False
