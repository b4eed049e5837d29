"""Scorecards with their marks and history, and the submitted marks the ranking reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoring.records.judging import NewScorecard, NewScorecardChange, Scorecard, ScorecardChange
from scoring.records.progress import ScorecardLine
from scoring.storage import cards as shared
from scoring.storage.cards import CardTables
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new, insert_record

_TABLES = CardTables(
    cards="scorecards",
    marks="marks",
    card_column="scorecard_id",
    fields=frozenset(
        {"status", "comment", "watch_share", "watch_ranges", "source", "entered_by"}
        | {"reopen_reason", "submitted_at", "updated_at"}
    ),
)


def add_scorecard(cur: Cursor, card: NewScorecard) -> Scorecard:
    """Insert a scorecard with its marks; return it with its id."""
    card_id = insert_new(cur, "scorecards", card, Scorecard).id
    shared.add_marks(cur, _TABLES, card_id, card.marks)
    found = get_scorecard(cur, card_id)
    assert found is not None
    return found


def get_scorecard(cur: Cursor, scorecard_id: int) -> Scorecard | None:
    """Return one scorecard with its marks, or None."""
    return shared.select_card(cur, _TABLES, Scorecard, "id = ?", [scorecard_id])


def list_scorecards(
    cur: Cursor, campaign_id: int, *, judge_id: int | None = None
) -> list[Scorecard]:
    """A campaign's scorecards (optionally one judge's) with their marks."""
    sql = "SELECT * FROM scorecards WHERE campaign_id = ?"
    params: list[object] = [campaign_id]
    if judge_id is not None:
        sql += " AND judge_id = ?"
        params.append(judge_id)
    cards = fetch_records(cur, Scorecard, sql + " ORDER BY judge_id, entry_id", params)
    return _with_marks(cur, cards)


def _with_marks(cur: Cursor, found: list[Scorecard]) -> list[Scorecard]:
    return shared.with_marks(cur, _TABLES, found)


def add_scorecard_change(cur: Cursor, change: NewScorecardChange) -> None:
    """Keep one field change of a scorecard."""
    insert_record(cur, "scorecard_changes", change)


def list_scorecard_changes(cur: Cursor, scorecard_id: int) -> list[ScorecardChange]:
    """A scorecard's history, oldest first."""
    return fetch_records(
        cur,
        ScorecardChange,
        "SELECT * FROM scorecard_changes WHERE scorecard_id = ? ORDER BY changed_at, id",
        [scorecard_id],
    )


def scorecard_for(cur: Cursor, judge_id: int, entry_id: int) -> Scorecard | None:
    """The judge's scorecard for an entry, with marks, or None."""
    where = "judge_id = ? AND entry_id = ?"
    return shared.select_card(cur, _TABLES, Scorecard, where, [judge_id, entry_id])


# --- the rubric editor and paper score sheets (issue 7 §2, §6) ---------------------------


def first_submitted_scorecard(cur: Cursor, campaign_id: int) -> Scorecard | None:
    """The campaign's earliest submitted scorecard (it froze the rubric), or None."""
    card = fetch_one(
        cur,
        Scorecard,
        "SELECT * FROM scorecards WHERE campaign_id = ? AND status = 'submitted'"
        " ORDER BY submitted_at, id LIMIT 1",
        [campaign_id],
    )
    return None if card is None else _with_marks(cur, [card])[0]


def count_submitted_scorecards(cur: Cursor, campaign_id: int) -> int:
    """How many of the campaign's scorecards are submitted."""
    row = cur.execute(
        "SELECT count(*) FROM scorecards WHERE campaign_id = ? AND status = 'submitted'",
        [campaign_id],
    ).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True, eq=False)
class SubmittedMarks:
    """Every submitted scorecard of a campaign as columns: one row per card, the marks in
    the order of ``keys`` (NaN where a card has no mark for that criterion)."""

    judge_ids: NDArray[np.int64]
    entry_ids: NDArray[np.int64]
    keys: tuple[str, ...]
    marks: NDArray[np.float64]


def submitted_marks(cur: Cursor, campaign_id: int, keys: Sequence[str]) -> SubmittedMarks:
    """The marks of every submitted scorecard, pivoted by criterion in one query."""
    pivot = "".join(
        f", max(m.value) FILTER (WHERE m.criterion_key = ?) AS k{i}" for i in range(len(keys))
    )
    columns = cur.execute(
        f"SELECT s.judge_id, s.entry_id{pivot} FROM scorecards s"  # keys are bound as parameters
        " JOIN marks m ON m.scorecard_id = s.id"
        " WHERE s.campaign_id = ? AND s.status = 'submitted'"
        " GROUP BY s.id, s.judge_id, s.entry_id",
        [*keys, campaign_id],
    ).fetchnumpy()
    count = len(columns["judge_id"])
    marks = np.empty((count, len(keys)), dtype=np.float64)
    for i in range(len(keys)):
        marks[:, i] = np.ma.filled(np.ma.asarray(columns[f"k{i}"], dtype=np.float64), np.nan)
    return SubmittedMarks(
        judge_ids=np.asarray(columns["judge_id"], dtype=np.int64),
        entry_ids=np.asarray(columns["entry_id"], dtype=np.int64),
        keys=tuple(keys),
        marks=marks,
    )


def card_lines(
    cur: Cursor, campaign_id: int, *, entry_id: int | None = None
) -> list[ScorecardLine]:
    """A campaign's scorecards (drafts too) with judge name and entry code, by code and
    judge; only those of ``entry_id`` when given."""
    sql = """
        SELECT s.id AS scorecard_id, s.judge_id, u.username, s.entry_id, e.code, s.status,
               s.source, s.watch_share, s.updated_at, s.submitted_at, s.reopen_reason,
               (SELECT count(*) FROM marks m WHERE m.scorecard_id = s.id) AS marks_given
        FROM scorecards s JOIN users u ON u.id = s.judge_id JOIN entries e ON e.id = s.entry_id
        WHERE s.campaign_id = ? AND (? IS NULL OR s.entry_id = ?)
        ORDER BY e.code, u.username
    """
    return fetch_records(cur, ScorecardLine, sql, [campaign_id, entry_id, entry_id])
