"""Rows of a paper score sheet (issue 7 §6, SPEC §4): headers, cells, and every problem.

A sheet has one row per judge × entry: ``judge, code, <criterion>…, comment, submitted``
(Chinese: 评委, 作品编号, the criterion's 中文 name, 评语, 已提交). Checking is pure: the
store's facts (judges, entries, assignments, conflicts, cards) come in as a
``SheetFacts``, and every problem of every row comes back, never just the first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final, Literal, Protocol, TypeVar

from scoring.domain.entry_fields import parse_yes_no
from scoring.domain.marks import check_mark
from scoring.domain.views import RowProblem
from scoring.enums import ConflictKind, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.formulas import formula_like
from scoring.records import Criterion, Scorecard

FIXED_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "judge": ("评委", "judge", "评委用户名", "评委姓名"),
    "code": ("作品编号", "code"),
    "comment": ("评语", "comment"),
    "submitted": ("已提交", "submitted", "是否提交"),
}
# Columns people keep on a paper sheet for their own reading; accepted and not read.
IGNORED_HEADERS: Final = ("序号", "no", "作品名称", "title", "总分", "合计", "total", "签名")
_MARK: Final = re.compile(r"-?\d+(?:\.\d+)?分?")
_TRAILING_NOTE: Final = re.compile(r"[(（][^()（）]*[)）]$")  # "生动活泼（25分）"
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
class JudgeRef:
    """A judge as a sheet may name them: by user name or, when unique, by display name."""

    user_id: int
    username: str
    display_name: str


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


def fold_header(text: str) -> str:
    """A header as compared: NFKC, no spaces, lower case, no trailing bracketed note."""
    folded = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    return _TRAILING_NOTE.sub("", folded) or folded


def _header_names(criteria: Sequence[Criterion]) -> dict[str, tuple[str, ...]]:
    """Field → accepted names (中文 first, then English), in the order a sheet has them."""
    fixed = FIXED_HEADERS
    rubric = {c.key: (c.name_zh, c.key, c.name_en) for c in criteria}
    return {"judge": fixed["judge"], "code": fixed["code"], **rubric} | {
        "comment": fixed["comment"],
        "submitted": fixed["submitted"],
    }


def map_score_headers(headers: Sequence[str], criteria: Sequence[Criterion]) -> dict[str, str]:
    """Field (judge, code, a criterion key, comment, submitted) → the sheet's header."""
    by_name = {fold_header(n): f for f, ns in _header_names(criteria).items() for n in ns}
    ignored = {fold_header(h) for h in IGNORED_HEADERS}
    found: dict[str, list[str]] = {}
    unknown = []
    for header in headers:
        folded = fold_header(header)
        parts = {by_name.get(p) for p in re.split(r"[/|]", folded) if p}
        field = by_name.get(folded) or (parts.pop() if len(parts) == 1 else None)
        if field is not None:
            found.setdefault(field, []).append(header)
        elif folded not in ignored:
            unknown.append(header)
    names = _header_names(criteria)
    accepted = ", ".join(f"{n[0]}/{n[1]}" for n in names.values())  # 评委/judge, …
    if unknown:
        raise InvalidInput(
            "paper.unknown_columns",
            columns=", ".join(unknown),
            accepted=accepted,
            ignored=", ".join(IGNORED_HEADERS),
        )
    doubled = [", ".join(hs) for hs in found.values() if len(hs) > 1]
    if doubled:
        raise InvalidInput("paper.duplicate_column", columns="; ".join(doubled))
    missing = [f"{n[0]}/{n[1]}" for f, n in names.items() if f != "comment" and f not in found]
    if missing:
        raise InvalidInput("paper.missing_columns", columns=", ".join(missing), accepted=accepted)
    return {field: hs[0] for field, hs in found.items()}


def parse_mark_text(text: str, *, criterion: str) -> float | None:
    """A mark cell: blank → None; ``8``, ``7.5``, ``８．５``, ``9分`` → float, checked."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return None
    if not _MARK.fullmatch(folded):
        if formula_like(text):
            raise InvalidInput("table.formula_cell", value=text)
        raise InvalidInput("error.mark_not_number", criterion=criterion, value=text)
    try:
        return check_mark(criterion, float(folded.removesuffix("分")))
    except InvalidInput as bad:  # name the value as written, not as a float ("-1", not "-1.0")
        raise InvalidInput(bad.key, **{**bad.params, "value": text.strip()}) from None


def find_judge(text: str, judges: Sequence[JudgeRef]) -> JudgeRef:
    """The judge a cell names (user name, any case; or a unique display name)."""
    name = unicodedata.normalize("NFKC", text).strip()
    if not name:
        raise InvalidInput("paper.judge_empty")
    by_user = [j for j in judges if j.username.casefold() == name.casefold()]
    by_display = [j for j in judges if j.display_name.strip() == name]
    if by_user or len(by_display) == 1:
        return (by_user or by_display)[0]
    if by_display:
        users = ", ".join(j.username for j in by_display)
        raise InvalidInput("paper.judge_ambiguous", value=name, usernames=users)
    raise InvalidInput("paper.unknown_judge", value=name)


def find_entry(text: str, entries: Mapping[str, int]) -> tuple[str, int]:
    """(code, entry id) of the entry a cell names; codes compare case-blind (NFKC)."""
    code = unicodedata.normalize("NFKC", text).strip().upper()
    if not code:
        raise InvalidInput("paper.code_empty")
    found = {c.upper(): (c, i) for c, i in entries.items()}.get(code)
    if found is None:
        raise InvalidInput("paper.unknown_code", code=text.strip())
    return found


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


def parse_submitted(text: str) -> bool:
    """是/yes/1 → True; 否/no/0/blank → False (a blank cell enters a draft)."""
    found = parse_yes_no(unicodedata.normalize("NFKC", text))
    if found is None:
        raise InvalidInput("paper.submitted_word", value=text)
    return found
