"""An address deeper than a page (``/ranking/2023``, ``/a/b``) opens its first part.

Streamlit answers a path it does not know with the app's page, whose scripts and styles are
linked relative to the address: under ``/a/b`` the browser asks for ``/a/static/…``, gets
the page again instead of a script, and shows nothing at all. The app's pages are one part
deep, so when a browser opens such an address as a page (and Streamlit's answer is that
page) it is sent to the address's first part, which the navigation answers like any other
(``pages/frame/navigation.py``: the page, or the role's first page with a note).
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def first_part(path: str, base: str = "") -> str | None:
    """The address to open instead of ``path`` (under the base URL ``base``), or None
    when it is at most one part deep."""
    base_parts = [p for p in base.split("/") if p]
    parts = [p for p in path.split("/") if p]
    if parts[: len(base_parts)] != base_parts:
        return None
    rest = parts[len(base_parts) :]
    if len(rest) < 2:
        return None
    return "/" + "/".join(quote(p, safe="") for p in (*base_parts, rest[0]))


def _opens_a_page(scope: Scope) -> bool:
    """A GET the browser makes to show a page (not a script, frame or download)."""
    headers = dict(scope.get("headers") or [])
    return scope["method"] == "GET" and headers.get(b"sec-fetch-dest") == b"document"


class DeepLinks:
    """ASGI middleware: the app's page served at a deep address becomes a redirect to the
    address's first part; every other answer passes untouched."""

    def __init__(self, app: ASGIApp, base: str = "") -> None:
        self.app = app
        self.base = base

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = first_part(scope["path"], self.base) if scope["type"] == "http" else None
        if target is None or not _opens_a_page(scope):
            await self.app(scope, receive, send)
            return
        redirected = False

        async def answer(message: Message) -> None:
            nonlocal redirected
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers") or []).get(b"content-type", b"")
                if message["status"] == 200 and kind.startswith(b"text/html"):
                    redirected = True
                    await RedirectResponse(target, status_code=307)(scope, receive, send)
                    return
            if not redirected:  # the page's own body is dropped after a redirect
                await send(message)

        await self.app(scope, receive, answer)
