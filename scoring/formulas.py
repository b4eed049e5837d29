"""Cells a spreadsheet would run as formulas (SPEC §7), for every importer and exporter.

Excel and WPS read a cell typed as ``＝1+1`` (full-width, as a Chinese input method
writes it) like ``=1+1``, so the test looks at the first character after NFKC
normalisation, which folds the full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫) into
the ASCII ones.
"""

from __future__ import annotations

import unicodedata
from typing import Final

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")  # SPEC §7
_STARTS: Final = frozenset(FORMULA_PREFIXES)


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read the cell as a formula (full-width forms too)."""
    first = text[:1]
    if first.isascii():  # most cells; NFKC leaves ASCII alone
        return first in _STARTS
    # Only the first character decides; NFKC of it alone is what the whole text starts with.
    return unicodedata.normalize("NFKC", first).startswith(FORMULA_PREFIXES)


def guard_cell(text: str) -> str:
    """Prefix ``'`` to a formula-like cell so Excel/WPS show it as text (SPEC §7)."""
    return "'" + text if formula_like(text) else text
