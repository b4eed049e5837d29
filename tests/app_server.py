"""The real app in a child process (``streamlit run app.py`` on a free loopback port), for
the tests that reach it over HTTP or with a browser (``conftest.running_app``) and for the
benches (``bench/_common.running_server``)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the app needs to start on a test or bench folder without spending CPU on previews
# (the demo's originals are browser-playable) or on slow password hashing.
SERVER_ENV = {"JURYDESK_BCRYPT_ROUNDS": "4", "JURYDESK_BACKGROUND_PREVIEWS": "false"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(
    data_dir: Path,
    log_path: Path,
    *,
    ready_s: float = 60,
    stop_s: float = 10,
    flags: Sequence[str] = (),
) -> Iterator[tuple[str, int]]:
    """The app over ``data_dir`` (an empty one seeds the demo), its output going to
    ``log_path``; yields (base URL, pid) once it answers its health check (within
    ``ready_s``), and stops it afterwards (killed if still running after ``stop_s``).
    ``flags``: more Streamlit options, e.g. ``--runner.postScriptGC true``."""
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "JURYDESK_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1", *flags]
    with log_path.open("w") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, proc, log_path, seconds=ready_s)
            yield base, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=stop_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(base: str, proc: subprocess.Popen[bytes], log: Path, *, seconds: float) -> None:
    """Wait for ``/_stcore/health``; a server that exits or stays silent fails with the
    end of its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not become healthy: {log.read_text()[-3000:]}")
