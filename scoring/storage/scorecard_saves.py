"""The save path of scorecards, set-based: what many saves are checked against in one
query, and their writes in one statement per table (cards, marks, history, audit).

A batch holds at most one save per card (``group_commit`` sees to it), so every row of
one statement is a different card.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scoring.records.campaigns import Campaign
from scoring.records.entries import Entry
from scoring.records.judging import NewScorecard, Scorecard
from scoring.records.users import User
from scoring.storage.rows import Cursor, record_from

_FACTS = """
SELECT r.n, c AS campaign, s AS card, f.duration_s,
    (SELECT list(k.key ORDER BY k.position) FROM rubric_criteria k
     WHERE k.campaign_id = e.campaign_id) AS criteria
FROM (SELECT unnest(?::INTEGER[]) AS judge_id, unnest(?::INTEGER[]) AS entry_id,
             generate_subscripts(?::INTEGER[], 1) AS n) r
LEFT JOIN entries e ON e.id = r.entry_id
LEFT JOIN campaigns c ON c.id = e.campaign_id
LEFT JOIN scorecards s ON s.judge_id = r.judge_id AND s.entry_id = r.entry_id
LEFT JOIN media_files f ON f.sha256 = e.media_sha256
"""


@dataclass(frozen=True, kw_only=True)
class SaveFacts:
    """What one (judge, entry) save is checked against and starts from, read in the saving
    transaction (whether the judge may open the entry is not among them: that is decided
    at every save). ``campaign`` is None when the entry does not exist."""

    judge_id: int
    entry_id: int
    campaign: Campaign | None
    card: Scorecard | None
    criteria: tuple[str, ...]  # the rubric's keys in display order
    duration_s: float | None  # of the entry's stored video, if it has one
    # The entry and judge an earlier save was admitted with (set by the service, kept
    # while nothing else writes); None until then.
    entry: Entry | None = None
    judge: User | None = None


def save_facts(cur: Cursor, pairs: Sequence[tuple[int, int]]) -> list[SaveFacts]:
    """The facts of each (judge_id, entry_id) pair, in the order given, in one query
    (and one more for the marks of the cards that exist)."""
    judges = [j for j, _ in pairs]
    rows = cur.execute(_FACTS, [judges, [e for _, e in pairs], judges]).fetchall()
    rows.sort(key=lambda row: row[0])
    # An unmatched LEFT JOIN gives a struct of NULLs, not NULL: a row is there when its id is.
    cards = {n: record_from(Scorecard, card) for n, _, card, _, _ in rows if card["id"] is not None}
    marks = card_marks(cur, [c.id for c in cards.values()])
    return [
        SaveFacts(
            judge_id=judge,
            entry_id=entry,
            campaign=None if campaign["id"] is None else record_from(Campaign, campaign),
            card=_with(cards.get(n), marks),
            criteria=tuple(criteria or ()),
            duration_s=duration,
        )
        for (judge, entry), (n, campaign, _, duration, criteria) in zip(pairs, rows, strict=True)
    ]


def _with(card: Scorecard | None, marks: dict[int, dict[str, float]]) -> Scorecard | None:
    if card is None:
        return None
    return Scorecard(**{**card.__dict__, "marks": marks.get(card.id, {})})


def card_marks(cur: Cursor, card_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    """The marks of the given cards, by card id."""
    if not card_ids:
        return {}
    rows = cur.execute(
        "SELECT scorecard_id, criterion_key, value FROM marks"
        " WHERE scorecard_id IN (SELECT unnest(?::INTEGER[]))",
        [list(card_ids)],
    ).fetchall()
    found: dict[int, dict[str, float]] = {}
    for card_id, key, value in rows:
        found.setdefault(card_id, {})[key] = value
    return found


@dataclass(frozen=True, kw_only=True)
class CardWrite:
    """One card's changes in one save.

    ``card`` is the card as it is after the save; a ``NewScorecard`` (not yet stored) is
    inserted whole. For an existing card, ``columns`` names the columns to set from ``card``.
    ``new_marks`` are marks the card did not have, ``changed_marks`` new values of marks
    it had, ``cleared`` the criteria whose mark goes; ``changes`` the history lines
    (field, old, new) in the order they happened.
    """

    card: NewScorecard
    columns: tuple[str, ...] = ()
    new_marks: dict[str, float] = field(default_factory=dict)
    changed_marks: dict[str, float] = field(default_factory=dict)
    cleared: tuple[str, ...] = ()
    changes: tuple[tuple[str, str | None, str | None], ...] = ()
    changed_by: str
    changed_at: datetime


_CARD_TYPES = {
    "status": "TEXT",
    "comment": "TEXT",
    "watch_share": "DOUBLE",
    "watch_ranges": "JSON",
    "source": "TEXT",
    "entered_by": "INTEGER",
    "reopen_reason": "TEXT",
    "submitted_at": "TIMESTAMPTZ",
    "updated_at": "TIMESTAMPTZ",
}
_NEW_CARD = ("campaign_id", "judge_id", "entry_id", "created_at", *_CARD_TYPES)
_ROWS_PER_STATEMENT = 500  # a long import is written in several statements of this size


def write_cards(cur: Cursor, writes: Sequence[CardWrite]) -> list[int]:
    """Store every write: new cards, changed columns, marks and history, one statement
    per table and kind; return the card ids in the order of ``writes``."""
    new_ids = iter(_insert_new(cur, [w.card for w in writes if not _stored(w.card)]))
    ids = [w.card.id if isinstance(w.card, Scorecard) else next(new_ids) for w in writes]
    _update_columns(cur, [w for w in writes if _stored(w.card) and w.columns])
    pairs = list(zip(ids, writes, strict=True))
    _write_marks(cur, pairs)
    # One INSERT in the order given: the ids (and so the history's order) follow it.
    _values(
        cur,
        "INSERT INTO scorecard_changes (scorecard_id, changed_by, changed_at, field,"
        " old_value, new_value) VALUES {rows}",
        "(?, ?, ?, ?, ?, ?)",
        [(i, w.changed_by, w.changed_at, *change) for i, w in pairs for change in w.changes],
    )
    return ids


def _write_marks(cur: Cursor, pairs: Sequence[tuple[int, CardWrite]]) -> None:
    """New marks, changed marks and cleared marks of every write (card id, write)."""
    _values(
        cur,
        "INSERT INTO marks VALUES {rows}",
        "(?, ?, ?)",
        [(i, k, v) for i, w in pairs for k, v in w.new_marks.items()],
    )
    changed = [(i, k, v) for i, w in pairs for k, v in w.changed_marks.items()]
    if len(changed) == 1:
        card_id, key, value = changed[0]
        cur.execute(
            "UPDATE marks SET value = ? WHERE scorecard_id = ? AND criterion_key = ?",
            [value, card_id, key],
        )
    else:
        _values(
            cur,
            "UPDATE marks SET value = v.value FROM (VALUES {rows}) v(card_id, key, value)"
            " WHERE marks.scorecard_id = v.card_id AND marks.criterion_key = v.key",
            "(?::INTEGER, ?::TEXT, ?::DOUBLE)",
            changed,
        )
    _values(
        cur,
        "DELETE FROM marks WHERE (scorecard_id, criterion_key) IN (VALUES {rows})",
        "(?::INTEGER, ?::TEXT)",
        [(i, k) for i, w in pairs for k in w.cleared],
    )


def _values(cur: Cursor, sql: str, row: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``sql`` with ``{rows}`` replaced by one bound ``row`` per item of ``rows``, in
    statements of at most ``_ROWS_PER_STATEMENT`` rows; nothing when there are none."""
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        part = rows[start : start + _ROWS_PER_STATEMENT]
        cur.execute(sql.format(rows=", ".join([row] * len(part))), [x for r in part for x in r])


