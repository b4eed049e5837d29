"""How Chromium is found and started, for the browser tests (``conftest.py``) and the
browser bench (``bench/load.py``); and the marks both type on the scoring pages."""

from __future__ import annotations

import shutil

from tests.marks import TYPED, TYPED_TOTAL

# Flags every headless run uses; callers add their own (autoplay, a heap cap).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
MISSING = "Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"

MARKS, MARKS_TOTAL = TYPED, TYPED_TOTAL  # the demo rubric's six marks, as typed


def chromium_path() -> str | None:
    """The Chromium executable on PATH, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
