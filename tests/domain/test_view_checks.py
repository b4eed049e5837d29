"""The staged rows of a views import checked (scoring.domain.view_checks): problems by line
and column, the tally, and whether to write."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scoring.domain.view_checks import (
    Checked,
    ImportOptions,
    StagedCounts,
    StagedFile,
    StagedRow,
    Tally,
    check_staged,
    tally,
)
from scoring.domain.views import RowProblem
from scoring.errors import InvalidInput
from tests.view_rows import staged_row

HEADERS = ("作品编号", "平台", "播放量", "采集时间")
COLUMNS = {"code": 0, "platform": 1, "views": 2, "captured_at": 3}
AT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
CELLS = {
    2: ["A-1", "抖音", "abc", "2026-03-01 10:00"],
    3: ["A-1", "快手", "10", "2026-03-01 10:00"],
    4: ["A-1", "快手", "11", "2026-03-01 10:00"],
    5: ["A-2", "抖音", "5", "2026-03-01 10:00"],
}


def row(line: int, entry_id: int, platform: str, views: int) -> StagedRow:
    return staged_row(line, entry_id, views, platform, at=AT)


# Line 2 has a refused count, lines 3 and 4 disagree, line 5 differs from the stored row,
# line 6 is new.
STAGED = StagedFile(
    bulk=True,
    counts=StagedCounts(
        rows=5, bad=1, clashing=2, copies=0, new=1, same=0, differ=1, differ_rows=1
    ),
    refused={"views": {"abc": InvalidInput("count.not_a_number", value="abc")}},
    refused_cells={"views": [(2, "abc")]},
    clashing=[row(3, 1, "kuaishou", 10), row(4, 1, "kuaishou", 11)],
    conflicts=[(row(5, 2, "douyin", 5), row(5, 2, "douyin", 6))],
    cells=CELLS,
    new_platforms=("kuaishou",),
)


def check(staged: StagedFile = STAGED, **options: bool) -> Checked:
    how = ImportOptions(**options)
    return check_staged(staged, headers=HEADERS, columns=COLUMNS, file_name="v.csv", how=how)


def test_every_problem_named_by_line_and_column() -> None:
    checked = check()
    assert checked.problems == (
        RowProblem(
            line=2, column="播放量", value="abc", key="count.not_a_number", params={"value": "abc"}
        ),
        RowProblem(
            line=3,
            column="播放量",
            value="10",
            key="views.conflict_in_file",
            params={"other_line": 4, "other_value": "11"},
        ),
        RowProblem(
            line=4,
            column="播放量",
            value="11",
            key="views.conflict_in_file",
            params={"other_line": 3, "other_value": "10"},
        ),
        RowProblem(
            line=5, column="播放量", value="5", key="views.conflict_stored", params={"stored": 6}
        ),
    )


def test_any_problem_refuses_the_file_unless_bad_rows_are_skipped() -> None:
    refused, skipping = check(), check(skip_bad=True)
    assert (refused.accepted, skipping.accepted) == (False, True)
    assert refused.tally == Tally(imported=1, duplicate=0, replaced=0, rejected=4)


def test_replace_turns_a_stored_conflict_into_a_replaced_row() -> None:
    staged = replace(STAGED, conflicts=[])  # staging reads no conflicts when replacing
    checked = check(staged, replace=True)
    assert checked.tally == Tally(imported=2, duplicate=0, replaced=1, rejected=3)
    assert [p.line for p in checked.problems] == [2, 3, 4]


def test_a_file_without_rows_is_refused_naming_it() -> None:
    empty = replace(STAGED, counts=StagedCounts(**dict.fromkeys(STAGED.counts.__dict__, 0)))
    with pytest.raises(InvalidInput) as refused:
        check(empty)
    assert (refused.value.key, refused.value.params) == ("table.no_rows", {"file": "v.csv"})


def test_identical_copies_of_a_row_that_differs_from_the_stored_one_are_rejected_too() -> None:
    counts = StagedCounts(
        rows=6, bad=0, clashing=0, copies=2, new=1, same=1, differ=1, differ_rows=3
    )
    assert tally(counts, replace=False) == Tally(imported=1, duplicate=1, replaced=0, rejected=3)
    assert tally(counts, replace=True) == Tally(imported=2, duplicate=3, replaced=1, rejected=0)
