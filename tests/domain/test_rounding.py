"""One rounding for every score shown or exported: half up on the shortest decimal form."""

from __future__ import annotations

from decimal import Decimal

from scoring.domain.placement import round_final
from scoring.domain.rounding import rounded, score_text


def test_ties_round_half_up_where_python_rounds_down() -> None:
    assert round(72.345, 2) == 72.34  # the binary value is a hair below .345
    assert rounded(72.345) == 72.35
    assert score_text(72.345) == "72.35"
    assert round_final(72.345) == Decimal("72.35")  # the ranking's own order agrees


def test_places_blank_and_padding() -> None:
    assert rounded(None) is None
    assert score_text(None) == ""
    assert score_text(None, blank="—") == "—"
    assert score_text(100.0) == "100.00"
    assert score_text(0.125, 2) == "0.13"
    assert score_text(3.14159, 4) == "3.1416"
    assert rounded(2.5, 0) == 3.0
    assert score_text(0.995, 0) == "1"
