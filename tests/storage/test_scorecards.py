"""The ranking's one-query read of submitted marks, pivoted by criterion."""

from __future__ import annotations

import math

from scoring.services.context import Context
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import submitted_marks


def test_pivot_matches_the_marks_table_row_by_row(demo_ctx: Context) -> None:
    keys = [c.key for c in demo_ctx.db.read(lambda cur: list_criteria(cur, 1))]
    # one submitted card loses a mark (NaN in its column); drafts are never read
    demo_ctx.db.write(
        lambda cur: cur.execute(
            "DELETE FROM marks WHERE criterion_key = 'theme' AND scorecard_id ="
            " (SELECT min(id) FROM scorecards WHERE status = 'submitted')"
        )
    )
    long = demo_ctx.db.read(
        lambda cur: cur.execute(
            "SELECT s.judge_id, s.entry_id, m.criterion_key, m.value, s.status FROM scorecards s"
            " JOIN marks m ON m.scorecard_id = s.id WHERE s.campaign_id = 1"
        ).fetchall()
    )
    expected: dict[tuple[int, int], dict[str, float]] = {}
    for judge, entry, key, value, status in long:
        if status == "submitted":
            expected.setdefault((judge, entry), {})[key] = value
    got = demo_ctx.db.read(lambda cur: submitted_marks(cur, 1, keys))
    assert got.keys == tuple(keys)
    rows = {
        (int(j), int(e)): {k: v for k, v in zip(keys, row, strict=True) if not math.isnan(v)}
        for j, e, row in zip(got.judge_ids, got.entry_ids, got.marks.tolist(), strict=True)
    }
    assert rows == expected
    assert len(rows) == len(got.judge_ids) == 52
    assert sum(math.isnan(v) for row in got.marks.tolist() for v in row) == 1
    assert any(status == "draft" for *_, status in long)
