"""The one rounding of scores wherever they are shown or exported: half up, to the shortest
decimal form of the float (SPEC §6.6), so 72.345 reads 72.35 on the page, in every file and
in the decision record (Python's ``round`` and ``format`` give 72.34 there)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float, places: int = 2) -> Decimal:
    """``value`` to ``places`` decimals, half up, on its shortest decimal form."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded(value: float | None, places: int = 2) -> float | None:
    """A score as shown and exported (None stays None)."""
    return None if value is None else float(half_up(value, places))


def score_text(value: float | None, places: int = 2, *, blank: str = "") -> str:
    """A score as printed text with exactly ``places`` decimals; ``blank`` for None."""
    return blank if value is None else f"{half_up(value, places):.{places}f}"
