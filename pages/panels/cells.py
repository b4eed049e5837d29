"""Table cells as a person reads them: no value is an empty cell, never Streamlit's "None".

Streamlit draws a missing value (None, NaN, NaT) as a grey English "None" in a data table
and turns a column of whole numbers with a gap into decimals ("1.0000") in a static one.
Every table of the app goes through ``readable`` (``pages/panels/tables.py``): a column
with a gap, or with words among its numbers (未排名 beside ranks), becomes text — its
numbers written as its number format says, still right-aligned — and a gap among numbers
shows a dash, a gap among words an empty cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

import pandas as pd

NO_NUMBER: Final = "—"  # a gap among numbers, in both languages
_PRINTF = re.compile(r"%[-+ 0#]*\d*(\.\d+)?[dfeEgGi%]")


def is_missing(value: object) -> bool:
    """None, NaN or NaT: nothing to show."""
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_text(value: int | float, number_format: str | None) -> str:
    """A number as its column's format writes it (printf style or "localized")."""
    if number_format and _PRINTF.fullmatch(number_format):
        return number_format % value
    if number_format == "localized":
        return f"{value:,}"
    return str(value)


def _as_text(config: Any) -> dict[str, Any]:
    """The column's settings (width, help) kept, shown as right-aligned text."""
    kept = dict(config) if isinstance(config, Mapping) else {}
    kept["type_config"] = {"type": "text", "max_chars": None, "validate": None}
    kept["alignment"] = kept.get("alignment") or "right"
    return kept


def _column(values: list[object], config: Any) -> tuple[list[object], Any] | None:
    """The column's cells and settings when Streamlit would show a gap or mixed kinds
    wrongly; None when it shows them as they are."""
    present = [v for v in values if not is_missing(v)]
    numbers = [v for v in present if _is_number(v)]
    dates = [v for v in present if isinstance(v, date | datetime)]
    if len(present) == len(values) and (not numbers or len(numbers) == len(present)):
        return None
    if not numbers and not dates:  # words with gaps: empty cells
        return ["" if is_missing(v) else v for v in values], config
    type_config = config.get("type_config", {}) if isinstance(config, Mapping) else {}
    number_format = type_config.get("format")
    cells: list[object] = [
        NO_NUMBER
        if is_missing(v)
        else _number_text(v, number_format)  # type: ignore[arg-type]
        if _is_number(v)
        else str(v)
        for v in values
    ]
    return cells, _as_text(config)


def readable(
    rows: Sequence[Mapping[str, object]], columns: Mapping[str, Any] | None = None
) -> tuple[list[dict[str, object]], dict[str, Any] | None]:
    """``rows`` and ``columns`` (header → ``st.column_config``) with every gap shown as
    a person expects; untouched columns keep their values and settings."""
    out = [dict(row) for row in rows]
    settings = dict(columns) if columns is not None else None
    headers = list(dict.fromkeys(k for row in rows for k in row))
    for header in headers:
        config = (columns or {}).get(header)
        changed = _column([row.get(header) for row in rows], config)
        if changed is None:
            continue
        cells, new_config = changed
        for row, cell in zip(out, cells, strict=True):
            row[header] = cell
        if new_config is not None:
            settings = {**(settings or {}), header: new_config}
    return out, settings
