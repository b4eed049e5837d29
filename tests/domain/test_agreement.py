"""Plain readings of reliability figures (Koo & Li 2016 bands)."""

from __future__ import annotations

import pytest

from scoring.domain.agreement import agreement_band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, "undefined"),
        (-0.2, "poor"),
        (0.4999, "poor"),
        (0.5, "moderate"),
        (0.62, "moderate"),
        (0.75, "good"),
        (0.8999, "good"),
        (0.9, "excellent"),
        (1.0, "excellent"),
    ],
)
def test_agreement_band(value: float | None, band: str) -> None:
    assert agreement_band(value) == band
