"""Addresses deeper than a page, as ASGI middleware: the app's page served there becomes a
redirect to the first part; scripts, frames, downloads and other answers pass untouched."""

from __future__ import annotations

import asyncio
from typing import Any

from pages.frame.deep_links import DeepLinks, first_part


def test_first_part_of_an_address() -> None:
    assert first_part("/ranking/2023") == "/ranking"
    assert first_part("/a/b/c/") == "/a"
    assert first_part("/排名/x") == "/%E6%8E%92%E5%90%8D"
    assert first_part("/ranking") is None
    assert first_part("/") is None
    assert first_part("/jury/ranking/2023", "jury") == "/jury/ranking"
    assert first_part("/jury/ranking", "/jury/") is None
    assert first_part("/other/ranking", "jury") is None


def _call(path: str, dest: str, kind: bytes = b"text/html", status: int = 200) -> list[Any]:
    """What the browser gets: (status, location) and the bodies sent."""
    sent: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind)]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"<html>the app</html>"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message["headers"])
            sent.append((message["status"], headers.get(b"location", b"").decode()))
        else:
            sent.append(message["body"])

    headers = [(b"sec-fetch-dest", dest.encode())]
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "query_string": b""}
    asyncio.run(DeepLinks(app)(scope, receive, send))
    return sent


def test_the_page_at_a_deep_address_is_a_redirect_to_its_first_part() -> None:
    sent = _call("/ranking/2023", "document")
    assert sent[0] == (307, "/ranking")
    assert b"<html>the app</html>" not in sent


def test_other_answers_pass_untouched() -> None:
    page = [(200, ""), b"<html>the app</html>"]
    assert _call("/ranking", "document") == page  # one part deep
    assert _call("/a/static/js/index.js", "script") == page  # not a page load
    assert _call("/component/cookies/index.html", "iframe") == page
    assert _call("/media/x/y", "document", kind=b"video/mp4")[0] == (200, "")
    assert _call("/a/b", "document", status=404)[0] == (404, "")
