"""The two string catalogs (zh, en) and the one function that reads them.

Every string a user sees comes from ``scoring/locales/<lang>.json``; both files hold the
same keys (a test checks). Placeholders use ``str.format`` names: ``{name}``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("zh", "en")
DEFAULT_LANGUAGE: Final = "zh"
_LOCALES: Final = Path(__file__).with_name("locales")


@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the catalog of one language (``zh`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    with (_LOCALES / f"{lang}.json").open(encoding="utf-8") as fh:
        data: dict[str, str] = json.load(fh)
    return data


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang`` with ``params`` filled in."""
    text = catalog(lang).get(key)
    if text is None:
        # A missing key is a bug; show the key rather than crash a page in front of a judge.
        return key
    return text.format(**params) if params else text
