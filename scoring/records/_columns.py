"""How a record's field maps to its column: a field declared with ``json_field()`` is a
JSON column (stored as text, read back parsed)."""

from __future__ import annotations

from dataclasses import field
from typing import Any


def json_field(default_factory: Any = dict) -> Any:
    """Declare a field stored in a JSON column."""
    return field(default_factory=default_factory, metadata={"json": True})