def _stored(card: NewScorecard) -> bool:
    return isinstance(card, Scorecard)


def _insert_new(cur: Cursor, cards: list[NewScorecard]) -> list[int]:
    if not cards:
        return []
    row = "(" + ", ".join(["?"] * len(_NEW_CARD)) + ")"
    found: dict[tuple[int, int], int] = {}
    for start in range(0, len(cards), _ROWS_PER_STATEMENT):
        part = cards[start : start + _ROWS_PER_STATEMENT]
        rows = cur.execute(
            f"INSERT INTO scorecards ({', '.join(_NEW_CARD)}) VALUES "  # names from a fixed list
            + ", ".join([row] * len(part))
            + " RETURNING id, judge_id, entry_id",
            [_column(c, name) for c in part for name in _NEW_CARD],
        ).fetchall()
        found.update({(j, e): i for i, j, e in rows})
    return [found[(c.judge_id, c.entry_id)] for c in cards]


def _update_columns(cur: Cursor, writes: list[CardWrite]) -> None:
    groups: dict[tuple[str, ...], list[CardWrite]] = {}
    for write in writes:
        groups.setdefault(write.columns, []).append(write)
    for columns, group in groups.items():
        unknown = set(columns) - set(_CARD_TYPES)
        if unknown:
            raise ValueError(f"not scorecard columns: {sorted(unknown)}")
        if len(group) == 1:  # the usual case: one judge's save
            sets = ", ".join(f"{name} = ?" for name in columns)
            params = [_column(group[0].card, name) for name in columns]
            cur.execute(f"UPDATE scorecards SET {sets} WHERE id = ?", [*params, _id(group[0])])
            continue
        casts = ", ".join(f"?::{_CARD_TYPES[name]}" for name in columns)
        _values(
            cur,
            f"UPDATE scorecards SET {', '.join(f'{n} = v.{n}' for n in columns)}"
            f" FROM (VALUES {{rows}}) v(id, {', '.join(columns)}) WHERE scorecards.id = v.id",
            f"(?::INTEGER, {casts})",
            [(_id(w), *(_column(w.card, n) for n in columns)) for w in group],
        )


def _id(write: CardWrite) -> int:
    """The id of a stored card's write (only stored cards are updated)."""
    assert isinstance(write.card, Scorecard)
    return write.card.id


def _column(card: NewScorecard, name: str) -> Any:
    value = getattr(card, name)
    if name == "watch_ranges":
        return None if value is None else json.dumps(value)
    return getattr(value, "value", value)  # an enum is stored as its value
