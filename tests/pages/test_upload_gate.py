"""The upload gate as ASGI middleware: refused before the body is read, unless admitted."""

from __future__ import annotations

import asyncio
from typing import Any

from pages.frame.upload_gate import UploadGate, admit, is_admitted, withdraw


def _call(method: str, path: str) -> tuple[int, bool, int]:
    """(status sent, whether the app behind was reached, body messages read)."""
    reached, reads, sent = [False], [0], []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached[0] = True
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def receive() -> dict[str, Any]:
        reads[0] += 1
        return {"type": "http.request", "body": b"x" * 1024, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.append(message["status"])

    scope = {"type": "http", "method": method, "path": path, "headers": []}
    asyncio.run(UploadGate(app)(scope, receive, send))
    return sent[0], reached[0], reads[0]


def test_an_upload_from_a_session_not_admitted_is_refused_unread() -> None:
    withdraw("s-1")
    assert _call("PUT", "/_stcore/upload_file/s-1/f-9") == (403, False, 0)
    assert _call("PUT", "/jury/_stcore/upload_file/s-1/f-9") == (403, False, 0)  # base URL


def test_an_admitted_session_passes_until_withdrawn() -> None:
    admit("s-2")
    assert is_admitted("s-2")
    assert _call("PUT", "/_stcore/upload_file/s-2/f-1") == (204, True, 0)
    withdraw("s-2")
    assert _call("PUT", "/_stcore/upload_file/s-2/f-1") == (403, False, 0)


def test_other_requests_pass_untouched() -> None:
    withdraw("s-3")
    assert _call("DELETE", "/_stcore/upload_file/s-3/f-1") == (204, True, 0)
    assert _call("GET", "/_stcore/health") == (204, True, 0)
    assert _call("PUT", "/api/media/x") == (204, True, 0)
