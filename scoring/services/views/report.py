"""What a views import reports: counts, every row problem, and the CSV of rejected rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

from scoring.domain.views import REJECTED_ROW_HEADERS, RowProblem
from scoring.formulas import guard_cell
from scoring.i18n import DEFAULT_LANGUAGE, translate
from scoring.records.views import ImportRecord

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


def rejected_rows_csv(
    headers: Sequence[str],
    problems: Sequence[RowProblem],
    cells: Mapping[int, Sequence[str]],
    *,
    lang: str,
) -> bytes:
    """The rejected rows as they were, plus line, column, value and reason (UTF-8 with BOM).

    One line per rejected row; its problems joined by "; ". Cells a spreadsheet would run
    as formulas are guarded (SPEC §7). The added columns are ignored on import, so the
    file can be corrected and imported as it is. ``cells``: line → the row's cell texts.
    """
    by_line: dict[int, list[RowProblem]] = {}
    for problem in problems:
        by_line.setdefault(problem.line, []).append(problem)
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
