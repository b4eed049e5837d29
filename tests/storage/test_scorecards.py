"""The ranking's one-query read of submitted marks, pivoted by criterion."""

from __future__ import annotations

import math

from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.records.judging import NewScorecard, NewScorecardChange
from scoring.services.context import Context
from scoring.storage import Database, scorecards
from scoring.storage.rubric import list_criteria
from scoring.storage.scorecards import submitted_marks
from tests.storage.samples import NOW


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


def test_scorecard_with_marks_and_history_round_trip(db: Database) -> None:
    card = NewScorecard(
        campaign_id=1,
        judge_id=3,
        entry_id=1,
        status=ScorecardStatus.SUBMITTED,
        comment="好",
        watch_share=0.95,
        watch_ranges=[[0.0, 11.4]],
        source=ScorecardSource.PAPER,
        entered_by=2,
        reopen_reason="重新评",
        created_at=NOW,
        updated_at=NOW,
        submitted_at=NOW,
        marks={"lively": 8.5, "theme": 10.0},
    )
    stored = db.write(lambda c: scorecards.add_scorecard(c, card))
    assert stored.__dict__ == {**card.__dict__, "id": stored.id}
    assert db.read(lambda c: scorecards.list_scorecards(c, 1, judge_id=3)) == [stored]
    change = NewScorecardChange(
        scorecard_id=stored.id,
        changed_by="judge3",
        changed_at=NOW,
        field="lively",
        old_value="8.0",
        new_value="8.5",
    )
    db.write(lambda c: scorecards.add_scorecard_change(c, change))
    history = db.read(lambda c: scorecards.list_scorecard_changes(c, stored.id))
    assert [(h.field, h.old_value, h.new_value) for h in history] == [("lively", "8.0", "8.5")]
