"""Formula cells of an XLSX sheet that carry no saved value.

Excel and WPS save each formula's result beside it; a workbook written by a program that
does not calculate (a script, some exporters) has the formula only, and a reader sees an
empty cell. Such cells are found in the sheet's XML, so the import can say so instead of
calling them empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO, Final

from scoring.errors import InvalidInput

_ANY_FORMULA: Final = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL: Final = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF: Final = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_TEXT_RESULT: Final = re.compile(rb"\bt=\"str\"")
_VALUE: Final = re.compile(rb"<(?:\w+:)?v\s*>(.+?)</(?:\w+:)?v>", re.DOTALL)
_HAS_V: Final = re.compile(rb"<(?:\w+:)?v[\s>/]")
CHUNK: Final = 1 << 20
KEEP: Final = 1 << 16  # a cell is never this long; a window without one keeps this much
LISTED: Final = 10  # a message names at most this many cells


def refuse_unsaved_formulas(data: bytes, sheet_path: str, *, file_name: str) -> None:
    """Raise InvalidInput naming the formula cells that have no saved result."""
    unsaved = unsaved_formulas(data, sheet_path)
    if unsaved:
        cells = ", ".join(unsaved[:LISTED]) + (" …" if len(unsaved) > LISTED else "")
        raise InvalidInput(
            "table.formula_not_saved", file=file_name, cells=cells, count=len(unsaved)
        )


def unsaved_formulas(data: bytes, sheet_path: str) -> list[str]:
    """References (``B2``…) of formula cells without a saved result, in sheet order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open(sheet_path.lstrip("/")) as xml:
            if not _has_formulas(xml):
                return []
        with archive.open(sheet_path.lstrip("/")) as xml:
            return _scan(xml)


def _has_formulas(xml: IO[bytes]) -> bool:
    tail = b""
    while chunk := xml.read(CHUNK):
        if _ANY_FORMULA.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _scan(xml: IO[bytes]) -> list[str]:
    found: list[str] = []
    tail = b""
    while chunk := xml.read(CHUNK):
        window = tail + chunk
        end = 0
        for cell in _CELL.finditer(window):
            end = cell.end()
            if _unsaved(cell.group(1), cell.group(2) or b""):
                ref = _REF.search(cell.group(1))
                found.append(ref.group(1).decode("ascii") if ref else "?")
        tail = window[end:] if end else window[-KEEP:]
    return found


def _unsaved(attributes: bytes, inner: bytes) -> bool:
    if not _ANY_FORMULA.search(inner):
        return False
    if _VALUE.search(inner):
        return False
    # A formula whose result is the empty string is saved as t="str" with an empty <v>.
    return not (_TEXT_RESULT.search(attributes) and _HAS_V.search(inner))
