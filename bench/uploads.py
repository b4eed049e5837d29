"""Uploads before login (Trust issue, point 9): ``python bench/uploads.py [--size-mb N]``.

The real server (``streamlit run app.py``) is started on a fresh demo folder. A client
opens a browser session the way the page does (the ``/_stcore/stream`` websocket, one
rerun message) but never logs in, then sends ``--count`` files of ``--size-mb`` MB
(default 3 × 150 MB) to Streamlit's upload endpoint ``/_stcore/upload_file/<session>/<id>``
with a valid XSRF cookie and header, as any script could.

Printed: the HTTP status of each upload and the server's resident memory
(``/proc/<pid>/status`` VmRSS) before, after each upload and two seconds after the last —
what a stranger at the login page can make the server hold.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import select
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from _common import close, machine_note, new_data_dir, rss_mb, running_server, say, verdict

CHUNK = 1 << 20
TARGET_GROWTH_MB = 10.0


class BrowserSession(threading.Thread):
    """A session opened as a browser tab opens one, kept open (reading what the server
    sends) until ``stop``; ``session_id`` is the id the server gave it."""

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
                    raw = await asyncio.wait_for(ws.recv(), 0.5)
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


def upload(base: str, session: str, size: int) -> str:
    """PUT one file to the session's upload URL; the HTTP status, and whether the server
    answered before the body was sent (then the body is not sent at all)."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = generate_xsrf_token_string()
    boundary = uuid.uuid4().hex
    body, length = _body(size, boundary)
    host = base.removeprefix("http://")
    conn = http.client.HTTPConnection(host, timeout=300)
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
        status = conn.getresponse().status
    except ConnectionError as error:
        return f"connection closed ({error})"
    finally:
        conn.close()
    return f"{status}{' before the body was sent' if early else ''}"


def main() -> None:
    """Start the server, open a session, upload without logging in, print the memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=150)
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args()
    print(f"uploads before login: {args.count} × {args.size_mb} MB ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as tmp:
        folder = Path(tmp)
        ctx, _ = new_data_dir(folder / "data", demo=True)
        close(ctx)
        with running_server(folder / "data", folder / "server.log") as (base, pid):
            tab = BrowserSession(base)
            tab.start()
            assert tab.ready.wait(60), "no session from the server"
            session = tab.session_id
            time.sleep(2)
            before = rss_mb(pid)
            after: list[tuple[str, float]] = []
            for _ in range(args.count):
                status = upload(base, session, args.size_mb * 2**20)
                after.append((status, rss_mb(pid)))
            time.sleep(2)
            settled = rss_mb(pid)
            tab.stop()
    say("server RSS before the uploads", f"{before:.0f} MB")
    for n, (status, mb) in enumerate(after, 1):
        say(f"upload {n}: HTTP status, RSS after", f"{status}  {mb:.0f} MB")
    growth = settled - before
    say("server RSS 2 s after the last", f"{settled:.0f} MB (growth {growth:+.0f} MB)")
    refused = all(status.startswith("403") for status, _ in after)
    say(
        "growth, and every upload refused",
        f"{growth:.0f} MB  target ≤ {TARGET_GROWTH_MB:g} MB  {verdict(growth, TARGET_GROWTH_MB)}"
        f";  {'all refused' if refused else 'NOT all refused'}",
    )


if __name__ == "__main__":
    main()
