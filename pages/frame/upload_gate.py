"""Only sessions of signed-in people who register works may send files to Streamlit's
upload endpoint: coordinators, admins and recommending units' users.

Streamlit accepts ``PUT /_stcore/upload_file/<session>/<file>`` for any live session, with
or without an upload widget on its page, and keeps every file in memory until the
session ends (measured: three 150 MB files from a session at the login page took the
server from 262 to 714 MB). The shell admits a session here once such a person has signed
in on it, and withdraws it when they sign out or their session ends; this
middleware refuses every other upload before a byte of its body is read.
"""

from __future__ import annotations

import re
import threading
from typing import Final

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# Anywhere in the path: the app may run under a base URL (server.baseUrlPath).
_UPLOAD: Final = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
_admitted: set[str] = set()
_lock = threading.Lock()


def admit(session_id: str) -> None:
    """Let this browser session upload (someone who registers works is signed in on it)."""
    with _lock:
        _admitted.add(session_id)


def withdraw(session_id: str) -> None:
    """Stop this browser session from uploading (signed out, or never signed in)."""
    with _lock:
        _admitted.discard(session_id)


def is_admitted(session_id: str) -> bool:
    """Whether this browser session may upload now."""
    with _lock:
        return session_id in _admitted


class UploadGate:
    """ASGI middleware: a PUT to the upload endpoint from a session not admitted gets 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"].upper() == "PUT":
            found = _UPLOAD.search(scope["path"])
            if found is not None and not is_admitted(found[1]):
                refused = PlainTextResponse(
                    "Uploads need a coordinator, admin or unit user signed in on this page.",
                    status_code=403,
                    headers={"Connection": "close"},
                )
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)
