"""A daemon thread that repeats one step of background work (previews, nightly backups)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Self

log = logging.getLogger(__name__)


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
