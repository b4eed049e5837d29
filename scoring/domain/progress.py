"""Judging progress counted from a campaign's judge × entry pairs (the progress page).

A pair is *open* when the judge is assigned the entry and has no conflict with it. A
judge's counts are over their open pairs; an entry's submitted and draft counts are over
every scorecard it has (a card kept after a conflict was declared still counts for the
ranking, which reads submitted cards), its assigned count over its open pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.records import EntryProgress, JudgeProgress, ProgressPair, ScorecardLine


@dataclass
class _Count:
    assigned: int = 0
    submitted: int = 0
    drafts: int = 0
    recused: int = 0
    paper: int = 0
    watched: float = 0.0
    watched_cards: int = 0


@dataclass(frozen=True, kw_only=True)
class Tally:
    """Per judge (by user name), per entry (by code) and per scorecard (by code, judge)."""

    judges: list[JudgeProgress]
    entries: list[EntryProgress]
    cards: list[ScorecardLine]


def tally_progress(pairs: Iterable[ProgressPair]) -> Tally:
    """Count assignments, submitted cards, drafts, recusals and paper cards (one pass)."""
    judges: dict[int, tuple[ProgressPair, _Count]] = {}
    entries: dict[int, tuple[ProgressPair, _Count]] = {}
    cards: list[ScorecardLine] = []
    for pair in pairs:
        judge = entry = None
        if pair.is_judge and pair.judge_id is not None:
            judge = judges.setdefault(pair.judge_id, (pair, _Count()))
        if pair.entry_id is not None:
            entry = entries.setdefault(pair.entry_id, (pair, _Count()))
        if pair.judge_id is None or entry is None:
            continue
        open_pair = pair.assigned and pair.conflict is None
        if judge is not None:
            _count_for_judge(judge[1], pair, open_pair)
        _count_for_entry(entry[1], pair, open_pair)
        if line := _line(pair):
            cards.append(line)
    return Tally(
        judges=sorted(
            (_judge(p, c) for p, c in judges.values()), key=lambda j: (j.username, j.judge_id)
        ),
        entries=sorted((_entry(p, c) for p, c in entries.values()), key=lambda e: e.code),
        cards=sorted(cards, key=lambda c: (c.code, c.username)),
    )


def _count_for_judge(count: _Count, pair: ProgressPair, open_pair: bool) -> None:
    count.recused += pair.conflict == "recusal"
    if not open_pair:
        return
    count.assigned += 1
    count.submitted += pair.status is ScorecardStatus.SUBMITTED
    count.drafts += pair.status is ScorecardStatus.DRAFT
    count.paper += pair.source is ScorecardSource.PAPER
    if (
        pair.status is ScorecardStatus.SUBMITTED
        and pair.source is ScorecardSource.APP
        and pair.watch_share is not None
    ):
        count.watched += pair.watch_share
        count.watched_cards += 1


def _count_for_entry(count: _Count, pair: ProgressPair, open_pair: bool) -> None:
    count.assigned += open_pair
    count.submitted += pair.status is ScorecardStatus.SUBMITTED
    count.drafts += pair.status is ScorecardStatus.DRAFT


def _judge(pair: ProgressPair, count: _Count) -> JudgeProgress:
    return JudgeProgress(
        judge_id=pair.judge_id or 0,
        username=pair.username,
        display_name=pair.display_name,
        assigned=count.assigned,
        submitted=count.submitted,
        drafts=count.drafts,
        recused=count.recused,
        paper=count.paper,
        mean_watch_share=count.watched / count.watched_cards if count.watched_cards else None,
    )


def _entry(pair: ProgressPair, count: _Count) -> EntryProgress:
    return EntryProgress(
        entry_id=pair.entry_id or 0,
        code=pair.code,
        title=pair.title,
        assigned=count.assigned,
        submitted=count.submitted,
        drafts=count.drafts,
    )


def _line(pair: ProgressPair) -> ScorecardLine | None:
    if pair.scorecard_id is None or pair.status is None or pair.updated_at is None:
        return None
    return ScorecardLine(
        scorecard_id=pair.scorecard_id,
        judge_id=pair.judge_id or 0,
        username=pair.username,
        display_name=pair.display_name,
        entry_id=pair.entry_id or 0,
        code=pair.code,
        status=pair.status,
        source=pair.source or ScorecardSource.APP,
        watch_share=pair.watch_share,
        marks_given=pair.marks_given,
        updated_at=pair.updated_at,
        submitted_at=pair.submitted_at,
        reopen_reason=pair.reopen_reason,
    )
