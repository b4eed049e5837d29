"""The app's own media route: signed, expiring URLs served with HTTP Range by Starlette.

What it sends to a judge is evidence of their watching: the bytes actually handed to the
network (not the range asked for) are noted as they go, every few seconds and at the end.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Final

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from pages.frame.runtime import context
from scoring.errors import JudgingError, NotAllowed, NotFound
from scoring.media.urls import ROUTE_PREFIX
from scoring.services.judging.watching import record_sent
from scoring.services.media import open_media

HEADERS: Final = {"Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff"}
NOTE_EVERY_S: Final = 2.0  # how often a long answer notes what it has sent so far
_RANGE: Final = re.compile(rb"bytes (\d+)-\d+/\d+")
_LOG = logging.getLogger(__name__)


class _SentBytes:
    """Counts the body bytes of one answer and passes each new stretch to ``note``."""

    def __init__(self, note: Callable[[int, int], None]) -> None:
        self.note, self.offset, self.sent, self.noted = note, 0, 0, 0
        self.counting, self.last = False, time.monotonic()

    def saw(self, message: Message) -> bool:
        """Take one ASGI message; True when it is time to note what was sent."""
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers") or [])
            found = _RANGE.fullmatch(headers.get(b"content-range", b""))
            # 200: the whole file from byte 0; 206 with one range: from its start; a
            # multipart answer (several ranges) is not counted.
            self.counting = message["status"] == 200 or found is not None
            self.offset = int(found[1]) if found else 0
        elif message["type"] == "http.response.body" and self.counting:
            self.sent += len(message.get("body", b""))
        return time.monotonic() - self.last >= NOTE_EVERY_S

    async def flush(self) -> None:
        """Note the bytes sent since the last note (in a worker thread: it writes)."""
        self.last = time.monotonic()
        if self.sent > self.noted:
            start, end = self.offset + self.noted, self.offset + self.sent
            self.noted = self.sent
            await anyio.to_thread.run_sync(self.note, start, end)


class NotedFileResponse(FileResponse):
    """A FileResponse (Range, 206, streamed from disk) that notes the bytes it sent."""

    def __init__(self, path: Path, *, media_type: str, note: Callable[[int, int], None]) -> None:
        super().__init__(path, media_type=media_type, headers=HEADERS)
        self.note = note

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Without the pathsend shortcut every chunk goes through ``counted`` below.
        extensions = dict(scope.get("extensions") or {})
        extensions.pop("http.response.pathsend", None)
        tally = _SentBytes(self.note)

        async def counted(message: Message) -> None:
            await send(message)  # returns once the chunk is handed on (flow control)
            if tally.saw(message):
                await tally.flush()

        try:
            await super().__call__({**scope, "extensions": extensions}, receive, counted)
        finally:
            with anyio.CancelScope(shield=True):  # a client gone still leaves its note
                await tally.flush()


def serve_media(request: Request) -> Response:
    """Send one preview, original or poster; 403 for a bad or expired URL, 404 if missing."""
    ctx = context()
    try:
        served = open_media(ctx, token=request.path_params["token"])
    except NotAllowed as refused:
        return PlainTextResponse(refused.message("en"), status_code=403)
    except NotFound as missing:
        return PlainTextResponse(missing.message("en"), status_code=404)
    if served.sent_to is None:
        # FileResponse answers Range requests with 206 and streams from disk in chunks.
        return FileResponse(served.path, media_type=served.media_type, headers=HEADERS)
    sent_to = served.sent_to

    def note(start: int, end: int) -> None:
        try:
            record_sent(ctx, sent_to=sent_to, start=start, end=end)
        except JudgingError:  # the video goes on; the judge's report is credited less
            _LOG.warning("could not note bytes %d–%d sent for %s", start, end, sent_to)

    return NotedFileResponse(served.path, media_type=served.media_type, note=note)


ROUTES = [Route(ROUTE_PREFIX + "{token}", serve_media, methods=["GET", "HEAD"])]


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """Open (and on an empty folder seed) the data before the first visitor arrives."""
    await anyio.to_thread.run_sync(context)
    yield
