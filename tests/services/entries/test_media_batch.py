"""services/entries/_media_batch.py: an import's videos stored together or not at all."""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from scoring.errors import DataFolderProblem
from scoring.media.store import original_path
from scoring.services.context import Context
from scoring.services.entries import _media_batch as batch
from scoring.services.entries.media_files import MediaSource, add_media_in

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "media"
FILMS = ("dur_20_0.mp4", "dur_20_5.mp4")


def _failing(error: int) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        raise OSError(error, "refused by the disk")

    return opener


def _source(**failing: int) -> MediaSource:
    opens = {name: (lambda p=FIXTURES / name: p.open("rb")) for name in FILMS}
    opens |= {name: _failing(code) for name, code in failing.items()}
    return MediaSource(label="upload", opens=opens, sizes={n: 1 for n in opens})


def _originals(ctx: Context) -> list[Path]:
    folder = ctx.settings.media_dir
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_store_all_stores_every_file_by_name(ctx: Context) -> None:
    stored = batch.store_all(ctx, _source(), list(FILMS))
    assert sorted(stored) == list(FILMS)
    assert [m.original_name for m in stored.values()] == list(FILMS)
    for media in stored.values():
        assert original_path(ctx.settings.media_dir, media.sha256).is_file()


def test_a_full_disk_removes_what_this_import_stored_and_says_so(ctx: Context) -> None:
    with pytest.raises(DataFolderProblem) as raised:
        batch.store_all(ctx, _source(**{"z.mp4": errno.ENOSPC}), [*FILMS, "z.mp4"])
    assert (raised.value.key, raised.value.params) == (
        "error.media_disk_full",
        {"path": str(ctx.settings.media_dir.absolute()), "file": "z.mp4"},
    )
    for name in FILMS:
        sha = hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()
        assert not original_path(ctx.settings.media_dir, sha).exists()
    assert _originals(ctx) == []


def test_store_problem_names_the_reason_of_other_errors(ctx: Context) -> None:
    problem = batch.store_problem(ctx, OSError(errno.EACCES, "Permission denied"), file="a.mp4")
    assert (problem.key, problem.params) == (
        "error.media_store_failed",
        {
            "path": str(ctx.settings.media_dir.absolute()),
            "file": "a.mp4",
            "reason": "Permission denied",
        },
    )


def test_a_refused_save_discards_only_originals_no_row_knows(ctx: Context) -> None:
    stored = batch.store_all(ctx, _source(), list(FILMS))
    known, unknown = stored[FILMS[0]], stored[FILMS[1]]
    ctx.db.write(lambda cur: add_media_in(cur, known))

    def save() -> None:
        raise RuntimeError("the save was refused")

    with pytest.raises(RuntimeError):
        batch.saved_or_discarded(ctx, stored.values(), save)
    assert original_path(ctx.settings.media_dir, known.sha256).is_file()
    assert not original_path(ctx.settings.media_dir, unknown.sha256).exists()
    assert batch.saved_or_discarded(ctx, [known], lambda: 42) == 42
