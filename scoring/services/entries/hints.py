"""Media hints as coordinators read them: per entry, per campaign, and in ``probe --json``.

Hints are for staff only (every call here checks), never a score input and never blocking;
judges' pages do not call these. The measuring happens in ``hint_worker``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from scoring.domain.hints import SILENCE_NOISE_DB, Hint, Measures, clock_text, media_hints
from scoring.domain.media import MediaFacts
from scoring.domain.signatures import (
    FrameSignatures,
    MatchRange,
    match,
    parse_signature,
    whole_film,
)
from scoring.enums import JobStatus
from scoring.errors import MediaProblem
from scoring.i18n import translate
from scoring.media.hints import analyse
from scoring.records.entries import Entry
from scoring.records.media import MediaHints, MediaMatch
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.entries.listing import existing_entry
from scoring.storage import entries as entry_store
from scoring.storage import hints as store
from scoring.storage.rows import Cursor


@dataclass(frozen=True)
class SameFilm:
    """Another entry whose video shows the same film; ranges are seen from this entry."""

    entry_id: int
    code: str
    title: str
    ranges: list[MatchRange]
    whole: bool


@dataclass(frozen=True)
class EntryHints:
    """One entry's hints: how far measuring is, what was measured, what to look at."""

    status: str  # no_media | pending | running | done | failed
    progress: float = 0.0
    error: str | None = None
    measures: Measures | None = None
    hints: list[Hint] = field(default_factory=list)
    same_film: list[SameFilm] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many things there are to look at."""
        return len(self.hints) + len(self.same_film)


@dataclass(frozen=True)
class HintsProgress:
    """How far the campaign's videos are measured."""

    total: int
    done: int
    failed: int
    running: float | None  # the share done of the file being measured now, if any


def _entry_hints(row: MediaHints | None) -> EntryHints:
    if row is None:
        return EntryHints("pending")
    if row.status is not JobStatus.DONE or row.measures is None:
        return EntryHints(row.status, row.progress, row.error)
    measures = Measures.from_dict(row.measures)
    return EntryHints("done", 1.0, None, measures, media_hints(measures))


def _same_film(
    entry: Entry, pairs: Sequence[MediaMatch], others: Sequence[Entry]
) -> list[SameFilm]:
    """The other entries whose video is paired with ``entry``'s (identical files are the
    duplicate finding already, so they are left out here)."""
    found = []
    for pair in pairs:
        mine_first = pair.sha_a == entry.media_sha256
        other_sha = pair.sha_b if mine_first else pair.sha_a
        ranges = [MatchRange(*r) for r in pair.ranges]
        seen = ranges if mine_first else [r.swapped() for r in ranges]
        for other in others:
            if other.id != entry.id and other.media_sha256 == other_sha:
                found.append(SameFilm(other.id, other.code, other.title, seen, pair.whole))
    return sorted(found, key=lambda s: s.code)


def _combined(
    entry: Entry,
    row: MediaHints | None,
    pairs: Sequence[MediaMatch],
    campaign: Sequence[Entry],
) -> EntryHints:
    if entry.media_sha256 is None:
        return EntryHints("no_media")
    hints = _entry_hints(row)
    mine = [p for p in pairs if entry.media_sha256 in (p.sha_a, p.sha_b)]
    return replace(hints, same_film=_same_film(entry, mine, campaign))


def entry_hints(ctx: Context, *, actor: Actor, entry_id: int) -> EntryHints:
    """One entry's media hints (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> EntryHints:
        entry = existing_entry(cur, entry_id)
        sha = entry.media_sha256
        row = store.get_hints(cur, sha) if sha else None
        pairs = store.matches_of(cur, [sha]) if sha else []
        return _combined(entry, row, pairs, entry_store.list_entries(cur, entry.campaign_id))

    return ctx.db.read(work)


def campaign_hints(ctx: Context, *, actor: Actor, campaign_id: int) -> dict[int, EntryHints]:
    """Every entry's media hints, by entry id (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> dict[int, EntryHints]:
        entries = entry_store.list_entries(cur, campaign_id)
        rows = {r.sha256: r for r in store.campaign_hints(cur, campaign_id)}
        pairs = store.matches_of(cur, sorted(rows))
        return {e.id: _combined(e, rows.get(e.media_sha256 or ""), pairs, entries) for e in entries}

    return ctx.db.read(work)


