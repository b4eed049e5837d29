"""Openings and served parts round-trip; an entry keeps its earliest opening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from scoring.records import ServedPart
from scoring.storage import open_database
from scoring.storage import watching as store

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_the_earliest_opening_is_kept(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    for at in (NOW, NOW - timedelta(minutes=5), NOW + timedelta(minutes=5)):
        db.write(lambda c, at=at: store.note_opening(c, judge_id=3, entry_id=2, at=at))
    opened = db.read(lambda c: store.opened_at(c, judge_id=3, entry_id=2))
    never = db.read(lambda c: store.opened_at(c, judge_id=3, entry_id=9))
    db.close()
    assert (opened, never) == (NOW - timedelta(minutes=5), None)


def test_served_parts_come_back_as_seconds_of_that_judge_and_entry(tmp_path: Path) -> None:
    db = open_database(tmp_path / "jurydesk.duckdb", clock=lambda: NOW)
    for judge, entry, start, end in ((3, 2, 7.5, 9.0), (3, 2, 0.0, 2.25), (4, 2, 0.0, 15.0)):
        part = ServedPart(
            judge_id=judge,
            entry_id=entry,
            kind="clean",
            byte_start=0,
            byte_end=100,
            start_s=start,
            end_s=end,
            served_at=NOW,
        )
        db.write(lambda c, p=part: store.add_served_part(c, p))
    mine = db.read(lambda c: store.served_seconds(c, judge_id=3, entry_id=2))
    db.close()
    assert mine == [(0.0, 2.25), (7.5, 9.0)]
