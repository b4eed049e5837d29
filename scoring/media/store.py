"""The media store: originals kept untouched under their sha256, written atomically.

Files are hashed while they are copied in chunks, never read whole into memory. The
original name is metadata only; nothing in a stored path comes from a user.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

CHUNK: Final = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """A file now in the store."""

    sha256: str
    size_bytes: int
    path: Path
    already_present: bool


def originals_dir(media_dir: Path) -> Path:
    """Folder of the untouched originals."""
    return media_dir / "originals"


def original_path(media_dir: Path, sha256: str) -> Path:
    """Where the original with this hash lives."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return originals_dir(media_dir) / sha256


def _chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk


def store_stream(media_dir: Path, source: BinaryIO) -> StoredFile:
    """Copy ``source`` into the store, hashing as it goes; return where it landed."""
    folder = originals_dir(media_dir)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in _chunks(source):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return _settle(media_dir, tmp, digest.hexdigest(), size)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def store_file(media_dir: Path, path: Path) -> StoredFile:
    """Copy the file at ``path`` into the store.

    The kernel copies (``copy_file_range``) while another thread hashes the source in
    chunks, so a large original costs about one pass, not two.
    """
    from concurrent.futures import ThreadPoolExecutor  # (and logging): only when copying

    folder = originals_dir(media_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(sha256_of, path)
            _copy_durably(path, tmp)
            sha = digest.result()
        return _settle(media_dir, tmp, sha, tmp.stat().st_size)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


COPY_CHUNK: Final = 16 * CHUNK
_NO_KERNEL_COPY: Final = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}


def _copy_durably(source: Path, target: Path) -> None:
    """Copy in the kernel chunk by chunk, asking the disk to start writing each chunk at
    once, then fsync: the final wait is short (300 MB: 0.25 s → 0.19 s here)."""
    with source.open("rb") as read, target.open("wb") as write:
        done = 0
        try:
            while copied := os.copy_file_range(read.fileno(), write.fileno(), COPY_CHUNK):
                os.posix_fadvise(write.fileno(), done, copied, os.POSIX_FADV_DONTNEED)
                done += copied
        except OSError as problem:
            if done or problem.errno not in _NO_KERNEL_COPY:
                raise
            shutil.copyfileobj(read, write, COPY_CHUNK)  # no kernel copy between these two
        write.flush()
        os.fsync(write.fileno())


def _settle(media_dir: Path, tmp: Path, sha: str, size: int) -> StoredFile:
    """Give a fully written temp file its hash name (or drop it when already stored)."""
    target = original_path(media_dir, sha)
    if target.exists():
        tmp.unlink()
        return StoredFile(sha, size, target, already_present=True)
    os.chmod(tmp, 0o400)  # read-only, and private like the whole data folder
    os.replace(tmp, target)
    return StoredFile(sha, size, target, already_present=False)


def sha256_of(path: Path) -> str:
    """Hash a file in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for chunk in _chunks(source):
            digest.update(chunk)
    return digest.hexdigest()


def remove_partial_files(media_dir: Path) -> int:
    """Delete leftovers of interrupted copies; return how many were removed."""
    folder = originals_dir(media_dir)
    removed = 0
    for leftover in folder.glob(".incoming-*") if folder.exists() else ():
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed
