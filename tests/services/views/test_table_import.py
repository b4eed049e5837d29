"""Importing viewing figures through the service (SPEC §5, issue 4): what is written, what
is refused and why, atomicity, idempotence, encodings, both read paths, permissions.

The demo campaign (tests/conftest.py) starts 2023-04-11 00:00 Beijing; the clock stands at
2026-03-01 09:00 UTC (17:00 Beijing). Its stored snapshots are on douyin and samr only;
entry 1 on douyin at 2023-06-06 10:00 is 3072/102/12/25 and at 06-07 10:00 3111/103/12/25.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from scoring.domain.views import RowProblem
from scoring.errors import InvalidInput, NotAllowed
from scoring.i18n import translate
from scoring.records.views import ImportRecord, ViewSnapshot
from scoring.services.context import Context
from scoring.services.views.history import view_history
from scoring.services.views.report import ViewImportReport
from scoring.services.views.table_import import import_views
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.imports import list_imports
from tests.conftest import COORD, JUDGE, T0

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "views"
HEADER = "作品编号,平台,播放量,点赞数,评论数,转发数·分享数,采集时间"
JUNE_8 = datetime(2023, 6, 8, 2, 0, tzinfo=UTC)  # 2023-06-08 10:00 Beijing


def table(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(ctx: Context, data: bytes, **options: bool) -> ViewImportReport:
    return import_views(ctx, actor=COORD, data=data, file_name="views.csv", **options)


def checksums(ctx: Context) -> dict[str, tuple[int, str]]:
    """Row count and an md5 of every row of every table: equal means nothing changed."""

    def work(cur: object) -> dict[str, tuple[int, str]]:
        names = cur.execute(  # type: ignore[attr-defined]
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
        found = {}
        for (name,) in names:
            # The table names come from information_schema, not from input.
            sql = (
                f"SELECT count(*), md5(coalesce(string_agg(t::VARCHAR, '|'"  # noqa: S608
                f" ORDER BY t::VARCHAR), '')) FROM {name} t"
            )
            found[name] = cur.execute(sql).fetchone()  # type: ignore[attr-defined]
        return found

    return ctx.db.read(work)


def june_8(ctx: Context, entry_id: int) -> list[ViewSnapshot]:
    shots = view_history(ctx, actor=COORD, entry_id=entry_id)
    return [s for s in shots if s.captured_at == JUNE_8]


def problems(report: ViewImportReport) -> list[tuple[int, str, str, str, dict[str, object]]]:
    return [(p.line, p.column, p.value, p.key, p.params) for p in report.problems]


def import_events(ctx: Context) -> list[dict[str, object]]:
    events = ctx.db.read(lambda c: list_events(c, AuditFilter(action="views.import")))
    return [e.details for e in events]


GOOD_STORED = [
    ViewSnapshot(
        entry_id=1,
        platform="douyin",
        captured_at=JUNE_8,
        views=12345,
        likes=321,
        comments=45,
        shares=12,
        import_id=1,
    ),
    ViewSnapshot(
        entry_id=2,
        platform="samr",
        captured_at=JUNE_8,
        views=12000,
        likes=88,
        comments=None,
        shares=3,
        import_id=1,
    ),
    ViewSnapshot(
        entry_id=3,
        platform="kuaishou",
        captured_at=JUNE_8,
        views=12345,
        likes=0,
        comments=0,
        shares=0,
        import_id=1,
    ),
]


# --- a good file ---------------------------------------------------------------------------


def test_good_file_written_logged_and_audited(demo_ctx: Context) -> None:
    data = fixture("good.csv")
    report = run(demo_ctx, data)
    assert report == ViewImportReport(
        file_name="views.csv",
        sha256=hashlib.sha256(data).hexdigest(),
        rows_read=3,
        imported=3,
        new_platforms=("kuaishou",),
        accepted=True,
        written=True,
        bulk_read=True,
    )
    assert [*june_8(demo_ctx, 1), *june_8(demo_ctx, 2), *june_8(demo_ctx, 3)] == GOOD_STORED
    assert demo_ctx.db.read(lambda c: list_imports(c, 1)) == [
        ImportRecord(
            id=1,
            campaign_id=1,
            kind="views",
            file_name="views.csv",
            sha256=hashlib.sha256(data).hexdigest(),
            rows_read=3,
            rows_imported=3,
            rows_duplicate=0,
            rows_rejected=0,
            username="coord",
            imported_at=T0,
        )
    ]
    assert import_events(demo_ctx) == [
        {
            "import_id": 1,
            "sha256": hashlib.sha256(data).hexdigest(),
            "rows_read": 3,
            "imported": 3,
            "duplicate": 0,
            "replaced": 0,
            "rejected": 0,
            "new_platforms": ["kuaishou"],
        }
    ]


def test_same_bytes_again_are_reported_and_change_nothing(demo_ctx: Context) -> None:
    first = run(demo_ctx, fixture("good.csv"))
    before = checksums(demo_ctx)
    again = import_views(
        demo_ctx, actor=COORD, data=fixture("good.csv"), file_name="renamed.csv", replace=True
    )
    assert checksums(demo_ctx) == before
    assert (again.written, again.accepted, again.rows_read, again.imported) == (False, False, 0, 0)
    assert again.already_imported == demo_ctx.db.read(lambda c: list_imports(c, 1))[0]
    assert again.already_imported is not None and again.already_imported.file_name == "views.csv"
    assert first.written


@pytest.mark.parametrize(
    ("name", "bulk"),
    [("good_gb18030.csv", True), ("good_bom.csv", True), ("good.xlsx", False)],
)
def test_gb18030_bom_and_xlsx_store_the_same_rows(demo_ctx: Context, name: str, bulk: bool) -> None:
    report = import_views(demo_ctx, actor=COORD, data=fixture(name), file_name=name)
    assert (report.rows_read, report.imported, report.problems, report.bulk_read) == (
        3,
        3,
        (),
        bulk,
    )
    assert [*june_8(demo_ctx, 1), *june_8(demo_ctx, 2), *june_8(demo_ctx, 3)] == GOOD_STORED


# --- atomicity, --skip-bad, dry run ----------------------------------------------------------

ERRORS = [
    (3, "作品编号", "GS-2023-999", "views.unknown_code", {"code": "GS-2023-999"}),
    (4, "播放量", "-5", "count.negative", {"value": "-5"}),
    (5, "播放量", "abc", "count.not_a_number", {"value": "abc"}),
    (
        6,
        "作品编号",
        '=HYPERLINK("http://x")',
        "table.formula_cell",
        {"value": '=HYPERLINK("http://x")'},
    ),
]


def test_file_with_a_bad_row_writes_nothing_at_all(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    report = run(demo_ctx, fixture("errors.csv"))
    assert checksums(demo_ctx) == before
    assert problems(report) == ERRORS
    assert (report.rows_read, report.imported, report.duplicate, report.rejected) == (5, 1, 0, 4)
    assert (report.accepted, report.written) == (False, False)


def test_dry_run_counts_and_writes_nothing(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    report = run(demo_ctx, fixture("good.csv"), dry_run=True)
    assert checksums(demo_ctx) == before
    assert (report.imported, report.new_platforms) == (3, ("kuaishou",))
    assert (report.accepted, report.written, report.dry_run) == (True, False, True)


REJECTED_CSV = (
    "\ufeff作品编号,平台,播放量,点赞数,评论数,转发数·分享数,采集时间,"
    "原行号/line,问题列/column,问题值/value,问题/problem\r\n"
    "GS-2023-999,抖音,100,1,1,1,2023/6/8 10:00,3,作品编号,GS-2023-999,"
    "作品编号“GS-2023-999”不是本届活动的作品。请核对编号（如 GS-2023-001），或先导入该作品。\r\n"
    "GS-2023-005,抖音,'-5,1,1,1,2023/6/8 10:00,4,播放量,'-5,"
    "“-5”是负数，次数不能小于 0。请填写平台显示的数值。\r\n"
    "GS-2023-006,抖音,abc,1,1,1,2023/6/8 10:00,5,播放量,abc,"
    '"“abc”不是数字。请填写如 12345、12,345、1.2万 或 3亿 这样的数。"\r\n'
    '"\'=HYPERLINK(""http://x"")",抖音,1,,,,2023/6/8 10:00,6,作品编号,'
    '"\'=HYPERLINK(""http://x"")",'
    '"“=HYPERLINK(""http://x"")”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。'
    '请填写公式的计算结果，而不是公式本身。"\r\n'
)


def test_skip_bad_writes_the_good_rows_and_returns_the_rejected_ones(demo_ctx: Context) -> None:
    report = run(demo_ctx, fixture("errors.csv"), skip_bad=True)
    assert (report.imported, report.rejected, report.written) == (1, 4, True)
    assert problems(report) == ERRORS
    assert report.rejected_csv is not None
    assert report.rejected_csv.decode("utf-8") == REJECTED_CSV
    assert [s.views for s in june_8(demo_ctx, 4)] == [5000]
    logged = demo_ctx.db.read(lambda c: list_imports(c, 1))[0]
    assert (logged.rows_read, logged.rows_imported, logged.rows_rejected) == (5, 1, 4)


def test_corrected_rejected_rows_file_imports_as_it_is(demo_ctx: Context) -> None:
    rejected = run(demo_ctx, fixture("errors.csv"), skip_bad=True).rejected_csv
    assert rejected is not None
    fixed = rejected.decode("utf-8")
    for old, new in (("GS-2023-999", "GS-2023-007"), ("'-5", "5"), (",abc,", ",6,")):
        fixed = fixed.replace(old, new, 1)
    fixed = fixed.replace('"\'=HYPERLINK(""http://x"")"', "GS-2023-008", 1)
    report = run(demo_ctx, fixed.encode("utf-8"))
    assert (report.rows_read, report.imported, report.problems) == (4, 4, ())


# --- each kind of row problem, end to end ------------------------------------------------

GOOD_TAIL = "100,1,1,1,2023/6/8 10:00"


@pytest.mark.parametrize(
    ("row", "problem", "message"),
    [
        (
            f"GS-2023-999,抖音,{GOOD_TAIL}",
            ("作品编号", "GS-2023-999", "views.unknown_code", {"code": "GS-2023-999"}),
            "作品编号“GS-2023-999”不是本届活动的作品。"
            "请核对编号（如 GS-2023-001），或先导入该作品。",
        ),
        (
            "GS-2023-001,抖音,100,1,1,1,2026/3/1 17:01",
            (
                "采集时间",
                "2026/3/1 17:01",
                "time.in_future",
                {"value": "2026/3/1 17:01", "now": "2026-03-01 17:00"},
            ),
            "采集时间“2026/3/1 17:01”晚于当前时间（2026-03-01 17:00）。请检查日期和时区。",
        ),
        (
            "GS-2023-001,抖音,100,1,1,1,2023/4/10 23:59",
            (
                "采集时间",
                "2023/4/10 23:59",
                "time.before_campaign",
                {"value": "2023/4/10 23:59", "start": "2023-04-11 00:00"},
            ),
            "采集时间“2023/4/10 23:59”早于本届活动开始（2023-04-11 00:00）。"
            "请检查日期，或确认导入的是本届的数据。",
        ),
        (
            f"=1+1,抖音,{GOOD_TAIL}",
            ("作品编号", "=1+1", "table.formula_cell", {"value": "=1+1"}),
            "“=1+1”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。"
            "请填写公式的计算结果，而不是公式本身。",
        ),
        (
            f"GS-2023-001,@抖音,{GOOD_TAIL}",
            ("平台", "@抖音", "table.formula_cell", {"value": "@抖音"}),
            "“@抖音”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），不予导入。"
            "请填写公式的计算结果，而不是公式本身。",
        ),
        (
            "GS-2023-001,抖音,-5,1,1,1,2023/6/8 10:00",
            ("播放量", "-5", "count.negative", {"value": "-5"}),
            "“-5”是负数，次数不能小于 0。请填写平台显示的数值。",
        ),
        (
            "GS-2023-001,抖音,1.2万万,1,1,1,2023/6/8 10:00",
            ("播放量", "1.2万万", "count.double_unit", {"value": "1.2万万"}),
            "“1.2万万”含有多个单位（如“万万”“千万”）。请只用一个单位，或直接填写完整的数字。",
        ),
        (
            "GS-2023-001,抖音,3200,103,12,25,2023/6/7 10:00",
            ("播放量", "3200", "views.conflict_stored", {"stored": 3111}),
            "该作品在该平台、该采集时间已有数据，此项已存为 3111，与本行不同。"
            "如确需以本文件为准，请勾选“替换已有数据”（命令行加 --replace）后重新导入。",
        ),
    ],
)
def test_each_row_problem_refuses_the_file_with_its_message(
    demo_ctx: Context,
    row: str,
    problem: tuple[str, str, str, dict[str, object]],
    message: str,
) -> None:
    before = checksums(demo_ctx)
    report = run(demo_ctx, table(row))
    assert problems(report) == [(2, *problem)]
    assert translate(report.problems[0].key, "zh", **report.problems[0].params) == message
    assert (report.rejected, report.written) == (1, False)
    assert checksums(demo_ctx) == before


def test_capture_right_at_now_is_accepted(demo_ctx: Context) -> None:
    report = run(demo_ctx, table("GS-2023-001,抖音,100,1,1,1,2026/3/1 17:00"))
    assert (report.imported, report.problems) == (1, ())


def test_unknown_platform_accepted_and_reported_as_new(demo_ctx: Context) -> None:
    report = run(
        demo_ctx, table(f"GS-2023-001,学习强国,{GOOD_TAIL}", f"GS-2023-001,快手,{GOOD_TAIL}")
    )
    assert (report.imported, report.new_platforms) == (2, ("kuaishou", "学习强国"))
    assert sorted({s.platform for s in june_8(demo_ctx, 1)}) == ["kuaishou", "学习强国"]
    again = run(demo_ctx, table("GS-2023-002,学习强国,5,1,1,1,2023/6/9 10:00"))
    assert again.new_platforms == ()  # seen in this campaign now


def test_every_problem_of_every_row_listed_in_line_and_column_order(demo_ctx: Context) -> None:
    rows = ("GS-2023-999,快手,abc,-1,,,2030-01-01", f"GS-2023-001,抖音,{GOOD_TAIL}")
    report = run(demo_ctx, table(*rows))
    assert [(p.line, p.column, p.key) for p in report.problems] == [
        (2, "作品编号", "views.unknown_code"),
        (2, "播放量", "count.not_a_number"),
        (2, "点赞数", "count.negative"),
        (2, "采集时间", "time.in_future"),
    ]
    assert (report.rows_read, report.imported, report.rejected) == (2, 1, 1)


# --- duplicates and conflicts ----------------------------------------------------------------


def test_exact_duplicates_in_the_file_and_in_the_store_are_counted_and_skipped(
    demo_ctx: Context,
) -> None:
    stored_again = "GS-2023-001,抖音,3072,102,12,25,2023/6/6 10:00"
    new = f"GS-2023-002,抖音,{GOOD_TAIL}"
    report = run(demo_ctx, table(stored_again, new, new, new))
    assert (report.rows_read, report.imported, report.duplicate, report.rejected) == (4, 1, 3, 0)
    assert [s.views for s in june_8(demo_ctx, 2) if s.platform == "douyin"] == [100]
    history = view_history(demo_ctx, actor=COORD, entry_id=1)
    assert len([s for s in history if s.platform == "douyin"]) == 7  # nothing added


def test_file_of_duplicates_only_is_accepted_and_logged(demo_ctx: Context) -> None:
    report = run(demo_ctx, table("GS-2023-001,抖音,3072,102,12,25,2023/6/6 10:00"))
    assert (report.imported, report.duplicate, report.written) == (0, 1, True)
    assert len(demo_ctx.db.read(lambda c: list_imports(c, 1))) == 1


def test_counts_the_file_has_no_column_for_are_not_compared(demo_ctx: Context) -> None:
    data = table("GS-2023-001,抖音,3111,2023/6/7 10:00", header="作品编号,平台,播放量,采集时间")
    report = run(demo_ctx, data)
    assert (report.duplicate, report.problems) == (1, ())


def test_an_empty_cell_differs_from_a_stored_count(demo_ctx: Context) -> None:
    report = run(demo_ctx, table("GS-2023-001,抖音,3111,103,,25,2023/6/7 10:00"))
    assert problems(report) == [(2, "评论数", "", "views.conflict_stored", {"stored": 12})]


def test_replace_swaps_the_stored_row_and_counts_it(demo_ctx: Context) -> None:
    row = "GS-2023-001,抖音,3200,110,13,26,2023/6/7 10:00"
    report = run(demo_ctx, table(row, f"GS-2023-002,抖音,{GOOD_TAIL}"), replace=True)
    assert (report.imported, report.replaced, report.duplicate, report.problems) == (2, 1, 0, ())
    june_7 = [
        s
        for s in view_history(demo_ctx, actor=COORD, entry_id=1)
        if s.platform == "douyin" and s.captured_at == datetime(2023, 6, 7, 2, 0, tzinfo=UTC)
    ]
    assert june_7 == [
        ViewSnapshot(
            entry_id=1,
            platform="douyin",
            captured_at=datetime(2023, 6, 7, 2, 0, tzinfo=UTC),
            views=3200,
            likes=110,
            comments=13,
            shares=26,
            import_id=1,
        )
    ]
    assert import_events(demo_ctx)[0]["replaced"] == 1


def test_rows_of_the_file_that_disagree_are_refused_even_with_replace(demo_ctx: Context) -> None:
    rows = (
        "GS-2023-004,抖音,500,1,1,1,2023/6/9 10:00",
        "GS-2023-004,抖音,600,1,1,1,2023/6/9 10:00",
    )
    for replace in (False, True):
        report = run(demo_ctx, table(*rows), replace=replace)
        assert problems(report) == [
            (2, "播放量", "500", "views.conflict_in_file", {"other_line": 3, "other_value": "600"}),
            (3, "播放量", "600", "views.conflict_in_file", {"other_line": 2, "other_value": "500"}),
        ]
        assert (report.rejected, report.written) == (2, False)


def test_a_repeated_row_that_differs_from_the_store_is_rejected_twice(demo_ctx: Context) -> None:
    row = "GS-2023-001,抖音,3200,103,12,25,2023/6/7 10:00"
    report = run(demo_ctx, table(row, row), skip_bad=True)
    assert (report.rows_read, report.imported, report.duplicate, report.rejected) == (2, 0, 0, 2)
    assert [p.line for p in report.problems] == [2, 3]
    assert (report.accepted, report.written) == (False, False)


# --- both ways of reading a file give the lines tabular gives ---------------------------------


def test_blank_line_read_row_by_row_and_later_lines_keep_their_numbers(demo_ctx: Context) -> None:
    data = table(f"GS-2023-001,抖音,{GOOD_TAIL}", "", f"GS-2023-999,抖音,{GOOD_TAIL}")
    report = run(demo_ctx, data)
    assert (report.bulk_read, report.rows_read) == (False, 2)
    assert [(p.line, p.key) for p in report.problems] == [(4, "views.unknown_code")]


def test_blank_line_fixture_imports_its_three_rows(demo_ctx: Context) -> None:
    report = run(demo_ctx, fixture("blank_line.csv"))
    assert (report.bulk_read, report.rows_read, report.imported) == (False, 3, 3)


def test_cell_spanning_two_lines_read_row_by_row(demo_ctx: Context) -> None:
    data = fixture("multiline.csv") + f"GS-2023-999,抖音,{GOOD_TAIL},\r\n".encode()
    report = run(demo_ctx, data)
    assert (report.bulk_read, report.rows_read) == (False, 4)
    # Row 5 as Excel and tabular count it: the two-line cell is one row (physical line 6).
    assert [(p.line, p.key) for p in report.problems] == [(5, "views.unknown_code")]


def test_row_of_spaces_and_commas_is_blank(demo_ctx: Context) -> None:
    data = table(f"GS-2023-001,抖音,{GOOD_TAIL}", " ,\u3000, ,,,,", f"GS-2023-999,抖音,{GOOD_TAIL}")
    report = run(demo_ctx, data)
    assert (report.bulk_read, report.rows_read) == (False, 2)
    assert [(p.line, p.key) for p in report.problems] == [(4, "views.unknown_code")]


def test_file_duckdb_refuses_is_read_the_exact_way(demo_ctx: Context) -> None:
    # Text after a closing quote: DuckDB's strict reader refuses it (which spoils the
    # transaction); Python's csv module, and so tabular, reads "说"明 as 说明.
    data = table(f'GS-2023-001,抖音,{GOOD_TAIL},"说"明', header=f"{HEADER},备注")
    report = run(demo_ctx, data)
    assert (report.bulk_read, report.imported, report.problems) == (False, 1, ())


def test_empty_cell_right_of_the_last_column_ignored_on_both_paths(demo_ctx: Context) -> None:
    report = run(demo_ctx, table(f"GS-2023-001,抖音,{GOOD_TAIL},", f"GS-2023-002,抖音,{GOOD_TAIL}"))
    assert (report.bulk_read, report.imported, report.problems) == (True, 2, ())


def test_bulk_path_lines_are_exact_in_a_large_file(demo_ctx: Context) -> None:
    # ~9 MB: DuckDB reads it in parallel; the lines of the two bad rows must still be exact.
    rows = [f"GS-2023-{1 + n % 15:03d},p{n // 15},{n},1,1,1,2023/6/8 10:00" for n in range(150_000)]
    rows[70_000] = rows[70_000].replace(",70000,", ",七万,")
    rows[-1] = rows[-1].replace("GS-2023-", "GS-2024-")
    report = run(demo_ctx, table(*rows), dry_run=True)
    assert report.bulk_read
    assert [(p.line, p.value) for p in report.problems] == [
        (70_002, "七万"),
        (150_001, "GS-2024-015"),
    ]


CELLS = st.tuples(
    st.sampled_from(["GS-2023-001", "GS-2023-002", " GS-2023-003 ", "GS-2023-999", "", "@1"]),
    st.sampled_from(["抖音", "douyin", "快手", "学习强国", "", "+x"]),
    st.sampled_from(["100", "12,345", "1.2万", "１２３", "0012", "-5", "abc", " 7 ", ""]),
    st.sampled_from(["", "5", "1.2万万", "3"]),
    st.sampled_from(["", "1", "2"]),
    st.sampled_from(["", "4"]),
    st.sampled_from(
        ["2023/6/8 10:00", "2023-06-08T10:00:00+08:00", "2023年6月9日", "2030-01-01", "x", ""]
    ),
)


def _outcome(ctx: Context, data: bytes, name: str) -> object:
    try:
        report = import_views(ctx, actor=COORD, data=data, file_name=name, dry_run=True)
    except InvalidInput as refused:
        return refused.key
    counts = (report.rows_read, report.imported, report.duplicate, report.rejected)
    return counts, report.problems, report.new_platforms


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(CELLS, min_size=1, max_size=8))
def test_bulk_and_row_by_row_reading_agree(demo_ctx: Context, rows: list[tuple[str, ...]]) -> None:
    # The same cells as CSV (bulk path) and as XLSX (always row by row, via tabular).
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADER.split(","), *rows])
    book = Workbook()
    for row in [HEADER.split(","), *rows]:
        book.active.append(list(row))
    sheet = io.BytesIO()
    book.save(sheet)
    as_csv = _outcome(demo_ctx, out.getvalue().encode("utf-8"), "v.csv")
    assert as_csv == _outcome(demo_ctx, sheet.getvalue(), "v.xlsx")


# --- file-level refusals, campaign, permissions ------------------------------------------------


def test_missing_columns_refuse_the_file_and_write_nothing(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    with pytest.raises(InvalidInput) as caught:
        run(demo_ctx, table("GS-2023-001,100", header="作品编号,播放量"))
    assert (caught.value.key, caught.value.params["columns"]) == (
        "views.missing_columns",
        "平台/platform, 采集时间/captured_at",
    )
    assert checksums(demo_ctx) == before


@pytest.mark.parametrize("data", [table(), table(" , ,,,,,")])
def test_file_without_data_rows_refused(demo_ctx: Context, data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        run(demo_ctx, data)
    assert (caught.value.key, caught.value.params) == ("table.no_rows", {"file": "views.csv"})


def test_values_right_of_the_last_column_refuse_the_file(demo_ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        run(demo_ctx, table(f"GS-2023-001,抖音,{GOOD_TAIL},x"))
    assert caught.value.key == "table.extra_cells"


def test_without_a_campaign_nothing_can_be_imported(ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        run(ctx, fixture("good.csv"))
    assert caught.value.key == "views.no_campaign"


def test_judge_may_not_import(demo_ctx: Context) -> None:
    before = checksums(demo_ctx)
    with pytest.raises(NotAllowed):
        import_views(demo_ctx, actor=JUDGE, data=fixture("good.csv"), file_name="good.csv")
    assert checksums(demo_ctx) == before


# --- the report as JSON --------------------------------------------------------------------


def test_json_report_structure(demo_ctx: Context) -> None:
    data = fixture("errors.csv")
    document = run(demo_ctx, data).to_json("en")
    assert document == {
        "file": "views.csv",
        "sha256": hashlib.sha256(data).hexdigest(),
        "rows_read": 5,
        "imported": 1,
        "duplicate": 0,
        "replaced": 0,
        "rejected": 4,
        "accepted": False,
        "written": False,
        "dry_run": False,
        "new_platforms": [],
        "already_imported": None,
        "problems": [
            {
                "line": 3,
                "column": "作品编号",
                "value": "GS-2023-999",
                "key": "views.unknown_code",
                "params": {"code": "GS-2023-999"},
                "reason": "“GS-2023-999” is not the code of an entry of this campaign. Check the"
                " code (e.g. GS-2023-001), or import that entry first.",
            },
            {
                "line": 4,
                "column": "播放量",
                "value": "-5",
                "key": "count.negative",
                "params": {"value": "-5"},
                "reason": "“-5” is negative; a count cannot be below 0. Enter the figure the"
                " platform shows.",
            },
            {
                "line": 5,
                "column": "播放量",
                "value": "abc",
                "key": "count.not_a_number",
                "params": {"value": "abc"},
                "reason": "“abc” is not a number. Write it like 12345, 12,345, 1.2万 or 3亿.",
            },
            {
                "line": 6,
                "column": "作品编号",
                "value": '=HYPERLINK("http://x")',
                "key": "table.formula_cell",
                "params": {"value": '=HYPERLINK("http://x")'},
                "reason": '“=HYPERLINK("http://x")” looks like a formula (it starts with'
                " = + - @, or the full-width ＝ ＋ － ＠) and is not imported. Enter the value"
                " the formula gives,"
                " not the formula.",
            },
        ],
    }


def test_json_report_of_a_file_imported_before(demo_ctx: Context) -> None:
    run(demo_ctx, fixture("good.csv"))
    document = run(demo_ctx, fixture("good.csv")).to_json()
    assert document["already_imported"] == {
        "import_id": 1,
        "file_name": "views.csv",
        "username": "coord",
        "imported_at": "2026-03-01T09:00:00+00:00",
        "rows_imported": 3,
    }
    assert (document["written"], document["problems"]) == (False, [])


def test_row_problem_is_the_domain_record(demo_ctx: Context) -> None:
    report = run(demo_ctx, table(f"GS-2023-999,抖音,{GOOD_TAIL}"))
    assert report.problems == (
        RowProblem(
            line=2,
            column="作品编号",
            value="GS-2023-999",
            key="views.unknown_code",
            params={"code": "GS-2023-999"},
        ),
    )


# --- the route: parse → stage → check → write, storage entered once per stage -----------------

VIEW_STORES = ("view_staging", "view_comparison", "imports", "entries", "views")


def storage_entries(work: Callable[[], object]) -> list[str]:
    """The views storage functions entered from outside storage while ``work`` runs."""
    entered: list[str] = []
    resumed: list[object] = []

    def note(frame: FrameType, event: str, _: object) -> None:
        module = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "") if frame.f_back else ""
        if event != "call" or caller.startswith("scoring.storage."):
            return
        if frame.f_code.co_flags & inspect.CO_GENERATOR:
            if frame in resumed:  # a context manager's exit resumes its generator
                return
            resumed.append(frame)
        if module.removeprefix("scoring.storage.") in VIEW_STORES:
            entered.append(f"{module.removeprefix('scoring.storage.')}.{frame.f_code.co_name}")

    sys.setprofile(note)
    try:
        work()
    finally:
        sys.setprofile(None)
    return entered


def test_an_import_enters_the_views_storage_once_per_stage(demo_ctx: Context) -> None:
    good, bad = fixture("good.csv"), table(f"GS-2023-999,抖音,{GOOD_TAIL}")
    checked = storage_entries(lambda: run(demo_ctx, good, dry_run=True))
    refused = storage_entries(lambda: run(demo_ctx, bad))
    written = storage_entries(lambda: run(demo_ctx, good))
    again = storage_entries(lambda: run(demo_ctx, good))
    stages = ["view_staging.import_basis", "view_staging.staged"]
    assert (checked, refused) == (stages, stages)
    assert written == [*stages, "view_staging.write_staged"]
    assert again == ["view_staging.import_basis"]  # imported before: nothing staged
