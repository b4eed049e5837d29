"""The two string catalogs (zh, en) and the one function that reads them.

Every string a user sees comes from ``scoring/locales/<lang>.json``; both files hold the
same keys (a test checks). Placeholders use ``str.format`` names: ``{name}``.

A message quotes what a user gave as ``“{value}”`` (or ``「{value}」``). Such a value may be
a whole cell (a 5 000-character synopsis), so ``translate`` shows every quoted placeholder
through ``quote_value``: at most ``QUOTE_CHARS`` characters, then "……" and the full length.
File names (``“{file}”``) are shown whole: they are short, and a shortened one is no use.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("zh", "en")
DEFAULT_LANGUAGE: Final = "zh"
QUOTE_CHARS: Final = 40  # a quoted value longer than this shows its start and its length
_LOCALES: Final = Path(__file__).with_name("locales")
_QUOTED: Final = re.compile(r"([“「『‘\"])\{(\w+)\}([”」』’\"])")  # “{value}”, 「{value}」…
_WHOLE: Final = frozenset({"file"})


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
    if not params:
        return text
    if any(_long(params.get(m.group(2)), m.group(2)) for m in _QUOTED.finditer(text)):
        return _with_short_quotes(text, lang, params)
    return text.format(**params)


def quote_value(text: str, lang: str = DEFAULT_LANGUAGE, *, marks: str = "“”") -> str:
    """``text`` between ``marks``; longer than ``QUOTE_CHARS``: its start, an ellipsis, its length.

    A 5 000-character synopsis shows as ``“<its first 40 characters>……”（共 5000 字）`` (zh) or
    ``“<…>...” (5000 characters)`` (en); ``marks=""`` leaves the marks out (a value column).
    """
    opening, closing = (marks[0], marks[-1]) if marks else ("", "")
    if len(text) <= QUOTE_CHARS:
        return f"{opening}{text}{closing}"
    return catalog(lang)["common.quote_long"].format(
        opening=opening, start=text[:QUOTE_CHARS], closing=closing, count=len(text)
    )


def _long(value: object, name: str) -> bool:
    return isinstance(value, str) and len(value) > QUOTE_CHARS and name not in _WHOLE


def _with_short_quotes(text: str, lang: str, params: dict[str, object]) -> str:
    """Fill ``text`` with every long quoted value shortened (the marks come from ``text``)."""
    shown = dict(params)

    def swap(found: re.Match[str]) -> str:
        opening, name, closing = found.groups()
        value = params.get(name)
        if not _long(value, name):
            return found.group(0)
        slot = f"{name}__quoted_{found.start()}"
        shown[slot] = quote_value(str(value), lang, marks=opening + closing)
        return "{" + slot + "}"

    return _QUOTED.sub(swap, text).format(**shown)
