"""storage/overrides.py: coordinators' decisions on the result, and their revocation."""

from __future__ import annotations

from datetime import timedelta

from scoring.records.ranking import NewOverride
from scoring.storage import Database, overrides
from tests.storage.samples import NOW


def _neutralise(entry_id: int, *, campaign_id: int = 1, minutes: int = 0) -> NewOverride:
    return NewOverride(
        campaign_id=campaign_id,
        entry_id=entry_id,
        kind="neutralise_audience",
        reason="刷量",
        created_by="coord",
        created_at=NOW + timedelta(minutes=minutes),
    )


def test_override_round_trip(db: Database) -> None:
    given = NewOverride(
        campaign_id=1,
        entry_id=2,
        kind="shortlist_in",
        reason="专家组一致意见",
        created_by="coord",
        created_at=NOW,
        revoked_by="admin",
        revoked_at=NOW,
        revoke_reason="撤回",
    )
    stored = db.write(lambda c: overrides.add_override(c, given))
    assert stored.__dict__ == {**given.__dict__, "id": stored.id}
    assert db.read(lambda c: overrides.list_overrides(c, 1)) == [stored]


def test_list_overrides_oldest_first_of_one_campaign(db: Database) -> None:
    late = db.write(lambda c: overrides.add_override(c, _neutralise(1, minutes=5)))
    early = db.write(lambda c: overrides.add_override(c, _neutralise(2)))
    db.write(lambda c: overrides.add_override(c, _neutralise(3, campaign_id=2)))
    assert [o.id for o in db.read(lambda c: overrides.list_overrides(c, 1))] == [
        early.id,
        late.id,
    ]
    assert db.read(lambda c: overrides.list_overrides(c, 9)) == []


def test_revoke_returns_the_stored_override_and_ends_the_neutralisation(db: Database) -> None:
    stored = db.write(lambda c: overrides.add_override(c, _neutralise(4)))
    assert db.read(lambda c: overrides.active_neutralisation(c, 4)) == stored
    assert db.read(lambda c: overrides.neutralised_entry_ids(c, 1)) == {4}
    at = NOW + timedelta(hours=2)
    revoked = db.write(
        lambda c: overrides.revoke_override(c, stored.id, by="admin", at=at, reason="误判")
    )
    assert (revoked.id, revoked.revoked_by, revoked.revoked_at, revoked.revoke_reason) == (
        stored.id,
        "admin",
        at,
        "误判",
    )
    assert db.read(lambda c: overrides.active_neutralisation(c, 4)) is None
    assert db.read(lambda c: overrides.neutralised_entry_ids(c, 1)) == set()


def test_active_neutralisation_is_the_newest_live_one_and_ignores_other_kinds(
    db: Database,
) -> None:
    db.write(lambda c: overrides.add_override(c, _neutralise(5)))
    newer = db.write(lambda c: overrides.add_override(c, _neutralise(5, minutes=1)))
    swap = NewOverride(
        campaign_id=1,
        entry_id=6,
        kind="shortlist_in",
        reason="r",
        created_by="coord",
        created_at=NOW,
    )
    db.write(lambda c: overrides.add_override(c, swap))
    assert db.read(lambda c: overrides.active_neutralisation(c, 5)) == newer
    assert db.read(lambda c: overrides.active_neutralisation(c, 6)) is None
    assert db.read(lambda c: overrides.neutralised_entry_ids(c, 1)) == {5}
