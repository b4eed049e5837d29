"""Headers and cells of a paper score sheet (issue 7 §6, SPEC §4), each read on its own.

The header names are accepted in both languages (评委/judge, 作品编号/code, a criterion's
中文 name or key, 评语/comment, 已提交/submitted); ``scoring.domain.paper`` puts the cells of
one row together and checks it against the store's facts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from scoring.domain.entry_fields import parse_yes_no
from scoring.domain.marks import check_mark
from scoring.errors import InvalidInput
from scoring.formulas import formula_like
from scoring.records.judging import Criterion

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


@dataclass(frozen=True, kw_only=True)
class JudgeRef:
    """A judge as a sheet may name them: by user name or, when unique, by display name."""

    user_id: int
    username: str
    display_name: str


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


def parse_submitted(text: str) -> bool:
    """是/yes/1 → True; 否/no/0/blank → False (a blank cell enters a draft)."""
    found = parse_yes_no(unicodedata.normalize("NFKC", text))
    if found is None:
        raise InvalidInput("paper.submitted_word", value=text)
    return found
