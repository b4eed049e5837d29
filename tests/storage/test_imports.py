"""storage/imports.py: the log of imported files."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from scoring.records.views import NewImportRecord, ViewSnapshot
from scoring.storage import Database, imports, views
from tests.storage.samples import NOW


def _record(**changes: object) -> NewImportRecord:
    given = NewImportRecord(
        campaign_id=1,
        kind="views",
        file_name="抖音.csv",
        sha256="d" * 64,
        rows_read=10,
        rows_imported=8,
        rows_duplicate=1,
        rows_rejected=1,
        username="coord",
        imported_at=NOW,
    )
    return replace(given, **changes)


def test_snapshot_and_import_round_trip(db: Database) -> None:
    record = _record()
    stored = db.write(lambda c: imports.add_import(c, record))
    assert stored.__dict__ == {**record.__dict__, "id": stored.id}
    snap = ViewSnapshot(
        entry_id=1,
        platform="douyin",
        captured_at=NOW,
        views=12000,
        likes=None,
        comments=3,
        shares=4,
        import_id=stored.id,
    )
    db.write(lambda c: views.add_snapshot(c, snap))
    assert db.read(lambda c: views.list_snapshots(c, 1)) == [snap]
    assert db.read(lambda c: imports.list_imports(c, 1)) == [stored]


def test_list_imports_is_newest_first_and_of_one_campaign(db: Database) -> None:
    early = db.write(lambda c: imports.add_import(c, _record(file_name="a.csv")))
    late = db.write(
        lambda c: imports.add_import(
            c, _record(file_name="b.csv", imported_at=NOW + timedelta(hours=1))
        )
    )
    same_time = db.write(lambda c: imports.add_import(c, _record(file_name="c.csv")))
    db.write(lambda c: imports.add_import(c, _record(campaign_id=2, file_name="x.csv")))
    listed = db.read(lambda c: imports.list_imports(c, 1))
    assert [r.id for r in listed] == [late.id, same_time.id, early.id]
    assert db.read(lambda c: imports.list_imports(c, 3)) == []


def test_find_import_is_the_first_of_the_same_kind_and_contents(db: Database) -> None:
    db.write(
        lambda c: imports.add_import(c, _record(file_name="b.csv", imported_at=NOW + timedelta(1)))
    )
    first = db.write(lambda c: imports.add_import(c, _record(file_name="a.csv")))
    db.write(lambda c: imports.add_import(c, _record(kind="scores", sha256="e" * 64)))

    def find(kind: str, sha: str, campaign_id: int = 1) -> object:
        return db.read(
            lambda c: imports.find_import(c, campaign_id=campaign_id, kind=kind, sha256=sha)
        )

    assert find("views", "d" * 64) == first
    assert find("scores", "d" * 64) is None
    assert find("views", "e" * 64) is None
    assert find("views", "d" * 64, campaign_id=2) is None
