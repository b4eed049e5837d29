"""The videos of one import, stored together: when the disk fills (or a copy fails, or the
save after it is refused) the originals this import copied and no entry points to are
removed again, and the import is refused with a message that says what to do."""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from scoring.errors import DataFolderProblem
from scoring.media.store import original_path
from scoring.records.media import MediaFile
from scoring.services.context import Context
from scoring.services.entries.media_files import MediaSource, store_from
from scoring.storage.entries import get_media_file

T = TypeVar("T")


def store_all(ctx: Context, source: MediaSource, names: Sequence[str]) -> dict[str, MediaFile]:
    """Store every file ``names`` of ``source``; on any failure remove those stored here."""
    stored: dict[str, MediaFile] = {}
    name = ""
    try:
        for name in names:
            stored[name] = store_from(ctx, source, name)
    except BaseException as exc:
        discard_unused(ctx, stored.values())
        if isinstance(exc, OSError):
            raise store_problem(ctx, exc, file=name) from None
        raise
    return stored


def saved_or_discarded(ctx: Context, stored: Iterable[MediaFile], save: Callable[[], T]) -> T:
    """Run ``save``; if it fails, remove the ``stored`` originals that it would have used."""
    try:
        return save()
    except BaseException:
        discard_unused(ctx, stored)
        raise


def discard_unused(ctx: Context, media: Iterable[MediaFile]) -> None:
    """Remove stored originals that no ``media_files`` row knows (an entry may point only
    at a known one): those copied for an import that did not happen."""
    shas = {m.sha256 for m in media}
    known = ctx.db.read(lambda cur: {s for s in shas if get_media_file(cur, s) is not None})
    for sha in sorted(shas - known):
        original_path(ctx.settings.media_dir, sha).unlink(missing_ok=True)


def store_problem(ctx: Context, exc: OSError, *, file: str) -> DataFolderProblem:
    """The message for a video that could not be stored: a full disk, or the reason."""
    folder = str(ctx.settings.media_dir.absolute())
    if exc.errno == errno.ENOSPC:
        return DataFolderProblem("error.media_disk_full", path=folder, file=file)
    reason = exc.strerror or str(exc)
    return DataFolderProblem("error.media_store_failed", path=folder, file=file, reason=reason)
