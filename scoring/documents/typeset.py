"""Typesetting a PDF from a template in ``templates/`` and plain data (Typst).

The data reach the template as one JSON string (``sys.inputs.data``), read there with
``json(bytes(...))``: every value is a Typst string, shown as text, never run as markup.
One compiler per process keeps the parsed fonts (a first document ~0.1 s, later ones a few
ms); a lock serialises it, since app sessions run in threads.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import typst

from scoring.documents.fonts import CjkFonts, find_cjk_fonts

TEMPLATES: Final = Path(__file__).parent / "templates"
_LOCK: Final = threading.Lock()


@functools.cache
def _compiler(folders: tuple[str, ...]) -> typst.Compiler:
    return typst.Compiler(root=str(TEMPLATES), font_paths=list(folders), ignore_system_fonts=True)


def render_pdf(template: str, data: Mapping[str, Any], *, made_at: datetime) -> bytes:
    """The PDF of ``templates/<template>.typ`` filled with ``data``; ``made_at`` dates it."""
    fonts = find_cjk_fonts()
    inputs = {"data": json.dumps(data, ensure_ascii=False, default=str), "fonts": _fonts(fonts)}
    with _LOCK:
        pdf = _compiler(fonts.folders).compile(
            input=str(TEMPLATES / f"{template}.typ"),
            sys_inputs=inputs,
            timestamp=int(made_at.timestamp()),
        )
    assert isinstance(pdf, bytes)
    return pdf


def _fonts(fonts: CjkFonts) -> str:
    return json.dumps({"serif": fonts.serif, "sans": fonts.sans}, ensure_ascii=False)
