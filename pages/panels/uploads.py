"""Browser uploads: every upload box of the app, with the one limit that really applies.

Streamlit keeps an upload in memory, so its ``server.maxUploadSize`` stays small (≤ 200 MB,
``.streamlit/config.toml``); the box's own limit is only a hint to the browser, and the
upload gate (``pages/frame/upload_gate.py``) refuses uploads from sessions without a
coordinator or admin signed in. Larger videos go through ``python -m scoring entries import``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.frame.chrome import upload_texts
from pages.frame.runtime import context


def upload_limit_mb() -> int:
    """The largest file a browser upload may be, in MB: the app's own limit, never more than
    Streamlit's ``server.maxUploadSize`` (which refuses anything larger first)."""
    server = int(st.get_option("server.maxUploadSize"))
    return min(context().settings.upload_limit_mb, server)


def upload_box(
    label: str,
    *,
    key: str,
    types: list[str] | None = None,
    many: bool = False,
    limit_mb: int | None = None,
) -> Any:
    """``st.file_uploader`` with the app's limit (or the smaller ``limit_mb``), its button
    and size line in the session's language: the file (files with ``many``) or None."""
    limit = upload_limit_mb() if limit_mb is None else min(limit_mb, upload_limit_mb())
    upload_texts(key, limit_mb=limit, types=types or ())
    return st.file_uploader(
        label, type=types, accept_multiple_files=many, max_upload_size=limit, key=key
    )
