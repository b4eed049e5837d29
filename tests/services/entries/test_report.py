"""services/entries/report.py: an entry import's plan, its report and their tables."""

from __future__ import annotations

from scoring.domain.entry_rows import EntryProblem
from scoring.records.media import MediaFile
from scoring.services.entries.report import (
    CREATE,
    UNCHANGED,
    UPDATE,
    EntryImportPlan,
    EntryImportReport,
    PlannedRow,
    form_problem_rows,
    planned_rows,
)
from tests.conftest import T0

TAKEN = EntryProblem(line=4, column="title", value="x" * 50, key="entry_form.code_taken", params={})


def _row(line: int, code: str, action: str, *, scored: bool = False) -> PlannedRow:
    changes = {"title": ("旧", "新"), "category": ("a", "b")} if action == UPDATE else {}
    media = "a.mp4" if action == CREATE else None
    return PlannedRow(
        line=line, code=code, values={}, media=media, action=action, changes=changes, scored=scored
    )


def _plan(*problems: EntryProblem) -> EntryImportPlan:
    return EntryImportPlan(
        campaign_id=1,
        file_name="作品.xlsx",
        sha256="e" * 64,
        rows_read=3,
        planned=(
            _row(2, "A1", CREATE),
            _row(3, "B1", UPDATE, scored=True),
            _row(4, "C1", UNCHANGED),
        ),
        problems=problems,
        source=None,
        unused_media=("extra.mp4",),
    )


def test_a_plan_sorts_codes_by_action_and_names_scored_changes() -> None:
    plan = _plan()
    assert (plan.codes(CREATE), plan.codes(UPDATE), plan.codes(UNCHANGED)) == (
        ("A1",),
        ("B1",),
        ("C1",),
    )
    assert plan.scored_codes == ("B1",)
    assert plan.accepted is True
    assert _plan(TAKEN).accepted is False


def test_unwritten_report_to_json() -> None:
    media = MediaFile(
        sha256="c" * 64, size_bytes=9, original_name="a.mp4", stored_at=T0, width=1080
    )
    report = EntryImportReport.unwritten(_plan(TAKEN))
    report = EntryImportReport(**{**report.__dict__, "media": (media,)})
    assert report.to_json("en") == {
        "file": "作品.xlsx",
        "sha256": "e" * 64,
        "rows_read": 3,
        "accepted": False,
        "written": False,
        "created": ["A1"],
        "updated": ["B1"],
        "unchanged": ["C1"],
        "problems": [
            {
                "line": 4,
                "column": "title",
                "value": "x" * 50,
                "key": "entry_form.code_taken",
                "reason": "This code is used by another entry."
                " Choose another code (the form suggests a free one).",
            }
        ],
        "media": [
            {
                "file": "a.mp4",
                "sha256": "c" * 64,
                "size_bytes": 9,
                "container": None,
                "video_codec": None,
                "width": 1080,
                "height": None,
                "duration_s": None,
            }
        ],
        "unused_media": ["extra.mp4"],
        "spreadsheet_codes": [],
        "scored_changes": ["B1"],
        "entries_with_errors": [],
    }


def test_planned_rows_and_form_problem_rows_in_english() -> None:
    assert planned_rows(_plan(), "en") == [
        {"Row": "2", "Code": "A1", "Action": "New", "Fields changed": "", "Video file": "a.mp4"},
        {
            "Row": "3",
            "Code": "B1",
            "Action": "Update",
            "Fields changed": "title, category",
            "Video file": "",
        },
        {"Row": "4", "Code": "C1", "Action": "Unchanged", "Fields changed": "", "Video file": ""},
    ]
    short = EntryProblem(line=1, column="title", value="x", key="entry_form.code_taken", params={})
    (row,) = form_problem_rows([short], "en")
    assert row == {
        "Column": "Title",
        "Value": "x",
        "What is wrong and what to do": "This code is used by another entry."
        " Choose another code (the form suggests a free one).",
    }
