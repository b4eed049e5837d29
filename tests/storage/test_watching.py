"""Openings and served parts round-trip; an entry keeps its earliest opening; an entry's
evidence and a calibration clip's with the same id are kept apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from scoring.records.judging import NewServedPart
from scoring.storage import open_database
from scoring.storage import watching as store
from scoring.storage.database import Database, migrate
from scoring.storage.migrations import MIGRATIONS

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_earliest_opening_is_kept(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    for at in (NOW, NOW - timedelta(minutes=5), NOW + timedelta(minutes=5)):
        db.write(lambda c, at=at: store.note_opening(c, judge_id=3, entry_id=2, at=at))
    opened = db.read(lambda c: store.opened_at(c, judge_id=3, entry_id=2))
    never = db.read(lambda c: store.opened_at(c, judge_id=3, entry_id=9))
    db.close()
    assert (opened, never) == (NOW - timedelta(minutes=5), None)


def _part(judge: int, entry: int, start: float, end: float, subject: str) -> NewServedPart:
    return NewServedPart(
        judge_id=judge,
        entry_id=entry,
        kind="clean",
        byte_start=0,
        byte_end=100,
        start_s=start,
        end_s=end,
        served_at=NOW,
        subject=subject,
    )


def test_served_parts_come_back_as_seconds_of_that_judge_and_entry(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    for judge, entry, start, end in ((3, 2, 7.5, 9.0), (3, 2, 0.0, 2.25), (4, 2, 0.0, 15.0)):
        part = _part(judge, entry, start, end, "entry")
        db.write(lambda c, p=part: store.add_served_part(c, p))
    mine = db.read(lambda c: store.served_seconds(c, judge_id=3, entry_id=2))
    db.close()
    assert mine == [(0.0, 2.25), (7.5, 9.0)]


def _evidence(db: Database, subject: str) -> tuple[object, list[tuple[float, float]]]:
    """Judge 3's opening of, and the parts sent of, entry 2 or clip 2."""
    return db.read(
        lambda c: (
            store.opened_at(c, judge_id=3, entry_id=2, subject=subject),
            store.served_seconds(c, judge_id=3, entry_id=2, subject=subject),
        )
    )


def test_a_clip_and_an_entry_with_the_same_id_keep_their_own_evidence(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    db.write(lambda c: store.note_opening(c, judge_id=3, entry_id=2, at=NOW))
    db.write(lambda c: store.add_served_part(c, _part(3, 2, 0.0, 15.0, "entry")))
    before = _evidence(db, "clip")
    later = NOW + timedelta(minutes=1)
    db.write(lambda c: store.note_opening(c, judge_id=3, entry_id=2, at=later, subject="clip"))
    db.write(lambda c: store.add_served_part(c, _part(3, 2, 0.0, 4.0, "clip")))
    after, entry = _evidence(db, "clip"), _evidence(db, "entry")
    db.close()
    assert (before, after, entry) == ((None, []), (later, [(0.0, 4.0)]), (NOW, [(0.0, 15.0)]))


def test_evidence_noted_before_migration_10_stays_an_entrys(tmp_path: Path) -> None:
    path = tmp_path / "jurydesk.duckdb"
    db = Database(duckdb.connect(str(path)), path)
    migrate(db, now=NOW, migrations=[m for m in MIGRATIONS if m.version < 10])
    db.write(lambda c: c.execute("INSERT INTO entry_openings VALUES (3, 2, ?)", [NOW]))
    db.write(
        lambda c: c.execute(
            "INSERT INTO served_parts (judge_id, entry_id, kind, byte_start, byte_end, start_s,"
            " end_s, served_at) VALUES (3, 2, 'clean', 0, 100, 0.0, 4.5, ?)",
            [NOW],
        )
    )
    migrate(db, now=NOW)
    entry, clip = _evidence(db, "entry"), _evidence(db, "clip")
    db.close()
    assert (entry, clip) == ((NOW, [(0.0, 4.5)]), (None, []))
