"""What a views import reports: counts, every row problem, and the CSV of rejected rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

from scoring.domain.views import COUNT_FIELDS, REJECTED_ROW_HEADERS, RowProblem
from scoring.errors import InvalidInput
from scoring.formulas import guard_cell
from scoring.i18n import DEFAULT_LANGUAGE, translate
from scoring.records import ImportRecord
from scoring.storage import view_staging as staging
from scoring.storage.rows import Cursor
from scoring.storage.view_staging import StagedCounts, StagedRow

JOINED: Final = "; "  # between the problems of one row in the rejected-rows CSV


@dataclass(frozen=True, kw_only=True)
class ViewImportReport:
    """The outcome of one views import.

    ``rows_read = imported + duplicate + rejected``; ``imported`` counts the rows written
    (or, when nothing is written, those that would be), ``replaced`` of them replaced a
    stored row. ``accepted``: the import is (or, in a dry run, would be) written and logged.
    ``already_imported``: the same bytes were imported before; nothing was done.
    """

    file_name: str
    sha256: str
    rows_read: int = 0
    imported: int = 0
    duplicate: int = 0
    replaced: int = 0
    rejected: int = 0
    problems: tuple[RowProblem, ...] = ()
    new_platforms: tuple[str, ...] = ()
    accepted: bool = False
    written: bool = False
    dry_run: bool = False
    already_imported: ImportRecord | None = None
    rejected_csv: bytes | None = None  # UTF-8 with BOM; rows skipped by skip_bad, else None
    bulk_read: bool = False  # DuckDB read the file (else scoring.tables.reading, row by row)

    def to_json(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The ``--json`` document: counts, outcome and every problem with its reason."""
        earlier = self.already_imported
        return {
            "file": self.file_name,
            "sha256": self.sha256,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "duplicate": self.duplicate,
            "replaced": self.replaced,
            "rejected": self.rejected,
            "accepted": self.accepted,
            "written": self.written,
            "dry_run": self.dry_run,
            "new_platforms": list(self.new_platforms),
            "already_imported": None
            if earlier is None
            else {
                "import_id": earlier.id,
                "file_name": earlier.file_name,
                "username": earlier.username,
                "imported_at": earlier.imported_at.isoformat(),
                "rows_imported": earlier.rows_imported,
            },
            "problems": [
                {**asdict(p), "reason": translate(p.key, lang, **p.params)} for p in self.problems
            ],
        }


@dataclass(frozen=True)
class Tally:
    """The staged rows counted as the report shows them."""

    imported: int
    duplicate: int
    replaced: int
    rejected: int


def tally(counts: StagedCounts, *, replace: bool) -> Tally:
    """Count rows as imported, duplicate or rejected (each row exactly once)."""
    if replace:
        return Tally(
            imported=counts.new + counts.differ,
            duplicate=counts.copies + counts.same,
            replaced=counts.differ,
            rejected=counts.bad + counts.clashing,
        )
    # Without replace every row of a group that differs from the stored one is refused,
    # so its identical copies are not duplicates but rejected too.
    return Tally(
        imported=counts.new,
        duplicate=counts.copies - (counts.differ_rows - counts.differ) + counts.same,
        replaced=0,
        rejected=counts.bad + counts.clashing + counts.differ_rows,
    )


def collect_problems(
    cur: Cursor,
    *,
    headers: Sequence[str],
    columns: Mapping[str, int],
    refused: Mapping[str, Mapping[str, InvalidInput]],
    replace: bool,
) -> list[RowProblem]:
    """Every row problem of the staged file, by line and column."""
    problems = []
    for field, reasons in refused.items():
        column = columns[field]
        for line, text in staging.refused_cells(cur, field, column):
            reason = reasons[text]
            problems.append(_problem(line, headers[column], text, reason.key, dict(reason.params)))
    problems += _clashes(cur, headers, columns)
    if not replace:
        problems += _stored_conflicts(cur, headers, columns)
    problems.sort(key=lambda p: (p.line, headers.index(p.column)))
    return problems


def _problem(line: int, column: str, text: str, key: str, params: dict[str, object]) -> RowProblem:
    return RowProblem(line=line, column=column, value=text.strip(), key=key, params=params)


def _counts(row: object) -> tuple[object, ...]:
    return tuple(getattr(row, f) for f in COUNT_FIELDS)


def _first_difference(row: object, other: object, columns: Mapping[str, int]) -> str:
    """The first count, among those the file has a column for, where two rows differ."""
    return next(f for f in COUNT_FIELDS if f in columns and getattr(row, f) != getattr(other, f))


def _clashes(cur: Cursor, headers: Sequence[str], columns: Mapping[str, int]) -> list[RowProblem]:
    """Rows of one entry × platform × time that disagree: each names a row it differs from."""
    rows = staging.clashing_rows(cur)
    cells = staging.staged_cells(cur, [r.line for r in rows])
    groups: dict[tuple[object, ...], list[StagedRow]] = {}
    for row in rows:
        groups.setdefault((row.entry_id, row.platform, row.captured_at), []).append(row)
    problems = []
    for group in groups.values():
        for row in group:
            other = next(o for o in group if _counts(o) != _counts(row))
            column = columns[_first_difference(row, other, columns)]
            params: dict[str, object] = {
                "other_line": other.line,
                "other_value": cells[other.line][column].strip(),
            }
            text = cells[row.line][column]
            problems.append(
                _problem(row.line, headers[column], text, "views.conflict_in_file", params)
            )
    return problems


def _stored_conflicts(
    cur: Cursor, headers: Sequence[str], columns: Mapping[str, int]
) -> list[RowProblem]:
    """Rows whose counts differ from those stored for the same entry × platform × time."""
    pairs = staging.stored_conflicts(cur)
    cells = staging.staged_cells(cur, [row.line for row, _ in pairs])
    problems = []
    for row, stored in pairs:
        field = _first_difference(row, stored, columns)
        column = columns[field]
        value = getattr(stored, field)
        key, params = (
            ("views.conflict_stored_empty", {})
            if value is None
            else ("views.conflict_stored", {"stored": value})
        )
        problems.append(_problem(row.line, headers[column], cells[row.line][column], key, params))
    return problems


def rejected_rows_csv(
    cur: Cursor, *, headers: Sequence[str], problems: Sequence[RowProblem], lang: str
) -> bytes:
    """The rejected rows as they were, plus line, column, value and reason (UTF-8 with BOM).

    One line per rejected row; its problems joined by "; ". Cells a spreadsheet would run
    as formulas are guarded (SPEC §7). The added columns are ignored on import, so the
    file can be corrected and imported as it is.
    """
    by_line: dict[int, list[RowProblem]] = {}
    for problem in problems:
        by_line.setdefault(problem.line, []).append(problem)
    cells = staging.staged_cells(cur, list(by_line))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*headers, *REJECTED_ROW_HEADERS])
    for line, found in by_line.items():
        writer.writerow(
            [
                *(guard_cell(cell.strip()) for cell in cells[line]),
                line,
                JOINED.join(p.column for p in found),
                JOINED.join(guard_cell(p.value) for p in found),
                JOINED.join(translate(p.key, lang, **p.params) for p in found),
            ]
        )
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
