"""The cells of a views import, checked one distinct text at a time (SPEC §5).

A bulk import stages the file first and asks for each column's distinct texts only, so a
million-row file is parsed in ~10⁵ calls; the reasons for refused texts travel back with
them and become row problems in ``scoring.domain.view_checks``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from scoring.domain.counts import parse_count
from scoring.domain.platforms import normalise_platform
from scoring.domain.views import COUNT_FIELDS, parse_capture, parse_entry_code
from scoring.errors import InvalidInput
from scoring.formulas import formula_like

Parser = Callable[[str], object]
Parsed = tuple[list[object], dict[str, InvalidInput]]  # values (None: refused), and why


class CellChecks:
    """Parses the distinct texts of one field of a views table (``parse``)."""

    def __init__(
        self, codes: Mapping[str, int], *, now: datetime, start: datetime | None, zone: str
    ) -> None:
        self._parsers = cell_parsers(codes, now=now, start=start, zone=zone)

    def parse(self, field: str, raws: Sequence[str]) -> Parsed:
        """Each text parsed (None when refused), and the refused texts with their reasons."""
        parse = self._parsers[field]
        values: list[object] = []
        bad: dict[str, InvalidInput] = {}
        keep = values.append  # a tight loop: a million-row file has ~10⁵ distinct counts
        for raw in raws:
            try:
                keep(parse(raw))
            except InvalidInput as problem:
                keep(None)
                bad[raw] = problem
        return values, bad


def cell_parsers(
    codes: Mapping[str, int], *, now: datetime, start: datetime | None, zone: str
) -> dict[str, Parser]:
    """Field → a parser of one cell text; it raises InvalidInput with the reason."""

    def code(text: str) -> int:
        found = parse_entry_code(text)
        _refuse_formula(found)
        if found not in codes:
            raise InvalidInput("views.unknown_code", code=found)
        return codes[found]

    def platform(text: str) -> str:
        _refuse_formula(text.strip())
        return normalise_platform(text).code

    def optional_count(text: str) -> int | None:
        return parse_count(text) if text.strip() else None

    def captured(text: str) -> datetime:
        return parse_capture(text.strip(), now=now, campaign_start=start, zone=zone)

    optional = dict.fromkeys(COUNT_FIELDS[1:], optional_count)
    return {
        "code": code,
        "platform": platform,
        "views": parse_count,
        **optional,
        "captured_at": captured,
    }


def _refuse_formula(text: str) -> None:
    if formula_like(text):
        raise InvalidInput("table.formula_cell", value=text)
