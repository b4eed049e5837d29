"""The calibration round (试评): its reference clips, the round itself, and the judges'
calibration cards with their marks. Its own tables: nothing here is read by the ranking."""

from __future__ import annotations

import json
from dataclasses import replace

from scoring.records import CalibrationCard, CalibrationClip, CalibrationRound
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_record


def add_clip(cur: Cursor, clip: CalibrationClip) -> CalibrationClip:
    """Insert a reference clip; return it with its id."""
    clip_id = insert_record(cur, "calibration_clips", clip)
    found = get_clip(cur, clip_id)
    assert found is not None
    return found


def get_clip(cur: Cursor, clip_id: int) -> CalibrationClip | None:
    """One reference clip, or None."""
    return fetch_one(
        cur, CalibrationClip, "SELECT * FROM calibration_clips WHERE id = ?", [clip_id]
    )


def list_clips(cur: Cursor, campaign_id: int) -> list[CalibrationClip]:
    """A campaign's reference clips in the order they were added (their numbers)."""
    return fetch_records(
        cur,
        CalibrationClip,
        "SELECT * FROM calibration_clips WHERE campaign_id = ? ORDER BY id",
        [campaign_id],
    )


def remove_clip(cur: Cursor, clip_id: int) -> int:
    """Delete a clip with its cards and their marks; return how many cards went."""
    cur.execute(
        "DELETE FROM calibration_marks WHERE card_id IN"
        " (SELECT id FROM calibration_cards WHERE clip_id = ?)",
        [clip_id],
    )
    cards = cur.execute(
        "DELETE FROM calibration_cards WHERE clip_id = ? RETURNING id", [clip_id]
    ).fetchall()
    cur.execute("DELETE FROM calibration_clips WHERE id = ?", [clip_id])
    return len(cards)


def get_round(cur: Cursor, campaign_id: int) -> CalibrationRound | None:
    """The campaign's calibration round, or None before its first clip."""
    return fetch_one(
        cur,
        CalibrationRound,
        "SELECT * FROM calibration_rounds WHERE campaign_id = ?",
        [campaign_id],
    )


def add_round(cur: Cursor, calibration: CalibrationRound) -> None:
    """Open the campaign's calibration round."""
    insert_record(cur, "calibration_rounds", calibration)


_ROUND_FIELDS = frozenset({"note", "note_by", "note_at", "closed_by", "closed_at"})


def update_round(cur: Cursor, campaign_id: int, **values: object) -> None:
    """Set the given columns of a round (names checked against a fixed list)."""
    unknown = set(values) - _ROUND_FIELDS
    if unknown:
        raise ValueError(f"not calibration round columns: {sorted(unknown)}")
    sets = ", ".join(f"{name} = ?" for name in values)
    cur.execute(
        f"UPDATE calibration_rounds SET {sets} WHERE campaign_id = ?",
        [*values.values(), campaign_id],
    )


def add_card(cur: Cursor, card: CalibrationCard) -> CalibrationCard:
    """Insert a calibration card with its marks; return it with its id."""
    card_id = insert_record(cur, "calibration_cards", card)
    for key, value in card.marks.items():
        cur.execute("INSERT INTO calibration_marks VALUES (?, ?, ?)", [card_id, key, value])
    found = fetch_one(
        cur, CalibrationCard, "SELECT * FROM calibration_cards WHERE id = ?", [card_id]
    )
    assert found is not None
    return _with_marks(cur, [found])[0]


def card_for(cur: Cursor, judge_id: int, clip_id: int) -> CalibrationCard | None:
    """The judge's card for a clip, with marks, or None."""
    card = fetch_one(
        cur,
        CalibrationCard,
        "SELECT * FROM calibration_cards WHERE judge_id = ? AND clip_id = ?",
        [judge_id, clip_id],
    )
    return None if card is None else _with_marks(cur, [card])[0]


def list_cards(cur: Cursor, campaign_id: int) -> list[CalibrationCard]:
    """Every calibration card of a campaign with its marks, by judge and clip."""
    cards = fetch_records(
        cur,
        CalibrationCard,
        "SELECT * FROM calibration_cards WHERE campaign_id = ? ORDER BY judge_id, clip_id",
        [campaign_id],
    )
    return _with_marks(cur, cards)


def _with_marks(cur: Cursor, cards: list[CalibrationCard]) -> list[CalibrationCard]:
    if not cards:
        return cards
    rows = cur.execute(
        "SELECT card_id, criterion_key, value FROM calibration_marks"
        " WHERE list_contains(?, card_id)",
        [[c.id for c in cards]],
    ).fetchall()
    marks: dict[int, dict[str, float]] = {}
    for card_id, key, value in rows:
        marks.setdefault(card_id, {})[key] = value
    return [replace(c, marks=marks.get(c.id or -1, {})) for c in cards]


_CARD_FIELDS = frozenset(
    {"status", "comment", "watch_share", "watch_ranges", "submitted_at", "updated_at"}
)


def update_card(cur: Cursor, card_id: int, **values: object) -> None:
    """Set the given columns of one calibration card (names checked against a fixed list)."""
    unknown = set(values) - _CARD_FIELDS
    if unknown:
        raise ValueError(f"not calibration card columns: {sorted(unknown)}")
    sets = ", ".join(f"{name} = ?" for name in values)
    params = [
        json.dumps(v) if k == "watch_ranges" and v is not None else v for k, v in values.items()
    ]
    cur.execute(f"UPDATE calibration_cards SET {sets} WHERE id = ?", [*params, card_id])


def set_mark(cur: Cursor, card_id: int, key: str, value: float | None) -> None:
    """Give, change or (with None) clear one criterion's mark on a calibration card."""
    if value is None:
        cur.execute(
            "DELETE FROM calibration_marks WHERE card_id = ? AND criterion_key = ?",
            [card_id, key],
        )
        return
    cur.execute(
        "INSERT INTO calibration_marks VALUES (?, ?, ?)"
        " ON CONFLICT DO UPDATE SET value = excluded.value",
        [card_id, key, value],
    )
