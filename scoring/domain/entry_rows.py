"""Checking the rows of an entry table (SPEC §2) before anything is written.

Every cell is checked and every problem kept (line, column, value, catalog key), so one
report tells the coordinator all that must change. What is checked here is what an entry
cannot be stored without; what the notice asks of a stored entry (synopsis length, phone
format, a missing recommender…) is a compliance finding (SPEC §3), not a row error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Final, Protocol, overload

from scoring.domain.entry_cells import FLAG_FIELDS, PARSERS, formula_like, parse_text
from scoring.domain.entry_fields import CATEGORY_LABELS_ZH, HEADERS, field_for_header
from scoring.enums import Category
from scoring.errors import InvalidInput
from scoring.records.entries import Entry, NewEntry

REQUIRED_FIELDS: Final = ("code", "title", "category", "producer")
IGNORED_HEADERS: Final = ("序号", "no", "no.", "备注", "note", "notes", "remarks")
_HEADER_PARTS: Final = re.compile(r"[/·・、|()（）]")
_UNCHANGING: Final = frozenset({"id", "campaign_id", "created_at", "updated_at"})


class TableRowLike(Protocol):
    """One data row as ``scoring.tables.reading`` reads it."""

    @property
    def line(self) -> int: ...

    @property
    def cells(self) -> Mapping[str, str]: ...


@dataclass(frozen=True, kw_only=True)
class EntryProblem:
    """Why a cell (or a column, when ``line`` is None) was refused; a catalog key + facts."""

    line: int | None
    column: str
    value: str
    key: str
    params: dict[str, object]


@dataclass(frozen=True, kw_only=True)
class EntryRow:
    """One good row: typed values of the columns the table has (``code`` always)."""

    line: int
    code: str
    values: dict[str, object]


@dataclass(frozen=True)
class CheckedTable:
    """Field → header of the mapped columns, the good rows, and every problem found."""

    columns: dict[str, str]
    rows: tuple[EntryRow, ...]
    problems: tuple[EntryProblem, ...]


def header_label(field: str) -> str:
    """``作品编号/code``: how a column is named when it is missing."""
    names = HEADERS[field]
    english = next(name for name in names if name.isascii())
    return f"{names[0]}/{english}"


def field_of(header: str) -> str | None:
    """The field a header names, also for ``作品编号/code`` or ``作品名称（title）``."""
    found = field_for_header(header)
    if found is not None:
        return found
    parts = {field_for_header(p) for p in _HEADER_PARTS.split(header) if p.strip()}
    return parts.pop() if len(parts) == 1 else None


def map_headers(headers: Sequence[str]) -> tuple[dict[str, str], list[EntryProblem]]:
    """Field → header, and the problems of the header row (unknown, doubled, missing)."""
    columns: dict[str, str] = {}
    problems: list[EntryProblem] = []
    accepted = ", ".join(header_label(f) for f in HEADERS)
    for header in headers:
        field = field_of(header)
        if field is None:
            if header.strip().lower() not in IGNORED_HEADERS:
                problems.append(
                    _problem(
                        None,
                        header,
                        header,
                        "entry_import.column_unknown",
                        {"accepted": accepted, "ignored": ", ".join(IGNORED_HEADERS)},
                    )
                )
        elif field in columns:
            problems.append(
                _problem(
                    None,
                    header,
                    header,
                    "entry_import.column_twice",
                    {"other": columns[field], "field": header_label(field)},
                )
            )
        else:
            columns[field] = header
    for field in REQUIRED_FIELDS:
        if field not in columns:
            label = header_label(field)
            problems.append(
                _problem(None, label, "", "entry_import.column_missing", {"field": label})
            )
    return columns, problems


def check_rows(headers: Sequence[str], rows: Iterable[TableRowLike]) -> CheckedTable:
    """Check every cell of every row; codes must be unique within the file."""
    columns, problems = map_headers(headers)
    good: list[EntryRow] = []
    first_line: dict[str, int] = {}
    for row in rows:
        values, row_problems = _check_row(row, columns)
        code = values.get("code")
        if isinstance(code, str):
            if code in first_line:
                row_problems.append(
                    _problem(
                        row.line,
                        columns["code"],
                        code,
                        "entry_import.code_repeated",
                        {"first": first_line[code]},
                    )
                )
            else:
                first_line[code] = row.line
        problems.extend(row_problems)
        if not row_problems and isinstance(code, str):
            good.append(EntryRow(line=row.line, code=code, values=values))
    return CheckedTable(columns, tuple(good), tuple(problems))


def _check_row(
    row: TableRowLike, columns: Mapping[str, str]
) -> tuple[dict[str, object], list[EntryProblem]]:
    values: dict[str, object] = {}
    problems: list[EntryProblem] = []
    for field, header in columns.items():
        text = row.cells.get(header, "").strip()
        try:
            if formula_like(field, text):
                raise InvalidInput("table.formula_cell", value=text)
            values[field] = PARSERS.get(field, parse_text)(text, header)
        except InvalidInput as refused:
            problems.append(_problem(row.line, header, text, refused.key, refused.params))
    return values, problems


def _problem(
    line: int | None, column: str, value: str, key: str, params: Mapping[str, object]
) -> EntryProblem:
    return EntryProblem(line=line, column=column, value=value, key=key, params=dict(params))


# --- building and comparing entries ------------------------------------------------------


@overload
def build_entry(
    values: Mapping[str, object], *, campaign_id: int, now: datetime, existing: Entry
) -> Entry: ...
@overload
def build_entry(
    values: Mapping[str, object], *, campaign_id: int, now: datetime, existing: None
) -> NewEntry: ...
def build_entry(
    values: Mapping[str, object], *, campaign_id: int, now: datetime, existing: Entry | None
) -> NewEntry:
    """A new entry from the row's values, or ``existing`` with them applied (its times kept)."""
    if existing is None:
        return NewEntry(campaign_id=campaign_id, created_at=now, updated_at=now, **values)  # type: ignore[arg-type]
    return replace(existing, **values)  # type: ignore[arg-type]


