"""services/views/report.py: the import's --json document and the CSV of rejected rows."""

from __future__ import annotations

import codecs
import csv
import io

from scoring.domain.views import REJECTED_ROW_HEADERS, RowProblem
from scoring.records.views import ImportRecord
from scoring.services.views.report import ViewImportReport, rejected_rows_csv
from tests.conftest import T0

UNKNOWN = RowProblem(
    line=3,
    column="作品编号",
    value="=HYPERLINK(1)",
    key="views.unknown_code",
    params={"code": "X9"},
)
EMPTY = RowProblem(line=3, column="平台", value="", key="views.code_empty", params={})
OTHER = RowProblem(line=5, column="作品编号", value="", key="views.code_empty", params={})


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data[len(codecs.BOM_UTF8) :].decode("utf-8"))))


def test_rejected_rows_csv_is_one_line_per_row_with_joined_problems_guarded() -> None:
    cells = {3: [" =HYPERLINK(1) ", "douyin"], 5: ["", "bilibili"]}
    data = rejected_rows_csv(["作品编号", "平台"], [UNKNOWN, EMPTY, OTHER], cells, lang="zh")
    assert _rows(data) == [
        ["作品编号", "平台", *REJECTED_ROW_HEADERS],
        [
            "'=HYPERLINK(1)",
            "douyin",
            "3",
            "作品编号; 平台",
            "'=HYPERLINK(1); ",
            "作品编号“X9”不是本届活动的作品。请核对编号（如 GS-2023-001），或先导入该作品。; "
            "此处必须填写作品编号（如 GS-2023-001）。",
        ],
        ["", "bilibili", "5", "作品编号", "", "此处必须填写作品编号（如 GS-2023-001）。"],
    ]
    assert b"\r\n" in data


def test_rejected_rows_csv_without_problems_is_the_header_only() -> None:
    assert _rows(rejected_rows_csv(["a"], [], {}, lang="en")) == [["a", *REJECTED_ROW_HEADERS]]


def test_to_json_states_counts_the_earlier_import_and_each_reason() -> None:
    earlier = ImportRecord(
        id=7,
        campaign_id=1,
        kind="views",
        file_name="抖音.csv",
        sha256="d" * 64,
        rows_read=2,
        rows_imported=2,
        rows_duplicate=0,
        rows_rejected=0,
        username="coord",
        imported_at=T0,
    )
    report = ViewImportReport(
        file_name="抖音.csv",
        sha256="d" * 64,
        rows_read=4,
        imported=2,
        duplicate=1,
        rejected=1,
        problems=(OTHER,),
        new_platforms=("weibo",),
        already_imported=earlier,
    )
    document = report.to_json("en")
    assert document == {
        "file": "抖音.csv",
        "sha256": "d" * 64,
        "rows_read": 4,
        "imported": 2,
        "duplicate": 1,
        "replaced": 0,
        "rejected": 1,
        "accepted": False,
        "written": False,
        "dry_run": False,
        "new_platforms": ["weibo"],
        "already_imported": {
            "import_id": 7,
            "file_name": "抖音.csv",
            "username": "coord",
            "imported_at": "2026-03-01T09:00:00+00:00",
            "rows_imported": 2,
        },
        "problems": [
            {
                "line": 5,
                "column": "作品编号",
                "value": "",
                "key": "views.code_empty",
                "params": {},
                "reason": "An entry code is required here (e.g. GS-2023-001).",
            }
        ],
    }
    assert ViewImportReport(file_name="a", sha256="b").to_json()["already_imported"] is None
