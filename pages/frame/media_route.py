"""The app's own media route: signed, expiring URLs served with HTTP Range by Starlette."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from pages.frame.runtime import context
from scoring.errors import NotAllowed, NotFound
from scoring.media.urls import ROUTE_PREFIX
from scoring.services.media import open_media


def serve_media(request: Request) -> Response:
    """Send one preview, original or poster; 403 for a bad or expired URL, 404 if missing."""
    try:
        served = open_media(context(), token=request.path_params["token"])
    except NotAllowed as refused:
        return PlainTextResponse(refused.message("en"), status_code=403)
    except NotFound as missing:
        return PlainTextResponse(missing.message("en"), status_code=404)
    # FileResponse answers Range requests with 206 and streams from disk in chunks.
    return FileResponse(
        served.path,
        media_type=served.media_type,
        headers={"Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff"},
    )


ROUTES = [Route(ROUTE_PREFIX + "{token}", serve_media, methods=["GET", "HEAD"])]


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """Open (and on an empty folder seed) the data before the first visitor arrives."""
    await anyio.to_thread.run_sync(context)
    yield
