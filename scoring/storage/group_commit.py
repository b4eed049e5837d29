"""Group commit: writes that arrive together share one transaction and one log flush.

DuckDB flushes its write-ahead log (``fdatasync``) at every commit and a process commits
one write at a time, so thirty judges saving in the same instant used to queue thirty
flushes and thirty sets of statements. A lane collects the requests that arrive while a
batch is being written; the next batch handles all of them in one transaction (its work
function writes them set-based) and answers each caller once that transaction has
committed — nothing is answered before it is in the log, so a ``kill -9`` loses nothing
that was answered as saved.

No thread of its own: the first caller to find the lane idle writes (leads); callers
arriving meanwhile wait, and the leader hands the lane to the first of them when its own
request is answered. A batch holds at most one request per key (one scorecard), so two
saves of the same card are written one after the other, in the order they came.

The work function answers each request with a value or the error for that request
alone (a refused mark, a locked card); such a request writes nothing. A batch that the
database keeps refusing raises ``DatabaseBusy`` (``Database.write`` retried it whole);
a batch that fails any other way is split, each request run alone, so every caller learns
its own outcome and one bad request never costs the others their save.

A lane keeps a memo of what its batches read and wrote (for scorecards: each card and
the facts its saves are checked against), so the next save of the same card need not
read them again. The memo is only used while nothing else has written to the database
since the lane's last commit (``Database.stamp`` has moved only by the lane's own
write); any other write, or a failed batch, empties it.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from scoring.errors import DatabaseBusy
from scoring.storage.database import Cursor, Database

R = TypeVar("R")
T = TypeVar("T")

# Per request: its value, or the error that refused it (and nothing of it was written);
# and what the batch learned for the memo (true once it commits).
BatchWork = Callable[
    [Cursor, Sequence[R], Mapping[Hashable, Any]],
    tuple[list[T | Exception], dict[Hashable, Any]],
]
_MEMO_LIMIT = 20_000  # entries; an emptied memo is only a few more reads


class _Ticket(Generic[R, T]):
    """One caller's request and, once its batch has committed, the answer."""

    __slots__ = ("answered", "error", "request", "value", "wake")

    def __init__(self, request: R) -> None:
        self.request = request
        self.wake = threading.Event()
        self.answered = False
        self.value: T | None = None
        self.error: BaseException | None = None

    def answer(self, outcome: T | BaseException) -> None:
        if isinstance(outcome, BaseException):
            self.error = outcome
        else:
            self.value = outcome
        self.answered = True
        self.wake.set()

    def result(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]  # answered: the work's value


class Lane(Generic[R, T]):
    """Requests of one kind on one database, written in batches by ``work``."""

    def __init__(
        self, db: Database, work: BatchWork[R, T], key: Callable[[R], Hashable], limit: int = 64
    ) -> None:
        self._db = db
        self._work = work
        self._key = key
        self._limit = limit  # a batch's size bound keeps its statements' parameter lists short
        self._mutex = threading.Lock()
        self._queue: list[_Ticket[R, T]] = []
        self._busy = False
        self._memo: dict[Hashable, Any] = {}
        self._memo_stamp = -1  # the database's stamp after the write that last filled it

    def run(self, request: R) -> T:
        """Write ``request`` with whatever else is waiting; return its answer after commit."""
        ticket: _Ticket[R, T] = _Ticket(request)
        with self._mutex:
            self._queue.append(ticket)
            leads = not self._busy
            self._busy = True
        if not leads:
            ticket.wake.wait()  # answered, or handed the lane
        if not ticket.answered:  # the lane is ours: write until our own request is answered
            self._lead(ticket)
        return ticket.result()

    def _lead(self, mine: _Ticket[R, T]) -> None:
        try:
            while not mine.answered:
                self._write(self._take())
        finally:
            with self._mutex:
                if self._queue:  # hand the lane to the first caller waiting
                    self._queue[0].wake.set()
                else:
                    self._busy = False

    def _take(self) -> list[_Ticket[R, T]]:
        """The waiting requests in arrival order, one per key, up to the batch limit."""
        with self._mutex:
            batch: list[_Ticket[R, T]] = []
            keys: set[Hashable] = set()
            rest: list[_Ticket[R, T]] = []
            for ticket in self._queue:
                key = self._key(ticket.request)
                if key in keys or len(batch) >= self._limit:
                    rest.append(ticket)
                else:
                    keys.add(key)
                    batch.append(ticket)
            self._queue = rest
            return batch

    def _write(self, batch: list[_Ticket[R, T]], *, again: bool = False) -> None:
        requests = [t.request for t in batch]
        memo_valid: list[bool] = []

        def attempt(cur: Cursor) -> tuple[list[T | Exception], dict[Hashable, Any]]:
            # The write has moved the stamp once on starting: the memo holds if nothing
            # else has written since the lane's last commit.
            memo_valid.append(self._db.stamp == self._memo_stamp + 1)
            return self._work(cur, requests, self._memo if memo_valid[-1] else {})

        try:
            start = self._db.stamp
            outcomes, learned = self._db.write(attempt)
        except Exception as error:
            self._forget()
            if len(batch) > 1 or not (again or isinstance(error, DatabaseBusy)):
                # alone, with fresh reads: each learns its own outcome
                for ticket in batch:
                    self._write([ticket], again=True)
            else:
                batch[0].answer(error)
            return
        except BaseException as error:  # interrupted: every caller in the batch hears of it
            self._forget()
            for ticket in batch:
                ticket.answer(error)
            raise
        self._remember(learned, valid=memo_valid[-1], start=start, end=self._db.stamp)
        for ticket, outcome in zip(batch, outcomes, strict=True):
            ticket.answer(outcome)

    def _remember(self, learned: dict[Hashable, Any], *, valid: bool, start: int, end: int) -> None:
        """Keep what the batch learned if its write (two moves of the stamp, one on
        starting and one on ending) was the only one meanwhile."""
        if end - start != 2 or len(self._memo) + len(learned) > _MEMO_LIMIT:
            self._forget()
            return
        if not valid:
            self._memo = {}
        self._memo.update(learned)
        self._memo_stamp = end

    def _forget(self) -> None:
        self._memo = {}
        self._memo_stamp = -1


_LANES: weakref.WeakKeyDictionary[Database, dict[str, Lane[Any, Any]]] = weakref.WeakKeyDictionary()
_LANES_GUARD = threading.Lock()


def lane(
    db: Database, name: str, work: BatchWork[R, T], key: Callable[[R], Hashable]
) -> Lane[R, T]:
    """The database's lane called ``name``, made on first use (one per open database)."""
    with _LANES_GUARD:
        lanes = _LANES.setdefault(db, {})
        found = lanes.get(name)
        if found is None:
            found = lanes[name] = Lane(db, work, key)
        return found
