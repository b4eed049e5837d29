"""Uploads before login (Trust issue, point 9): ``python bench/uploads.py [--size-mb N]``.

The real server (``streamlit run app.py``) is started on a fresh demo folder. A client
opens a browser session the way the page does (the ``/_stcore/stream`` websocket, one
rerun message) but never logs in, then sends ``--count`` files of ``--size-mb`` MB
(default 3 × 150 MB) to Streamlit's upload endpoint ``/_stcore/upload_file/<session>/<id>``
with a valid XSRF cookie and header, as any script could.

Printed: the HTTP status of each upload and the server's resident memory
(``/proc/<pid>/status`` VmRSS) before, after each upload and two seconds after the last —
what a stranger at the login page can make the server hold. The client is the one
tests/security/test_uploads.py uses (``tests/upload_client.py``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import close, machine_note, new_data_dir, rss_mb, running_server, say, verdict

from tests.upload_client import Answer, LoginPageTab, put_file

TARGET_GROWTH_MB = 10.0


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
            tab = LoginPageTab(base)
            tab.start()
            assert tab.ready.wait(60), "no session from the server"
            session = tab.session_id
            time.sleep(2)
            before = rss_mb(pid)
            after: list[tuple[Answer, float]] = []
            for _ in range(args.count):
                answer = put_file(base, session, args.size_mb * 2**20)
                after.append((answer, rss_mb(pid)))
            time.sleep(2)
            settled = rss_mb(pid)
            tab.stop()
    say("server RSS before the uploads", f"{before:.0f} MB")
    for n, (answer, mb) in enumerate(after, 1):
        say(f"upload {n}: HTTP status, RSS after", f"{answer}  {mb:.0f} MB")
    growth = settled - before
    say("server RSS 2 s after the last", f"{settled:.0f} MB (growth {growth:+.0f} MB)")
    refused = all(answer.status == 403 for answer, _ in after)
    say(
        "growth, and every upload refused",
        f"{growth:.0f} MB  target ≤ {TARGET_GROWTH_MB:g} MB  {verdict(growth, TARGET_GROWTH_MB)}"
        f";  {'all refused' if refused else 'NOT all refused'}",
    )


if __name__ == "__main__":
    main()
