"""Staging a views import (scoring.storage.view_staging, view_comparison): read in bulk or
row by row, compared with the stored snapshots, written with its log line in the caller's
transaction, and the staging tables gone afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from scoring.domain.view_cells import CellChecks
from scoring.domain.view_checks import ImportOptions, StagedFile, StagedRow
from scoring.domain.views import view_columns
from scoring.records.views import NewImportRecord
from scoring.services.context import Context
from scoring.storage import view_staging
from scoring.storage.imports import add_import, list_imports
from scoring.storage.rows import Cursor
from scoring.storage.views import campaign_snapshots
from scoring.tables.sources import lines_after_header, read_source
from tests.campaign_factory import CampaignFactory, make_campaign
from tests.view_rows import staged_row

HEADER = "作品编号,平台,播放量,采集时间"
AT = datetime(2026, 2, 1, 2, 0, tzinfo=UTC)  # 2026-02-01 10:00 in Beijing


def table(*rows: str) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def three_entries(ctx: Context) -> tuple[CampaignFactory, list[int]]:
    """A campaign with entries A-1, A-2 and A-3; A-3 has 7 views on douyin stored at AT."""
    made = make_campaign(ctx)
    entries = [made.entry(code) for code in ("A-1", "A-2", "A-3")]
    made.views(entries[2], "douyin", AT, 7)
    ids = [e.id for e in entries]
    assert None not in ids
    return made, [i or 0 for i in ids]


@contextmanager
def staging(
    ctx: Context, cur: Cursor, made: CampaignFactory, data: bytes, **options: bool
) -> Iterator[StagedFile]:
    source = read_source(data, file_name="v.csv", bulk=True, lines=lambda: lines_after_header(data))
    basis = view_staging.import_basis(cur, campaign_id=made.campaign_id, sha256="x")
    checks = CellChecks(basis.codes, now=ctx.now(), start=None, zone="Asia/Shanghai")
    with view_staging.staged(
        cur,
        source,
        columns=view_columns(source.headers),
        parse=checks.parse,
        campaign_id=made.campaign_id,
        how=ImportOptions(**options),
    ) as staged:
        yield staged


def stage(ctx: Context, made: CampaignFactory, data: bytes, **options: bool) -> StagedFile:
    """What staging found, after checking that the staging tables are gone at its end."""

    def work(cur: Cursor) -> StagedFile:
        with staging(ctx, cur, made, data, **options) as staged:
            pass
        left = cur.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND NOT internal UNION ALL"
            " SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal"
        ).fetchall()
        assert left == []
        return staged

    return ctx.db.write(work)


def row(line: int, entry_id: int, views: int, platform: str = "douyin") -> StagedRow:
    return staged_row(line, entry_id, views, platform, at=AT)


def record(made: CampaignFactory, ctx: Context, sha256: str = "abc") -> NewImportRecord:
    return NewImportRecord(
        campaign_id=made.campaign_id,
        kind="views",
        file_name="v.csv",
        sha256=sha256,
        rows_read=2,
        rows_imported=2,
        rows_duplicate=0,
        rows_rejected=0,
        username="coord",
        imported_at=ctx.now(),
    )


def test_a_blank_code_sends_the_file_row_by_row_keeping_its_lines(ctx: Context) -> None:
    made, _ = three_entries(ctx)
    data = table("A-1,快手,10,2026-02-01 10:00", ",,,", "A-2,抖音,abc,2026-02-01 10:00")
    staged = stage(ctx, made, data, skip_bad=True)
    assert (staged.bulk, staged.counts.rows, staged.refused_cells) == (
        False,
        2,
        {"views": [(4, "abc")]},
    )
    assert staged.cells == {4: ["A-2", "抖音", "abc", "2026-02-01 10:00"]}
    assert staged.new_platforms == ("kuaishou",)


@pytest.mark.parametrize("replace", [False, True])
def test_write_logs_the_file_and_stores_new_rows_replacing_only_when_told(
    ctx: Context, replace: bool
) -> None:
    made, (a1, _, a3) = three_entries(ctx)
    data = table("A-1,抖音,10,2026-02-01 10:00", "A-3,抖音,8,2026-02-01 10:00")

    def work(cur: Cursor) -> int:
        with staging(ctx, cur, made, data, replace=replace):
            return view_staging.write_staged(cur, record(made, ctx), replace=replace)

    import_id = ctx.db.write(work)
    shots = ctx.db.read(lambda cur: campaign_snapshots(cur, made.campaign_id))
    logged = ctx.db.read(lambda cur: list_imports(cur, made.campaign_id))
    a3_now = (a3, 8, import_id) if replace else (a3, 7, None)
    assert [(s.entry_id, s.views, s.import_id) for s in shots] == [(a1, 10, import_id), a3_now]
    assert [(r.id, r.file_name, r.rows_imported) for r in logged] == [(import_id, "v.csv", 2)]


def test_a_failure_after_the_write_began_leaves_nothing_written(ctx: Context) -> None:
    made, _ = three_entries(ctx)
    data = table("A-1,抖音,10,2026-02-01 10:00")

    def work(cur: Cursor) -> None:
        with staging(ctx, cur, made, data):
            view_staging.write_staged(cur, record(made, ctx), replace=False)
            raise RuntimeError("refused after the write began")

    with pytest.raises(RuntimeError):
        ctx.db.write(work)
    shots = ctx.db.read(lambda cur: campaign_snapshots(cur, made.campaign_id))
    logged = ctx.db.read(lambda cur: list_imports(cur, made.campaign_id))
    assert ([s.views for s in shots], logged) == ([7], [])


def test_import_basis_names_the_codes_and_an_earlier_import_of_the_same_bytes(
    ctx: Context,
) -> None:
    made, ids = three_entries(ctx)
    earlier = ctx.db.write(lambda cur: add_import(cur, record(made, ctx, sha256="same")))

    def basis(sha256: str) -> view_staging.ImportBasis:
        return ctx.db.read(
            lambda cur: view_staging.import_basis(cur, campaign_id=made.campaign_id, sha256=sha256)
        )

    codes = {"A-1": ids[0], "A-2": ids[1], "A-3": ids[2]}
    assert basis("same") == view_staging.ImportBasis(codes, earlier)
    assert basis("other").earlier is None
