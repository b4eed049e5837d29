"""The media_hints and media_matches tables (migration 7) in a real DuckDB."""

from __future__ import annotations

from datetime import UTC, datetime

from scoring.records.media import MediaFile, MediaHints, MediaMatch
from scoring.services.context import Context
from scoring.storage import hints as store
from scoring.storage.entries import add_media_file

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _media(ctx: Context, *shas: str) -> None:
    for n, sha in enumerate(shas):
        stored = datetime(2026, 3, 1, 8, n, tzinfo=UTC)
        record = MediaFile(sha256=sha, size_bytes=1, original_name=f"{sha}.mp4", stored_at=stored)
        ctx.db.write(lambda cur, record=record: add_media_file(cur, record))


def test_state_then_result_then_listing_without_the_signature(ctx: Context) -> None:
    _media(ctx, "a1", "b2", "c3")
    assert [m.sha256 for m in ctx.db.read(store.media_waiting_for_hints)] == ["a1", "b2", "c3"]

    ctx.db.write(lambda cur: store.set_hints_state(cur, "a1", status="running", progress=0.25))
    ctx.db.write(lambda cur: store.set_hints_state(cur, "a1", status="running", progress=0.5))
    assert ctx.db.read(lambda c: store.get_hints(c, "a1")) == MediaHints(
        sha256="a1", status="running", progress=0.5
    )
    assert [m.sha256 for m in ctx.db.read(store.media_waiting_for_hints)] == ["b2", "c3"]

    measures = {"duration_s": 2.0, "loudness": None, "blacks": [[0.5, 1.5]]}
    ctx.db.write(
        lambda cur: store.save_hints(
            cur, "a1", measures=measures, signature=b"\x00\x01sig", measured_at=AT
        )
    )
    ctx.db.write(
        lambda cur: store.save_hints(cur, "b2", measures={}, signature=None, measured_at=AT)
    )
    assert ctx.db.read(lambda c: store.get_hints(c, "a1")) == MediaHints(
        sha256="a1", status="done", progress=1.0, measures=measures, measured_at=AT
    )
    assert ctx.db.read(lambda c: store.signatures_except(c, "c3")) == [("a1", b"\x00\x01sig")]
    assert ctx.db.read(lambda c: store.signatures_except(c, "a1")) == []


def test_pairs_are_replaced_for_one_original_and_found_from_either_side(ctx: Context) -> None:
    _media(ctx, "a1", "b2", "c3")
    first = MediaMatch(sha_a="a1", sha_b="b2", ranges=[[0.0, 5.0, 1.0, 6.0]], whole=True)
    second = MediaMatch(sha_a="b2", sha_b="c3", ranges=[[2.0, 4.0, 0.0, 2.0]], whole=False)
    ctx.db.write(lambda cur: store.replace_matches(cur, "b2", [first, second]))
    assert ctx.db.read(lambda c: store.matches_of(c, ["c3"])) == [second]
    assert ctx.db.read(lambda c: store.matches_of(c, ["b2"])) == [first, second]

    ctx.db.write(lambda cur: store.replace_matches(cur, "a1", []))  # a1 measured again
    assert ctx.db.read(lambda c: store.matches_of(c, ["a1", "b2", "c3"])) == [second]
    assert ctx.db.read(lambda c: store.matches_of(c, [])) == []


def test_work_left_running_goes_back_to_the_queue(ctx: Context) -> None:
    _media(ctx, "a1")
    ctx.db.write(lambda cur: store.set_hints_state(cur, "a1", status="running", progress=0.7))
    assert ctx.db.write(store.requeue_interrupted_hints) == 1
    assert ctx.db.read(lambda c: store.get_hints(c, "a1")) == MediaHints(sha256="a1")
    assert [m.sha256 for m in ctx.db.read(store.media_waiting_for_hints)] == ["a1"]
