"""Counts as people type them (SPEC §5): "12,345", "1.2万", "3亿", full-width digits."""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal
from typing import Final

from scoring.errors import InvalidInput

MAX_COUNT: Final = 2**63 - 1  # the BIGINT column that stores counts

# One unit per number. "千万"/"百万" are refused as two units rather than guessed at.
UNIT_EXPONENTS: Final[dict[str, int]] = {"千": 3, "k": 3, "万": 4, "w": 4, "亿": 8}
# Platforms round big counts ("10万+"); an approximate figure is refused, not truncated.
_IMPRECISE_PREFIXES: Final = ("约", "大约", "近", "超过", "超", "逾", ">", "<", "≥", "≈")
_IMPRECISE_SUFFIXES: Final = ("+", "多", "余", "以上", "左右")
_NUMBER: Final = re.compile(r"(-?)(\d{1,3}(?:([, ])\d{3})(?:\3\d{3})*|\d+)(?:\.(\d+))?")
_NUMBERISH: Final = re.compile(r"-?[\d., ]+")
_GROUPED: Final = re.compile(r"\d{1,3}(?:,\d{3})+")


def parse_count(text: str) -> int:
    """A count as people write it ("12,345", "1.2万", "3亿", "１２３４５") → a whole number ≥ 0."""
    raw = text.strip()
    if raw.isascii() and raw.isdigit() and len(raw) < 19:
        return int(raw)  # the common case, kept fast for million-row imports; < 2**63
    folded = unicodedata.normalize("NFKC", raw).replace("\u2212", "-").strip()
    # Next commonest: full-width digits and "12,345" (a bulk import parses each distinct
    # text once, and there are many distinct ones); both end as plain digits.
    plain = folded.replace(",", "") if _GROUPED.fullmatch(folded) else folded
    if plain.isascii() and plain.isdigit() and len(plain) < 19:
        return int(plain)
    if not folded:
        raise InvalidInput("count.empty")

    if folded.startswith(_IMPRECISE_PREFIXES) or folded.endswith(_IMPRECISE_SUFFIXES):
        raise InvalidInput("count.imprecise", value=raw)
    body = folded.removesuffix("次").rstrip()  # "1.2万次" = 12 000 views
    units: list[int] = []
    while body and body[-1].lower() in UNIT_EXPONENTS:
        units.append(UNIT_EXPONENTS[body[-1].lower()])
        body = body[:-1].rstrip()
    if len(units) > 1:
        raise InvalidInput("count.double_unit", value=raw)
    match = _NUMBER.fullmatch(body)
    if match is None:
        key = "count.bad_separator" if _NUMBERISH.fullmatch(body) else "count.not_a_number"
        raise InvalidInput(key, value=raw)
    sign, whole, separator, fraction = match.groups()
    digits = whole.replace(separator, "") if separator else whole
    # Decimal with room for every digit: "1.2345万" is exactly 12345, never 12344.999….
    exact = Context(prec=len(digits) + len(fraction or "") + 10)
    amount = Decimal(f"{digits}.{fraction or 0}").scaleb(units[0] if units else 0, exact)
    if sign and amount:
        raise InvalidInput("count.negative", value=raw)
    if amount != amount.to_integral_value():
        shown = format(amount.normalize(exact), "f")
        raise InvalidInput("count.fractional", value=raw, amount=shown)
    if amount > MAX_COUNT:
        raise InvalidInput("count.too_large", value=raw)
    return int(amount)
