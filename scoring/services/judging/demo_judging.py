"""The demo's judging (SPEC §9): judges assigned around their unit conflicts, scorecards
with a judge's leniency, some drafts, and a calibration round judge3 has not finished.

Seeded once into an empty database by ``scoring.services.demo``; the numbers come from
fixed random seeds, so every demo ranks the same.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime
from typing import Final

from scoring.domain.assignment import EntryParties, JudgeUnit, assign_every_judge, unit_conflicts
from scoring.domain.rubric import DEFAULT_RUBRIC
from scoring.domain.watching import stored_coverage
from scoring.enums import ConflictKind, ScorecardStatus
from scoring.records.calibration import NewCalibrationCard
from scoring.records.entries import Entry
from scoring.records.judging import Assignment, Conflict, NewScorecard
from scoring.records.media import MediaFile
from scoring.records.users import User
from scoring.services.judging.calibration_clips import put_clip
from scoring.storage import calibration as calibration_store
from scoring.storage import entries as entry_store
from scoring.storage.assignments import add_assignment, add_conflict, list_assignments
from scoring.storage.rows import Cursor
from scoring.storage.scorecards import add_scorecard

_SUBMITTED: Final = {
    "judge1": set(range(1, 16)),
    "judge2": set(range(1, 15)),
    "judge3": set(range(1, 13)),
    "judge4": set(range(1, 16, 2)),
    "judge5": {1, 2, 3},
}
_DRAFTS: Final = {"judge2": {15}, "judge3": {13}, "judge5": {4, 5}}
_LENIENCY: Final = {"judge1": 0.0, "judge2": 0.8, "judge3": -0.6, "judge4": 0.3, "judge5": -1.0}


def seed_judging(
    cur: Cursor,
    campaign_id: int,
    judges: list[User],
    entries: list[Entry],
    *,
    media: dict[str, MediaFile],
    now: datetime,
) -> None:
    """Assign, score and calibrate the demo's judges (in the caller's transaction)."""
    _assign(cur, campaign_id, judges, entries, now)
    _score(cur, campaign_id, judges, entries, now)
    _calibration(cur, campaign_id, judges, media, now)


def _assign(
    cur: Cursor, campaign_id: int, judges: list[User], entries: list[Entry], now: datetime
) -> None:
    barred = unit_conflicts(
        [JudgeUnit(j.id, j.unit) for j in judges],
        [EntryParties(e.id, e.producer, e.submitter, e.recommender) for e in entries],
    )
    for judge_id, entry_id in sorted(barred):
        add_conflict(
            cur,
            Conflict(
                judge_id=judge_id,
                entry_id=entry_id,
                kind=ConflictKind.UNIT,
                reason="",
                declared_by="system",
                declared_at=now,
            ),
        )
    pairs = assign_every_judge([j.id for j in judges], [e.id for e in entries], barred)
    for judge_id, entry_id in pairs:
        add_assignment(
            cur,
            Assignment(
                campaign_id=campaign_id, judge_id=judge_id, entry_id=entry_id, assigned_at=now
            ),
        )


def _score(
    cur: Cursor, campaign_id: int, judges: list[User], entries: list[Entry], now: datetime
) -> None:
    rng = random.Random(2023)
    quality = {e.code: rng.uniform(5.0, 9.0) for e in entries}
    assigned = {(a.judge_id, a.entry_id) for a in list_assignments(cur, campaign_id)}
    for judge in judges:
        for number, entry in enumerate(entries, start=1):
            if (judge.id, entry.id) not in assigned:
                continue
            submitted = number in _SUBMITTED[judge.username]
            if not submitted and number not in _DRAFTS.get(judge.username, set()):
                continue
            base = quality[entry.code] + _LENIENCY[judge.username]
            marks = {c.key: _mark(base + rng.gauss(0, 0.8)) for c in DEFAULT_RUBRIC}
            if not submitted:
                marks = dict(list(marks.items())[:3])
            card = _card(campaign_id, judge, entry, marks, submitted, now)
            add_scorecard(cur, _watched(cur, card, entry, 1.0 if submitted else 0.4))


def _mark(value: float) -> float:
    return min(10.0, max(0.0, round(value * 2) / 2))


def _card(
    campaign_id: int,
    judge: User,
    entry: Entry,
    marks: dict[str, float],
    submitted: bool,
    now: datetime,
) -> NewScorecard:
    return NewScorecard(
        campaign_id=campaign_id,
        judge_id=judge.id,
        entry_id=entry.id,
        status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT,
        comment="节奏明快，主题清楚。" if submitted else "",
        entered_by=judge.id,
        created_at=now,
        updated_at=now,
        submitted_at=now if submitted else None,
        marks=marks,
    )


def _watched(cur: Cursor, card: NewScorecard, entry: Entry, fraction: float) -> NewScorecard:
    """The card with its first ``fraction`` of the clip played, share and ranges as
    record_watching would store them (one computation: they always agree)."""
    media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
    if media is None or not media.duration_s:
        return card
    seen = stored_coverage([(0.0, media.duration_s * fraction)], media.duration_s)
    return replace(card, watch_ranges=[list(r) for r in seen.watched], watch_share=seen.share)


# The calibration round: two reference clips (staff-only titles), scored by every judge but
# judge3, who has done only the first; so the round is open and judge3's queue starts with it.
_CALIBRATION: Final = (
    ("C01.mp4", "往届优秀作品（横屏）", 7.5),
    ("C02.mp4", "往届入围作品（竖屏）", 5.5),
)
_CALIBRATION_UNSCORED: Final = {("judge3", "C02.mp4")}


def _calibration(
    cur: Cursor, campaign_id: int, judges: list[User], media: dict[str, MediaFile], now: datetime
) -> None:
    rng = random.Random(2022)
    for name, title, quality in _CALIBRATION:
        clip = put_clip(
            cur, campaign_id=campaign_id, media=media[name], title=title, by="coord", now=now
        )
        duration = media[name].duration_s or 0.0
        seen = stored_coverage([(0.0, duration)], duration)
        for judge in judges:
            if (judge.username, name) in _CALIBRATION_UNSCORED:
                continue
            base = quality + _LENIENCY[judge.username]
            card = NewCalibrationCard(
                campaign_id=campaign_id,
                clip_id=clip.id,
                judge_id=judge.id,
                status=ScorecardStatus.SUBMITTED,
                watch_share=seen.share,
                watch_ranges=[list(r) for r in seen.watched],
                created_at=now,
                updated_at=now,
                submitted_at=now,
                marks={c.key: _mark(base + rng.gauss(0, 0.6)) for c in DEFAULT_RUBRIC},
            )
            calibration_store.add_card(cur, card)
