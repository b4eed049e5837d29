"""The DuckDB file: one connection per process, a cursor per unit of work, migrations.

DuckDB allows one writing process. Inside it, one connection object is shared and every
unit of work takes its own ``cursor()`` (sharing a cursor across threads raises in 2.0).
Writes are short transactions retried on ``TransactionException`` (write-write conflicts).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, TypeVar

import duckdb

from scoring.errors import DatabaseBusy, DataFolderProblem
from scoring.storage.data_folder import is_read_only_error, open_folder, read_only_problem
from scoring.storage.lock_holder import LOCK_HOLDER, busy
from scoring.storage.migrations import MIGRATIONS, Migration

T = TypeVar("T")
Cursor = duckdb.DuckDBPyConnection

_WRITE_ATTEMPTS: Final = 12


_STAMPS: dict[Path, int] = {}
_STAMPS_LOCK = threading.Lock()


class Database:
    """The process's connection to one DuckDB file."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._con = connection
        self.path = path
        self._key = path.resolve()
        self._closed = False
        self._lock = threading.Lock()
        # Every cursor reads and writes times in UTC (set once for the whole connection).
        connection.execute("SET GLOBAL TimeZone = 'UTC'")

    def cursor(self) -> Cursor:
        """Return a new cursor for one thread's unit of work (close it when done)."""
        return self._con.cursor()

    @property
    def stamp(self) -> int:
        """A count this process moves at the start and at the end of every write to this
        file: what was read at one stamp is still true while the stamp has not moved
        (no other process can write while this one holds the file)."""
        with _STAMPS_LOCK:
            return _STAMPS.get(self._key, 0)

    def _bump(self) -> None:
        with _STAMPS_LOCK:
            _STAMPS[self._key] = _STAMPS.get(self._key, 0) + 1

    def read(self, work: Callable[[Cursor], T]) -> T:
        """Run ``work`` on a fresh cursor outside any explicit transaction."""
        cur = self.cursor()
        try:
            return work(cur)
        finally:
            cur.close()

    def write(self, work: Callable[[Cursor], T]) -> T:
        """Run ``work`` in one transaction, retrying it whole on a write conflict."""
        self._bump()
        try:
            return self._write(work)
        finally:
            self._bump()

    def _write(self, work: Callable[[Cursor], T]) -> T:
        delay = 0.005
        for attempt in range(_WRITE_ATTEMPTS):
            cur = self.cursor()
            try:
                cur.begin()
                result = work(cur)
                cur.commit()
                return result
            except duckdb.TransactionException:
                _rollback(cur)
                if attempt == _WRITE_ATTEMPTS - 1:
                    break
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
            except BaseException:
                _rollback(cur)
                raise
            finally:
                cur.close()
        raise DatabaseBusy("error.db_conflict", attempts=_WRITE_ATTEMPTS)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file."""
        self.read(lambda cur: cur.execute("CHECKPOINT"))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if not self._closed:
                self._con.close()
                self._closed = True


def _rollback(cur: Cursor) -> None:
    # No transaction may be open (failed before BEGIN) or it is already rolled back.
    with contextlib.suppress(duckdb.Error):
        cur.rollback()


def open_database(
    path: Path, *, clock: Callable[[], datetime] | None = None, create: bool = True
) -> Database:
    """Open the database at ``path`` and apply pending migrations; ``create`` False refuses
    a folder without one instead of making an empty one (see ``data_folder.open_folder``)."""
    open_folder(path, create=create)
    con = _connect(path)
    db = Database(con, path)
    try:
        migrate(db, now=(clock or _utc_now)())
    except BaseException:
        db.close()
        raise
    return db


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.IOException as exc:
        held = LOCK_HOLDER.search(str(exc))
        if held:
            raise busy(path, pid=held["pid"], program=held["exe"]) from None
        if is_read_only_error(str(exc)):
            raise read_only_problem(path.parent) from None
        raise DataFolderProblem("error.db_unreadable", path=str(path), reason=str(exc)) from None
    except duckdb.Error as exc:
        raise DataFolderProblem("error.db_unreadable", path=str(path), reason=str(exc)) from None


def schema_version(cur: Cursor) -> int:
    """Highest migration applied to this database (0 for a new file)."""
    cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )
    row = cur.fetchone()
    if not row or row[0] == 0:
        return 0
    cur.execute("SELECT coalesce(max(version), 0) FROM schema_migrations")
    found = cur.fetchone()
    return int(found[0]) if found else 0


def migrate(
    db: Database, *, now: datetime, migrations: Sequence[Migration] = MIGRATIONS
) -> list[int]:
    """Apply every pending migration, each in its own transaction; return those applied."""
    current = db.read(schema_version)
    newest = migrations[-1].version
    if current > newest:
        raise DataFolderProblem(
            "error.db_too_new", path=str(db.path), found=current, supported=newest
        )
    applied = []
    for migration in migrations:
        if migration.version > current:
            db.write(functools.partial(_apply, migration=migration, now=now))
            applied.append(migration.version)
    if applied:
        db.checkpoint()
    return applied


def _apply(cur: Cursor, *, migration: Migration, now: datetime) -> None:
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    for statement in migration.statements():
        cur.execute(statement)
    cur.execute(
        "INSERT INTO schema_migrations VALUES (?, ?, ?)", [migration.version, migration.name, now]
    )
