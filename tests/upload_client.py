"""A client of the real server's upload endpoint, as any script could be one: a browser
tab's session held open at the login page (the page's ``/_stcore/stream`` websocket and one
rerun message, never a login), and a file PUT to that session's upload URL
(``/_stcore/upload_file/<session>/<id>``) with a valid XSRF cookie and header.

Used by tests/security/test_uploads.py and by bench/uploads.py (the memory a stranger at
the login page can make the server hold)."""

from __future__ import annotations

import asyncio
import http.client
import select
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

CHUNK = 1 << 20


class LoginPageTab(threading.Thread):
    """A session opened as a browser tab opens one, kept open (reading what the server
    sends) until ``stop``; ``session_id`` is the id the server gave it, set once ``ready``."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.session_id = ""
        self.ready, self.done = threading.Event(), threading.Event()

    def run(self) -> None:
        asyncio.run(self._talk())

    async def _talk(self) -> None:
        import websockets
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        async with websockets.connect(self.url, subprotocols=["streamlit"], max_size=None) as ws:
            back = BackMsg()
            back.rerun_script.query_string = ""
            await ws.send(back.SerializeToString())
            while not self.done.is_set():
                try:
                    raw = await asyncio.wait_for(ws.recv(), 0.2)
                except TimeoutError:
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                if msg.HasField("new_session"):
                    self.session_id = msg.new_session.initialize.session_id
                    self.ready.set()

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=10)


@dataclass(frozen=True)
class Answer:
    """The server's answer to one upload: its HTTP status (None when it closed the
    connection instead), and whether it came before the body was sent (then the body was
    not sent at all)."""

    status: int | None
    early: bool = False
    closed: str = ""  # why the connection closed, when it did

    def __str__(self) -> str:
        if self.status is None:
            return f"connection closed ({self.closed})"
        return f"{self.status}{' before the body was sent' if self.early else ''}"


def _body(size: int, boundary: str) -> tuple[Iterator[bytes], int]:
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def pieces() -> Iterator[bytes]:
        yield head
        block = b"\0" * CHUNK
        left = size
        while left > 0:
            yield block[: min(CHUNK, left)]
            left -= CHUNK
        yield tail

    return pieces(), len(head) + size + len(tail)


def put_file(base: str, session: str, size: int) -> Answer:
    """PUT a file of ``size`` zero bytes to the session's upload URL, streamed in 1 MB
    pieces; nothing of the body is sent if the server answers within a second."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token, boundary = generate_xsrf_token_string(), uuid.uuid4().hex
    body, length = _body(size, boundary)
    conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=300)
    conn.putrequest("PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}")
    for name, value in {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(length),
        "Cookie": f"_streamlit_xsrf={token}",
        "X-Xsrftoken": token,
    }.items():
        conn.putheader(name, value)
    conn.endheaders()
    try:
        early, _, _ = select.select([conn.sock], [], [], 1.0)
        if not early:
            for piece in body:
                conn.send(piece)
        return Answer(conn.getresponse().status, early=bool(early))
    except ConnectionError as error:
        return Answer(None, closed=str(error))
    finally:
        conn.close()
