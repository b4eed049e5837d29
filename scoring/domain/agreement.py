"""A plain reading of a reliability figure ("α = 0.62: moderate agreement").

Bands of Koo & Li (2016), "A Guideline of Selecting and Reporting Intraclass Correlation
Coefficients for Reliability Research", J. Chiropr. Med. 15(2):155–163: below 0.5 poor,
0.5–0.75 moderate, 0.75–0.9 good, 0.9 and above excellent. The same bands are used for
Krippendorff's α, ICC(3,k) and Kendall's W so the three read alike.
"""

from __future__ import annotations

from typing import Final

BANDS: Final = ((0.9, "excellent"), (0.75, "good"), (0.5, "moderate"))


def agreement_band(value: float | None) -> str:
    """``excellent``, ``good``, ``moderate``, ``poor``, or ``undefined`` for no value."""
    if value is None:
        return "undefined"
    return next((name for floor, name in BANDS if value >= floor), "poor")
