"""Judging progress counted by the database: one page of scorecards, filtered, and how
many match (the judges' and entries' counts are checked through the service)."""

from __future__ import annotations

from scoring.services.context import Context
from scoring.storage.progress import card_page, entry_progress


def test_a_page_of_cards_in_order_and_how_many_there_are(demo_ctx: Context) -> None:
    page = demo_ctx.db.read(lambda cur: card_page(cur, 1, limit=10))
    assert (len(page.cards), page.total) == (10, 56)
    assert [(c.code, c.username) for c in page.cards[:3]] == [
        ("GS-2023-001", "judge1"),
        ("GS-2023-001", "judge2"),
        ("GS-2023-001", "judge3"),
    ]


def test_one_judges_cards_and_a_code_filter(demo_ctx: Context) -> None:
    judge5 = demo_ctx.db.read(lambda cur: card_page(cur, 1, judge_id=7, limit=10))
    assert judge5.total == 5
    assert [(c.code, c.status.value) for c in judge5.cards] == [
        ("GS-2023-001", "submitted"),
        ("GS-2023-002", "submitted"),
        ("GS-2023-003", "submitted"),
        ("GS-2023-004", "draft"),
        ("GS-2023-005", "draft"),
    ]
    # case folded, spaces around ignored; % and _ are plain characters
    tens = demo_ctx.db.read(lambda cur: card_page(cur, 1, code=" gs-2023-01 "))
    assert tens.total == 19
    assert sorted({c.code for c in tens.cards}) == [f"GS-2023-01{n}" for n in range(6)]
    assert demo_ctx.db.read(lambda cur: card_page(cur, 1, code="%")).total == 0


def test_entries_submitted_counts(demo_ctx: Context) -> None:
    entries = demo_ctx.db.read(lambda cur: entry_progress(cur, 1))
    assert sorted(e.submitted for e in entries) == [2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5]
