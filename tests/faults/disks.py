"""Disks that refuse writes, for the fault tests: a read-only folder, and a full disk.

A read-only folder is real: for an ordinary user the folder's write bits are taken away;
root ignores those, so for root the folder is copied onto a small tmpfs mounted read-only
(skipped where this process may not mount). A full disk is simulated at the system call
(``os.write`` family), the way ``test_crash_and_disk`` does it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` (with what it holds) where nothing can be written; yields its path."""
    if os.geteuid() != 0:
        with _without_write_bits(folder):
            yield folder
        return
    mount = folder.with_name(folder.name + "-ro")
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip(f"root may not mount a read-only tmpfs here: {done.stderr.strip()}")
    try:
        shutil.copytree(folder, mount, dirs_exist_ok=True, symlinks=True)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()


@contextlib.contextmanager
def _without_write_bits(folder: Path) -> Iterator[None]:
    paths = [folder, *folder.rglob("*")]
    before = {p: p.stat().st_mode & 0o777 for p in paths}
    for path in paths:
        path.chmod(before[path] & ~0o222)
    try:
        yield
    finally:
        for path in reversed(paths):
            path.chmod(before[path])


def no_space(*_args: object, **_kwargs: object) -> int:
    """What a write on a full disk does."""
    raise OSError(errno.ENOSPC, "No space left on device")
