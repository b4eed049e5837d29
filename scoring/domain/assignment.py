"""Who scores what (SPEC §4): conflicts of interest, the every-judge assignment, links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scoring.domain.blind import same_unit

Pair = tuple[int, int]  # (judge_id, entry_id)
Vertex = tuple[int, int]  # (0, judge_id) or (1, entry_id) in the judge–entry graph


@dataclass(frozen=True)
class JudgeUnit:
    """A judge and the organisation they belong to."""

    judge_id: int
    unit: str


@dataclass(frozen=True)
class EntryParties:
    """The organisations behind an entry."""

    entry_id: int
    producer: str
    submitter: str
    recommender: str


def has_unit_conflict(judge: JudgeUnit, entry: EntryParties) -> bool:
    """True when the judge's unit is the entry's producer, submitter or recommender
    (compared as a reader sees the names: NFKC, whitespace and format characters removed)."""
    return any(
        same_unit(judge.unit, party)
        for party in (entry.producer, entry.submitter, entry.recommender)
    )


def unit_conflicts(
    judges: Iterable[JudgeUnit], entries: Iterable[EntryParties]
) -> set[tuple[int, int]]:
    """Every (judge_id, entry_id) pair barred by a shared unit."""
    entry_list = list(entries)
    return {(j.judge_id, e.entry_id) for j in judges for e in entry_list if has_unit_conflict(j, e)}


def assign_every_judge(
    judge_ids: Iterable[int], entry_ids: Iterable[int], barred: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Every judge scores every entry, except the barred pairs; sorted (judge, entry)."""
    entries = sorted(entry_ids)
    return [(j, e) for j in sorted(judge_ids) for e in entries if (j, e) not in barred]


@dataclass(frozen=True)
class Links:
    """The judge–entry graph of a set of pairs: components and the pairs on cycles."""

    component: Mapping[Vertex, Vertex] = field(hash=False)  # vertex → its component's root
    cycle_pairs: tuple[Pair, ...]  # each closes a cycle, so none of them is a bridge

    @property
    def connected(self) -> bool:
        """True when every judge and entry is in one component (SPEC §4 "linked")."""
        return len(set(self.component.values())) <= 1


def trace_links(
    *, judge_ids: Iterable[int], entry_ids: Iterable[int], pairs: Sequence[Pair]
) -> Links:
    """Components of the judge–entry graph (union–find), and the pairs closing a cycle."""
    parent: dict[Vertex, Vertex] = {(0, j): (0, j) for j in judge_ids}
    parent.update({(1, e): (1, e) for e in entry_ids})

    def find(vertex: Vertex) -> Vertex:
        while parent[vertex] != vertex:
            parent[vertex] = parent[parent[vertex]]  # path halving keeps trees shallow
            vertex = parent[vertex]
        return vertex

    cycle_pairs: list[Pair] = []
    for judge, entry in pairs:
        a, b = find((0, judge)), find((1, entry))
        if a == b:
            cycle_pairs.append((judge, entry))
        else:
            parent[a] = b
    return Links(component={v: find(v) for v in parent}, cycle_pairs=tuple(cycle_pairs))