def hints_progress(ctx: Context, *, actor: Actor, campaign_id: int) -> HintsProgress:
    """How many of the campaign's videos are measured (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> HintsProgress:
        shas = {e.media_sha256 for e in entry_store.list_entries(cur, campaign_id)} - {None}
        rows = store.campaign_hints(cur, campaign_id)
        states = Counter(r.status for r in rows)
        running = [r.progress for r in rows if r.status is JobStatus.RUNNING]
        return HintsProgress(
            len(shas),
            states[JobStatus.DONE],
            states[JobStatus.FAILED],
            running[0] if running else None,
        )

    return ctx.db.read(work)


def hint_text(hint: Hint, lang: str) -> str:
    """A hint's message in ``lang`` (times as m:ss.s)."""
    times = {}
    if hint.start_s is not None and hint.end_s is not None:
        times = {"start": clock_text(hint.start_s), "end": clock_text(hint.end_s)}
    return translate(
        "hint." + hint.kind.value, lang, noise=SILENCE_NOISE_DB, **hint.params, **times
    )


# --- probe --json (SPEC §8) ------------------------------------------------------------


@dataclass(frozen=True)
class ProbedHints:
    """The hints of one probed file, and the other probed files showing the same film."""

    measures: Measures | None
    error: str | None = None
    same_film: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, lang: str) -> dict[str, Any]:
        """The ``hints`` of ``probe --json``: measures, each hint with its message in
        ``lang``, and the same-film pairs (ranges: this file's times first)."""
        if self.measures is None:
            return {"status": "failed", "error": self.error}
        return {
            "status": "done",
            "error": None,
            **self.measures.as_dict(),
            "list": [_hint_json(h, lang) for h in media_hints(self.measures)],
            "same_film": self.same_film,
        }


def _hint_json(hint: Hint, lang: str) -> dict[str, Any]:
    return {
        "kind": hint.kind.value,
        "start_s": hint.start_s,
        "end_s": hint.end_s,
        "message": hint_text(hint, lang),
    }


def probe_hints(paths: Sequence[Path], facts: Sequence[MediaFacts]) -> list[ProbedHints]:
    """Measure each probed file where it is (nothing is stored) and pair them up."""
    results: list[ProbedHints] = []
    signatures: dict[int, FrameSignatures] = {}
    for n, (path, fact) in enumerate(zip(paths, facts, strict=True)):
        try:
            analysis = analyse(
                path, has_audio=fact.has_audio, has_video=fact.has_video, duration_s=fact.duration_s
            )
        except MediaProblem as problem:
            results.append(ProbedHints(None, str(problem.params.get("reason") or problem)))
            continue
        if analysis.signature is not None:
            signatures[n] = parse_signature(analysis.signature)
        results.append(ProbedHints(analysis.measures))
    for i, j in combinations(range(len(results)), 2):
        first, second = signatures.get(i), signatures.get(j)
        ranges = [] if first is None or second is None else match(first, second)
        if first is None or second is None or not ranges:
            continue
        whole = whole_film(ranges, first.duration_s, second.duration_s)
        results[i].same_film.append(_pair_json(paths[j], ranges, whole))
        results[j].same_film.append(_pair_json(paths[i], [r.swapped() for r in ranges], whole))
    return results


def _pair_json(other: Path, ranges: list[MatchRange], whole: bool) -> dict[str, Any]:
    return {"file": str(other), "ranges": [r.as_list() for r in ranges], "whole": whole}