def changed_fields(old: NewEntry, new: NewEntry) -> dict[str, tuple[object, object]]:
    """Field → (old, new) for every field that differs (ids and times left out)."""
    return {
        f.name: (getattr(old, f.name), getattr(new, f.name))
        for f in fields(NewEntry)
        if f.name not in _UNCHANGING and getattr(old, f.name) != getattr(new, f.name)
    }


def work_changes(old: Entry, changes: Mapping[str, tuple[object, object]]) -> tuple[str, ...]:
    """The changed fields that make a scored entry another work: its category, or the video
    it had (``media_file``; giving a video to an entry that had none changes no work)."""
    video = bool(old.media_sha256) and bool(changes.keys() & {"media_file", "media_sha256"})
    return tuple(
        f for f, changed in (("category", "category" in changes), ("media_file", video)) if changed
    )


FORM_FIELDS: Final = tuple(HEADERS)


def entry_texts(entry: NewEntry) -> dict[str, str]:
    """The entry as the cells of a table row (what the form shows for editing)."""
    texts: dict[str, str] = {}
    for field in FORM_FIELDS:
        value = getattr(entry, field)
        if field == "category":
            texts[field] = CATEGORY_LABELS_ZH[Category(value)]
        elif field == "copyright_pledge":
            texts[field] = "已提交" if value else "未提交"
        elif field in FLAG_FIELDS:
            texts[field] = "是" if value else "否"
        elif isinstance(value, date):
            texts[field] = value.isoformat()
        else:
            texts[field] = "" if value is None else str(value)
    return texts


@dataclass(frozen=True)
class FormRow:
    """A form's fields as one table row (line 1), so the form is checked like a table."""

    cells: Mapping[str, str]
    line: int = 1
