"""Codes a spreadsheet turns into numbers or dates when it opens a CSV.

Excel, WPS and LibreOffice read ``007`` as 7, ``1E3`` as 1000 and ``3-4`` as a date; a CSV
cannot say "this is text" (XLSX can, and our XLSX exports keep codes as text cells).
"""

from __future__ import annotations

import re
from typing import Final

_NUMBER: Final = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE: Final = re.compile(r"\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?")
# A plain integer a spreadsheet shows unchanged: no leading zero, at most 15 digits.
_SAFE_INTEGER: Final = re.compile(r"0|[1-9]\d{0,14}")


def changed_by_spreadsheets(code: str) -> bool:
    """True when a spreadsheet opening a CSV would show ``code`` as another number or a date."""
    text = code.strip()
    if _DATE.fullmatch(text):
        return True
    return bool(_NUMBER.fullmatch(text)) and not _SAFE_INTEGER.fullmatch(text)
