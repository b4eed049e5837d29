"""What scorecards and calibration cards share in storage: marks in a table of their own
(one row per criterion given), columns changed by name from a fixed list, the watched
ranges kept as JSON. Each kind names its tables once (``CardTables``); table and column
names come only from those constants, every value is bound."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from scoring.records.calibration import CalibrationCard
from scoring.records.judging import Scorecard
from scoring.storage.rows import Cursor, fetch_records

Card = TypeVar("Card", Scorecard, CalibrationCard)


@dataclass(frozen=True)
class CardTables:
    """Where one kind of card lives: its table, its marks' table and the column there that
    names the card, and the columns an update may set."""

    cards: str
    marks: str
    card_column: str
    fields: frozenset[str]


def add_marks(cur: Cursor, tables: CardTables, card_id: int, marks: Mapping[str, float]) -> None:
    """Store the marks of a card just inserted."""
    for key, value in marks.items():
        cur.execute(f"INSERT INTO {tables.marks} VALUES (?, ?, ?)", [card_id, key, value])


def select_cards(
    cur: Cursor, tables: CardTables, kind: type[Card], where: str, params: Sequence[object]
) -> list[Card]:
    """The cards that meet ``where`` (a fixed condition with a ``?`` for each of ``params``,
    and any ORDER BY), with their marks."""
    found = fetch_records(cur, kind, f"SELECT * FROM {tables.cards} WHERE {where}", list(params))
    return with_marks(cur, tables, found)


def select_card(
    cur: Cursor, tables: CardTables, kind: type[Card], where: str, params: Sequence[object]
) -> Card | None:
    """The one card that meets ``where``, with its marks, or None."""
    found = select_cards(cur, tables, kind, where, params)
    return found[0] if found else None


def with_marks(cur: Cursor, tables: CardTables, cards: list[Card]) -> list[Card]:
    """The cards with their marks, read in one query."""
    if not cards:
        return cards
    rows = cur.execute(
        f"SELECT {tables.card_column}, criterion_key, value FROM {tables.marks}"
        f" WHERE list_contains(?, {tables.card_column})",
        [[c.id for c in cards]],
    ).fetchall()
    marks: dict[int, dict[str, float]] = {}
    for card_id, key, value in rows:
        marks.setdefault(card_id, {})[key] = value
    return [replace(c, marks=marks.get(c.id or -1, {})) for c in cards]


def update_card(
    cur: Cursor, tables: CardTables, card_id: int, values: Mapping[str, object]
) -> None:
    """Set the given columns of one card (names checked against the kind's fixed list)."""
    unknown = set(values) - tables.fields
    if unknown:
        raise ValueError(f"not {tables.cards} columns: {sorted(unknown)}")
    sets = ", ".join(f"{name} = ?" for name in values)
    params = [
        json.dumps(v) if k == "watch_ranges" and v is not None else v for k, v in values.items()
    ]
    cur.execute(f"UPDATE {tables.cards} SET {sets} WHERE id = ?", [*params, card_id])


def set_mark(cur: Cursor, tables: CardTables, card_id: int, key: str, value: float | None) -> None:
    """Give, change or (with None) clear one criterion's mark on a card."""
    if value is None:
        cur.execute(
            f"DELETE FROM {tables.marks} WHERE {tables.card_column} = ? AND criterion_key = ?",
            [card_id, key],
        )
        return
    cur.execute(
        f"INSERT INTO {tables.marks} VALUES (?, ?, ?)"
        " ON CONFLICT DO UPDATE SET value = excluded.value",
        [card_id, key, value],
    )
