"""Rows of a paper score sheet (issue 7 §6, SPEC §4): each row checked, every problem kept.

A sheet has one row per judge × entry: ``judge, code, <criterion>…, comment, submitted``
(Chinese: 评委, 作品编号, the criterion's 中文 name, 评语, 已提交). Checking is pure: the
store's facts (judges, entries, assignments, conflicts, cards) come in as a
``SheetFacts``, and every problem of every row comes back, never just the first. Single
headers and cells are read by ``scoring.domain.paper_cells``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal, Protocol, TypeVar

from scoring.domain.paper_cells import (
    JudgeRef,
    find_entry,
    find_judge,
    parse_mark_text,
    parse_submitted,
)
from scoring.domain.views import RowProblem
from scoring.enums import ConflictKind, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.formulas import formula_like
from scoring.records.judging import Criterion, Scorecard

Pair = tuple[int, int]  # (judge user id, entry id)
Outcome = Literal["new", "update", "unchanged"]
_T = TypeVar("_T")


class SheetRow(Protocol):
    """A row as ``scoring.tables.reading`` reads it: its line in the sheet and header → text."""

    @property
    def line(self) -> int: ...

    @property
    def cells(self) -> Mapping[str, str]: ...


@dataclass(frozen=True, kw_only=True)
class SheetFacts:
    """What the store knows that a sheet is checked against (one campaign)."""

    criteria: Sequence[Criterion]
    judges: Sequence[JudgeRef]
    entries: Mapping[str, int]  # code → entry id
    assigned: frozenset[Pair]
    conflicts: Mapping[Pair, ConflictKind]
    cards: Mapping[Pair, Scorecard]


@dataclass(frozen=True, kw_only=True)
class PaperRow:
    """One good row: whose card, the marks (None: blank), comment (None: no column)."""

    line: int
    judge_id: int
    judge: str
    entry_id: int
    code: str
    marks: dict[str, float | None]
    comment: str | None
    submitted: bool
    outcome: Outcome


@dataclass(frozen=True)
class SheetCheck:
    """The good rows and every problem of the others."""

    rows: tuple[PaperRow, ...]
    problems: tuple[RowProblem, ...]
    rows_read: int

    @property
    def rejected(self) -> int:
        """Rows with at least one problem."""
        return len({p.line for p in self.problems})


def check_pair(judge: JudgeRef, code: str, entry_id: int, facts: SheetFacts) -> None:
    """Refuse a judge × entry a paper card may not cover: a conflict, or not assigned."""
    pair = (judge.user_id, entry_id)
    kind = facts.conflicts.get(pair)
    if kind is not None:
        key = "paper.conflicted_unit" if kind is ConflictKind.UNIT else "paper.conflicted_recused"
        raise InvalidInput(key, judge=judge.username, code=code)
    if pair not in facts.assigned:
        raise InvalidInput("paper.not_assigned", judge=judge.username, code=code)


def card_outcome(
    card: Scorecard | None,
    *,
    marks: Mapping[str, float | None],
    comment: str | None,
    submitted: bool,
    judge: str,
    code: str,
) -> Outcome:
    """What storing these values does to the judge's card; a submitted card may not change."""
    if card is None:
        return "new"
    same = all(card.marks.get(k) == v for k, v in marks.items()) and (
        comment is None or comment == card.comment
    )
    if card.status is ScorecardStatus.SUBMITTED:
        if same and submitted:
            return "unchanged"  # the same sheet again: nothing would change, nothing to refuse
        raise InvalidInput("paper.card_submitted", judge=judge, code=code)
    if same and not submitted and card.source is ScorecardSource.PAPER:
        return "unchanged"
    return "update"


@dataclass(frozen=True, kw_only=True)
class Sheet:
    """What one paper sheet says about one judge × entry."""

    marks: dict[str, float | None]
    comment: str | None
    submitted: bool


def paper_row(
    judge: JudgeRef, entry: tuple[str, int], sheet: Sheet, *, facts: SheetFacts, line: int
) -> PaperRow:
    """The row to store for a judge × entry (code, id), after the pair and card checks."""
    code, entry_id = entry
    check_pair(judge, code, entry_id, facts)
    outcome = card_outcome(
        facts.cards.get((judge.user_id, entry_id)),
        marks=sheet.marks,
        comment=sheet.comment,
        submitted=sheet.submitted,
        judge=judge.username,
        code=code,
    )
    return PaperRow(
        line=line,
        judge_id=judge.user_id,
        judge=judge.username,
        entry_id=entry_id,
        code=code,
        marks=sheet.marks,
        comment=sheet.comment,
        submitted=sheet.submitted,
        outcome=outcome,
    )


def check_score_rows(
    rows: Sequence[SheetRow], *, columns: Mapping[str, str], facts: SheetFacts
) -> SheetCheck:
    """Check every row against the sheet itself and the store; keep every problem."""
    good: list[PaperRow] = []
    problems: list[RowProblem] = []
    seen: dict[Pair, int] = {}
    for row in rows:
        reader = _RowReader(row, columns, problems)
        parsed = _read_row(reader, facts)
        if parsed is None:
            continue
        pair = (parsed.judge_id, parsed.entry_id)
        if pair in seen:
            reader.refuse(
                "code",
                InvalidInput(
                    "paper.duplicate_row",
                    other_line=seen[pair],
                    judge=parsed.judge,
                    code=parsed.code,
                ),
            )
            continue
        seen[pair] = row.line
        good.append(parsed)
    return SheetCheck(rows=tuple(good), problems=tuple(problems), rows_read=len(rows))


@dataclass(frozen=True)
class _RowReader:
    """Reads one row's cells, adding a problem for each refused one."""

    row: SheetRow
    columns: Mapping[str, str]
    problems: list[RowProblem]

    def text(self, field: str) -> str:
        header = self.columns.get(field)
        return self.row.cells.get(header, "").strip() if header else ""

    def refuse(self, field: str, error: InvalidInput) -> None:
        self.problems.append(
            RowProblem(
                line=self.row.line,
                column=self.columns.get(field, ""),
                value=self.text(field),
                key=error.key,
                params=dict(error.params),
            )
        )

    def parse(self, field: str, parse: Callable[[str], _T], *, text_cell: bool = True) -> _T | None:
        """The cell parsed, or None with a problem (a formula-like text cell is refused)."""
        text = self.text(field)
        try:
            if text_cell and formula_like(text):
                raise InvalidInput("table.formula_cell", value=text)
            return parse(text)
        except InvalidInput as refused:
            self.refuse(field, refused)
            return None


def _read_row(reader: _RowReader, facts: SheetFacts) -> PaperRow | None:
    before = len(reader.problems)
    judge = reader.parse("judge", lambda text: find_judge(text, facts.judges))
    entry = reader.parse("code", lambda text: find_entry(text, facts.entries))
    marks = {
        c.key: reader.parse(
            c.key, partial(parse_mark_text, criterion=reader.columns[c.key]), text_cell=False
        )
        for c in facts.criteria
    }
    submitted = reader.parse("submitted", parse_submitted)
    comment = reader.parse("comment", str) if "comment" in reader.columns else None
    for c in facts.criteria if submitted else ():
        if not reader.text(c.key):
            reader.refuse(c.key, InvalidInput("paper.mark_missing"))
    if judge is None or entry is None or submitted is None or len(reader.problems) > before:
        return None
    sheet = Sheet(marks=marks, comment=comment, submitted=submitted)
    try:
        return paper_row(judge, entry, sheet, facts=facts, line=reader.row.line)
    except InvalidInput as refused:
        reader.refuse("code", refused)
        return None
