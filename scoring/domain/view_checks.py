"""The staged rows of a views import checked (SPEC §5): every row problem by line and
column, the rows counted as imported, duplicate or rejected, and whether to write.

Storage stages the file and hands over what it found (``StagedFile``); nothing here reads
or writes a store. All or nothing unless told: any problem and nothing is written, except
with ``skip_bad``, when the good rows are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from scoring.domain.views import COUNT_FIELDS, RowProblem
from scoring.errors import InvalidInput
from scoring.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True, kw_only=True)
class ImportOptions:
    """How to import: ``skip_bad`` writes the good rows and sets the rest aside (reasons in
    ``lang``); ``replace`` lets a row replace a stored one with other counts; ``dry_run``
    checks and counts only."""

    skip_bad: bool = False
    replace: bool = False
    dry_run: bool = False
    lang: str = DEFAULT_LANGUAGE


@dataclass(frozen=True, kw_only=True)
class StagedRow:
    """One typed, well-formed row of the file being imported (or the stored row it meets)."""

    line: int
    entry_id: int
    platform: str
    captured_at: datetime
    views: int
    likes: int | None
    comments: int | None
    shares: int | None


@dataclass(frozen=True, kw_only=True)
class StagedCounts:
    """What the staged file holds, before it is decided what to write."""

    rows: int  # non-blank rows read
    bad: int  # rows with a refused cell
    clashing: int  # rows in a group of the file that disagree among themselves
    copies: int  # extra identical copies within agreeing groups
    new: int  # agreeing groups not stored yet
    same: int  # agreeing groups stored already with the same numbers
    differ: int  # agreeing groups stored with other numbers
    differ_rows: int  # rows of those groups


@dataclass(frozen=True, kw_only=True)
class StagedFile:
    """What staging found: the counts and the rows and cells every problem names."""

    bulk: bool  # DuckDB read the file (else scoring.tables.reading, row by row)
    counts: StagedCounts
    refused: dict[str, dict[str, InvalidInput]]  # field → refused text → why
    refused_cells: dict[str, list[tuple[int, str]]]  # field → (line, text) of refused cells
    clashing: list[StagedRow]  # rows of groups whose copies in the file disagree, by line
    conflicts: list[tuple[StagedRow, StagedRow]]  # staged row, stored row with other counts
    cells: dict[int, list[str]]  # line → its cell texts, for the lines problems name
    new_platforms: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """The staged rows counted as the report shows them."""

    imported: int
    duplicate: int
    replaced: int
    rejected: int


@dataclass(frozen=True)
class Checked:
    """The outcome of the check: rows read, their tally, every problem, write or not."""

    rows_read: int
    tally: Tally
    problems: tuple[RowProblem, ...]
    accepted: bool


def check_staged(
    staged: StagedFile,
    *,
    headers: Sequence[str],
    columns: Mapping[str, int],
    file_name: str,
    how: ImportOptions,
) -> Checked:
    """Count the staged rows, list their problems and decide whether they may be written."""
    if staged.counts.rows == 0:
        raise InvalidInput("table.no_rows", file=file_name)
    problems = collect_problems(staged, headers=headers, columns=columns, replace=how.replace)
    rows = tally(staged.counts, replace=how.replace)
    assert rows.rejected == len({p.line for p in problems})
    accepted = (not problems or how.skip_bad) and rows.imported + rows.duplicate > 0
    return Checked(staged.counts.rows, rows, tuple(problems), accepted)


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
    staged: StagedFile, *, headers: Sequence[str], columns: Mapping[str, int], replace: bool
) -> list[RowProblem]:
    """Every row problem of the staged file, by line and column."""
    problems = []
    for field, reasons in staged.refused.items():
        header = headers[columns[field]]
        for line, text in staged.refused_cells[field]:
            reason = reasons[text]
            problems.append(_problem(line, header, text, reason.key, dict(reason.params)))
    problems += _clashes(staged, headers, columns)
    if not replace:
        problems += _stored_conflicts(staged, headers, columns)
    problems.sort(key=lambda p: (p.line, headers.index(p.column)))
    return problems


def _problem(line: int, column: str, text: str, key: str, params: dict[str, object]) -> RowProblem:
    return RowProblem(line=line, column=column, value=text.strip(), key=key, params=params)


def _counts(row: StagedRow) -> tuple[int | None, ...]:
    return tuple(getattr(row, f) for f in COUNT_FIELDS)


def _first_difference(row: StagedRow, other: StagedRow, columns: Mapping[str, int]) -> str:
    """The first count, among those the file has a column for, where two rows differ."""
    return next(f for f in COUNT_FIELDS if f in columns and getattr(row, f) != getattr(other, f))


def _clashes(
    staged: StagedFile, headers: Sequence[str], columns: Mapping[str, int]
) -> list[RowProblem]:
    """Rows of one entry × platform × time that disagree: each names a row it differs from."""
    cells = staged.cells
    groups: dict[tuple[object, ...], list[StagedRow]] = {}
    for row in staged.clashing:
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
    staged: StagedFile, headers: Sequence[str], columns: Mapping[str, int]
) -> list[RowProblem]:
    """Rows whose counts differ from those stored for the same entry × platform × time."""
    problems = []
    for row, stored in staged.conflicts:
        field = _first_difference(row, stored, columns)
        column = columns[field]
        value = getattr(stored, field)
        key, params = (
            ("views.conflict_stored_empty", {})
            if value is None
            else ("views.conflict_stored", {"stored": value})
        )
        text = staged.cells[row.line][column]
        problems.append(_problem(row.line, headers[column], text, key, params))
    return problems
