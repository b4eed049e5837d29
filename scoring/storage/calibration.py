"""The calibration round (试评): its reference clips, the round itself, and the judges'
calibration cards with their marks. Its own tables: nothing here is read by the ranking."""

from __future__ import annotations

from scoring.records.calibration import (
    CalibrationCard,
    CalibrationClip,
    CalibrationRound,
    NewCalibrationCard,
    NewCalibrationClip,
)
from scoring.storage import cards as shared
from scoring.storage.cards import CardTables
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new, insert_record


def add_clip(cur: Cursor, clip: NewCalibrationClip) -> CalibrationClip:
    """Insert a reference clip; return it with its id."""
    return insert_new(cur, "calibration_clips", clip, CalibrationClip)


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


_TABLES = CardTables(
    cards="calibration_cards",
    marks="calibration_marks",
    card_column="card_id",
    fields=frozenset(
        {"status", "comment", "watch_share", "watch_ranges", "submitted_at", "updated_at"}
    ),
)


def add_card(cur: Cursor, card: NewCalibrationCard) -> CalibrationCard:
    """Insert a calibration card with its marks; return it with its id."""
    card_id = insert_new(cur, "calibration_cards", card, CalibrationCard).id
    shared.add_marks(cur, _TABLES, card_id, card.marks)
    found = shared.select_card(cur, _TABLES, CalibrationCard, "id = ?", [card_id])
    assert found is not None
    return found


def card_for(cur: Cursor, judge_id: int, clip_id: int) -> CalibrationCard | None:
    """The judge's card for a clip, with marks, or None."""
    where = "judge_id = ? AND clip_id = ?"
    return shared.select_card(cur, _TABLES, CalibrationCard, where, [judge_id, clip_id])


def list_cards(cur: Cursor, campaign_id: int) -> list[CalibrationCard]:
    """Every calibration card of a campaign with its marks, by judge and clip."""
    where = "campaign_id = ? ORDER BY judge_id, clip_id"
    return shared.select_cards(cur, _TABLES, CalibrationCard, where, [campaign_id])


def update_card(cur: Cursor, card_id: int, **values: object) -> None:
    """Set the given columns of one calibration card (names checked against a fixed list)."""
    shared.update_card(cur, _TABLES, card_id, values)


def set_mark(cur: Cursor, card_id: int, key: str, value: float | None) -> None:
    """Give, change or (with None) clear one criterion's mark on a calibration card."""
    shared.set_mark(cur, _TABLES, card_id, key, value)
