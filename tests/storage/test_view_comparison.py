"""storage/view_comparison.py: the staged rows of a views import typed, grouped and compared
with the stored snapshots (staged through ``view_staging``, whose helpers these tests share)."""

from __future__ import annotations

from scoring.domain.view_checks import StagedCounts
from scoring.services.context import Context
from tests.storage.test_view_staging import row, stage, table, three_entries


def test_a_plain_csv_is_read_in_bulk_and_compared_with_the_stored_rows(ctx: Context) -> None:
    made, (a1, _, a3) = three_entries(ctx)
    data = table(
        "A-1,快手,10,2026-02-01 10:00",
        "A-1,快手,11,2026-02-01 10:00",
        "A-2,抖音,abc,2026-02-01 10:00",
        "A-3,抖音,8,2026-02-01 10:00",
    )
    staged = stage(ctx, made, data)
    assert (staged.bulk, staged.counts) == (
        True,
        StagedCounts(rows=4, bad=1, clashing=2, copies=0, new=0, same=0, differ=1, differ_rows=1),
    )
    assert staged.refused_cells == {"views": [(4, "abc")]}
    assert staged.clashing == [row(2, a1, 10, "kuaishou"), row(3, a1, 11, "kuaishou")]
    assert staged.conflicts == [(row(5, a3, 8), row(5, a3, 7))]
    assert sorted(staged.cells) == [2, 3, 5]  # the refused row's cells are read for skip_bad
    assert staged.new_platforms == ()  # only agreeing rows bring a new platform


def test_copies_rows_already_stored_and_new_rows_are_told_apart(ctx: Context) -> None:
    made, _ = three_entries(ctx)
    data = table(
        "A-1,快手,10,2026-02-01 10:00",
        "A-1,快手,10,2026-02-01 10:00",
        "A-3,抖音,7,2026-02-01 10:00",
        "A-2,抖音,5,2026-02-01 10:00",
    )
    staged = stage(ctx, made, data)
    assert staged.counts == StagedCounts(
        rows=4, bad=0, clashing=0, copies=1, new=2, same=1, differ=0, differ_rows=0
    )
    assert (staged.refused_cells, staged.clashing, staged.conflicts) == ({}, [], [])
    assert staged.new_platforms == ("kuaishou",)


def test_with_replace_a_differing_stored_row_is_no_conflict(ctx: Context) -> None:
    made, _ = three_entries(ctx)
    staged = stage(ctx, made, table("A-3,抖音,9,2026-02-01 10:00"), replace=True)
    assert (staged.counts.differ, staged.conflicts) == (1, [])
