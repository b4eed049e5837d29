"""The app's media route on the real server: Range requests, refusals."""

from __future__ import annotations

import contextlib
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import anyio

from pages.frame.media_route import NotedFileResponse
from scoring.media.urls import MediaGrant, media_key, sign_grant

COORD, JUDGE1, JUDGE5 = 2, 3, 7  # user ids of the demo (admin 1, coord 2, judges 3–7)
D02_BYTES = (Path(__file__).resolve().parents[2] / "data/demo/clips/D02.mp4").read_bytes()


def _url(
    server: str, data_dir: Path, *, user: int, entry: int, ttl: int = 600, kind: str = "original"
) -> str:
    key = media_key((data_dir / "cookie.key").read_text().strip())
    grant = MediaGrant(
        kind=kind,
        entry_id=entry,
        user_id=user,
        expires=int(time.time()) + ttl,
        signed_in=int(time.time() * 1_000_000),
    )
    return server + sign_grant(grant, key)


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_range_request_answered_206_with_exact_bytes(server: str, server_data: Path) -> None:
    url = _url(server, server_data, user=COORD, entry=2)
    status, headers, body = _get(url, Range="bytes=100-199")
    assert status == 206
    assert headers["content-range"] == f"bytes 100-199/{len(D02_BYTES)}"
    assert body == D02_BYTES[100:200]
    status, headers, body = _get(url)
    assert (status, headers["accept-ranges"], body) == (200, "bytes", D02_BYTES)


def test_expired_tampered_and_foreign_urls_refused(server: str, server_data: Path) -> None:
    expired = _url(server, server_data, user=JUDGE1, entry=2, ttl=-1, kind="clean")
    assert _get(expired)[0] == 403
    good = _url(server, server_data, user=JUDGE1, entry=2, kind="clean")
    assert _get(good)[0] == 200
    assert _get(good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"))[0] == 403
    conflicted = _url(server, server_data, user=JUDGE5, entry=6)
    status, _, body = _get(conflicted)
    assert status == 403
    assert b"may not open entry GS-2023-006" in body


def test_a_judge_gets_the_tag_free_copy_never_the_original(server: str, server_data: Path) -> None:
    assert _get(_url(server, server_data, user=JUDGE1, entry=2))[0] == 403
    status, headers, body = _get(_url(server, server_data, user=JUDGE1, entry=2, kind="clean"))
    assert (status, headers["content-type"]) == (200, "video/mp4")
    assert body != D02_BYTES and len(body) > len(D02_BYTES) // 2


# --- what the route notes as sent (evidence of a judge's watching) ---------------------------


def _answer(path: Path, headers: dict[str, str], *, fail_after: int | None = None) -> list[Any]:
    """Run a NotedFileResponse for one GET; the (start, end) stretches it noted. With
    ``fail_after``, the client is gone after that many body chunks (sending raises)."""
    notes: list[tuple[int, int]] = []
    chunks = [0]

    async def receive() -> dict[str, Any]:
        await anyio.sleep(3600)  # the client never hangs up by itself
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            chunks[0] += 1
            if fail_after is not None and chunks[0] > fail_after:
                raise OSError("client gone")

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/media/x",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    note = lambda a, b: notes.append((a, b))  # noqa: E731 - the route's callback
    response = NotedFileResponse(path, media_type="video/mp4", note=note)

    async def run() -> None:
        with contextlib.suppress(OSError):
            await response(scope, receive, send)

    anyio.run(run)
    return notes


def test_the_route_notes_the_bytes_it_sent_not_the_range_asked_for(tmp_path: Path) -> None:
    video = tmp_path / "copy.mp4"
    video.write_bytes(bytes(range(256)) * 4096)  # 1 MiB: 16 chunks of 64 KiB
    assert _answer(video, {}) == [(0, 1 << 20)]
    assert _answer(video, {"Range": "bytes=1000-"}) == [(1000, 1 << 20)]
    assert _answer(video, {"Range": "bytes=1000-"}, fail_after=3) == [(1000, 1000 + 3 * 65536)]
    assert _answer(video, {"Range": "bytes=0-9,100-109"}) == []  # several ranges: not counted
