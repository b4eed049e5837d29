"""Work beside the pages: a daemon thread that repeats one step (nightly backups), one
that works through a queue an item at a time (previews, media hints), and results of long
computations kept per key and computed by one thread (the ranking's stability checks, the
anomaly flags of a national round)."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, Self, TypeVar

from scoring.enums import JobStatus
from scoring.services.context import Context
from scoring.storage.rows import Cursor

T = TypeVar("T")

log = logging.getLogger(__name__)
_PROGRESS_STEP = 0.05  # progress reaches the database in 5 % steps, not on every line


class BackgroundLoop:
    """Run ``step`` again and again: at once while it returns True (more work waiting),
    else after ``idle_s`` or when woken. A failing step is logged and retried later."""

    def __init__(self, name: str, step: Callable[[], bool], *, idle_s: float) -> None:
        self._step = step
        self._idle_s = idle_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> Self:
        """Start the thread."""
        self._thread.start()
        return self

    def wake(self) -> None:
        """Run the step now instead of after the idle wait."""
        self._wake.set()

    def stop(self) -> None:
        """End after the current step."""
        self._stop.set()
        self._wake.set()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end (after ``stop``)."""
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self._step():
                    continue
            except Exception:  # keep the thread alive; the failure is logged for the admin
                log.exception("background work %s failed", self._thread.name)
            self._wake.wait(self._idle_s)
            self._wake.clear()


def drain(waiting: Callable[[], Sequence[T]], one: Callable[[T], object], limit: int | None) -> int:
    """Do ``one`` on the first item still ``waiting``, again until none waits or ``limit``
    are done; return how many were done."""
    done = 0
    while limit is None or done < limit:
        items = waiting()
        if not items:
            break
        one(items[0])
        done += 1
    return done


class QueueWorker(BackgroundLoop, Generic[T]):
    """Works through a queue one item at a time (see ``drain``), then waits to be woken;
    on start it first requeues what a stopped process left half done."""

    def __init__(
        self,
        name: str,
        *,
        waiting: Callable[[], Sequence[T]],
        one: Callable[[T], object],
        requeue: Callable[[], object],
        idle_s: float,
    ) -> None:
        super().__init__(name, self._one, idle_s=idle_s)
        self._waiting, self._do, self._requeue = waiting, one, requeue

    def start(self) -> Self:
        """Requeue work a stopped process left half done, then start."""
        self._requeue()
        return super().start()

    def _one(self) -> bool:
        drain(self._waiting, self._do, 1)
        return bool(self._waiting())


class JobState(Protocol):
    """A storage function recording how far one original's job has got."""

    def __call__(self, cur: Cursor, sha256: str, /, *, status: JobStatus, progress: float) -> None:
        """Write the job's status and progress (0–1)."""


def started(ctx: Context, set_state: JobState, sha256: str) -> Callable[[float], None]:
    """Record one original's job as running at 0 % and return its progress callback, which
    writes the share reached in 5 % steps."""
    ctx.db.write(lambda cur: set_state(cur, sha256, status=JobStatus.RUNNING, progress=0.0))
    shown = [0.0]

    def progress(share: float) -> None:
        if share - shown[0] >= _PROGRESS_STEP:
            shown[0] = share
            ctx.db.write(
                lambda cur: set_state(cur, sha256, status=JobStatus.RUNNING, progress=share)
            )

    return progress


class KeptResults(Generic[T]):
    """Results of one kind of long computation, kept per key (the newest ``kept``), and
    one thread that computes those asked for beside the pages: the latest request waits
    while one runs; an older request still waiting is dropped (nobody shows it now)."""

    def __init__(self, name: str, *, kept: int) -> None:
        self._name, self._kept = name, kept
        self._lock = threading.Lock()
        self._done: OrderedDict[str, T] = OrderedDict()
        self._busy: str | None = None
        self._next: tuple[str, Callable[[], T]] | None = None

    def get(self, key: str) -> T | None:
        """The result kept for ``key``, or None."""
        with self._lock:
            found = self._done.get(key)
            if found is not None:
                self._done.move_to_end(key)
            return found

    def keep(self, key: str, result: T) -> T:
        """Keep ``result`` for ``key`` (the oldest kept one goes when there are too many)."""
        with self._lock:
            self._done[key] = result
            while len(self._done) > self._kept:
                self._done.popitem(last=False)
        return result

    def start(self, key: str, work: Callable[[], T]) -> None:
        """Compute ``work`` beside the pages and keep it for ``key`` (unless under way)."""
        with self._lock:
            if self._busy == key or key in self._done:
                return
            self._next = (key, work)
            if self._busy is not None:
                return
            self._busy = key
        threading.Thread(target=self._run, name=self._name, daemon=True).start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._next is None:
                    self._busy = None
                    return
                key, work = self._next
                self._next, self._busy = None, key
            try:
                self.keep(key, work())
            except Exception:  # the page keeps asking; the failure is logged for the admin
                log.exception("%s failed", self._name)
