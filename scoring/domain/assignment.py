"""Who scores what (SPEC §4): conflicts of interest and the every-judge assignment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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


def _same_unit(a: str, b: str) -> bool:
    return bool(a.strip()) and "".join(a.split()) == "".join(b.split())


def has_unit_conflict(judge: JudgeUnit, entry: EntryParties) -> bool:
    """True when the judge's unit is the entry's producer, submitter or recommender."""
    return any(
        _same_unit(judge.unit, party)
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
