"""A campaign's rubric criteria, in display order."""

from __future__ import annotations

from scoring.records.judging import Criterion
from scoring.storage.rows import Cursor, fetch_records, insert_record


def add_criterion(cur: Cursor, criterion: Criterion) -> None:
    """Insert one rubric criterion."""
    insert_record(cur, "rubric_criteria", criterion)


def list_criteria(cur: Cursor, campaign_id: int) -> list[Criterion]:
    """A campaign's rubric, in display order."""
    return fetch_records(
        cur,
        Criterion,
        "SELECT * FROM rubric_criteria WHERE campaign_id = ? ORDER BY position",
        [campaign_id],
    )


def update_criterion(cur: Cursor, criterion: Criterion) -> None:
    """Store a criterion's names, descriptions and weight (its key and position stay)."""
    cur.execute(
        "UPDATE rubric_criteria SET name_zh = ?, name_en = ?, description_zh = ?,"
        " description_en = ?, weight = ? WHERE campaign_id = ? AND key = ?",
        [
            criterion.name_zh,
            criterion.name_en,
            criterion.description_zh,
            criterion.description_en,
            criterion.weight,
            criterion.campaign_id,
            criterion.key,
        ],
    )
