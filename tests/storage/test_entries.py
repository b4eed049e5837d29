"""storage/entries.py: entries, their media files, and the reads built on them."""

from __future__ import annotations

from scoring.records import Entry, MediaFile
from scoring.storage import Database, entries
from tests.storage.samples import NOW, full_entry


def test_entry_round_trip_and_update(db: Database) -> None:
    stored = db.write(lambda c: entries.add_entry(c, full_entry()))
    assert stored.__dict__ == {**full_entry().__dict__, "id": stored.id}
    changed = Entry(**{**stored.__dict__, "title": "新标题", "cqo_case": False})
    db.write(lambda c: entries.update_entry(c, changed))
    assert db.read(lambda c: entries.get_entry(c, stored.id)) == changed
    assert db.read(lambda c: entries.list_entries(c, 1)) == [changed]


def test_media_file_round_trip(db: Database) -> None:
    given = MediaFile(
        sha256="c" * 64,
        size_bytes=123,
        original_name="../视频 1.mp4",
        stored_at=NOW,
        container="mov",
        video_codec="ProRes",
        audio_codec="PCM",
        width=1080,
        height=1920,
        rotation=90,
        duration_s=12.5,
        fps=25.0,
        bit_rate=1000,
        probe={"container": "mov", "rotation": 90},
        preview_status="failed",
        preview_progress=0.5,
        preview_error="ffmpeg: x",
    )
    db.write(lambda c: entries.add_media_file(c, given))
    assert db.read(lambda c: entries.get_media_file(c, "c" * 64)) == given
