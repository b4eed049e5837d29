"""One list's arithmetic: F rounded half up on the number as printed, for one value and
for a whole array at once (the order compares hundredths, so both must agree)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from scoring.domain.placement import hundredths, round_final


def test_round_final_rounds_half_up_on_shortest_form() -> None:
    assert round(72.345, 2) == 72.34  # binary value is below .345: Python rounds down
    assert round_final(72.345) == Decimal("72.35")
    assert round_final(55.555) == Decimal("55.56")
    assert round_final(55.5549999) == Decimal("55.55")
    values = np.array([72.345, 0.125, 55.555, 49.995, 100.0, 0.0, 55.5549999])
    assert hundredths(values).tolist() == [7235, 13, 5556, 5000, 10000, 0, 5555]
