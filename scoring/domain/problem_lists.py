"""Long lists of problems, shown as the first few of each kind and a count of the rest.

A table of 200 000 rows with every row wrong has 400 000 problems; printed whole that was
67 MB of text nobody reads. A kind is one catalog key in one column ("not a number" in
播放量); its first ``PER_KIND`` problems tell the person what to fix, and a count says how
many more there are. The problems shown keep their order (row by row); ``--json`` keeps
every problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Generic, Protocol, TypeVar

PER_KIND: Final = 20


class ProblemLike(Protocol):
    """What the cut reads of a problem (entry, views and paper problems all have it)."""

    @property
    def line(self) -> int | None: ...  # None: the header row

    @property
    def column(self) -> str: ...

    @property
    def key(self) -> str: ...


P = TypeVar("P", bound=ProblemLike)


@dataclass(frozen=True)
class Unlisted(Generic[P]):
    """The problems of one kind left out: how many, and the last one shown of that kind."""

    like: P
    count: int


@dataclass(frozen=True)
class ShortList(Generic[P]):
    """The problems to show, in their order, and per kind cut short what was left out."""

    shown: tuple[P, ...]
    unlisted: tuple[Unlisted[P], ...]


def first_of_each_kind(problems: Iterable[P], *, per_kind: int = PER_KIND) -> ShortList[P]:
    """The first ``per_kind`` problems of each kind; the others counted, kind by kind."""
    shown: list[P] = []
    listed: dict[tuple[str, str], list[P]] = {}
    left_out: dict[tuple[str, str], int] = {}
    for problem in problems:
        kind = (problem.column, problem.key)
        mine = listed.setdefault(kind, [])
        if len(mine) < per_kind:
            mine.append(problem)
            shown.append(problem)
        else:
            left_out[kind] = left_out.get(kind, 0) + 1
    unlisted = tuple(Unlisted(listed[kind][-1], count) for kind, count in left_out.items())
    return ShortList(tuple(shown), unlisted)
