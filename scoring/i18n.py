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


_WAN, _YI = 10_000, 100_000_000


def _short(value: float) -> str:
    """One decimal at most, and none when it is zero: 80.4, 74, 1.2."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def count_text(value: int, lang: str = DEFAULT_LANGUAGE, /, *, exact: bool = False) -> str:
    """A count as readers of ``lang`` write it: Chinese groups digits up to 99,999, then
    counts in 万 and 亿 (123,456 → 12.3万, 250,000,000 → 2.5亿); English groups digits.
    ``exact`` (a formula, a figure to check against a source): digits grouped, never 万."""
    if exact or lang != "zh" or abs(value) < 10 * _WAN:
        return f"{value:,}"
    if abs(round(value / _WAN, 1)) < _WAN:  # 99,999,999 is 1亿, not 10000万
        return _short(value / _WAN) + "万"
    return _short(value / _YI) + "亿"


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang`` with ``params`` filled in."""
    text = catalog(lang).get(key)
    if text is None:
        # A missing key is a bug; show the key rather than crash a page in front of a judge.
        return key
    return text.format(**params) if params else text
