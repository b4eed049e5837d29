"""The marks the tests give a card on the demo rubric: one per criterion, in the rubric's
order (weighted total 7.70), and the same marks as a person types them in a browser."""

from __future__ import annotations

DEMO_MARKS = {
    "lively": 8.0,
    "inspiring": 7.5,
    "not_advert": 7.0,
    "theme": 9.0,
    "clarity": 8.5,
    "original": 6.0,
}
TYPED = tuple(f"{value:g}" for value in DEMO_MARKS.values())  # "8", "7.5", …
TYPED_TOTAL = "7.70"
