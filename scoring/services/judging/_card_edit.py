"""A scorecard's edit — changed marks and comment, one history line per changed field, the
lock — gathered before anything is written, and the checks every edit shares (scoring
closed, a submit complete). Judges' saves (``_saving``) and paper sheets (``paper``)
write their edits through ``store_edits``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from scoring.domain.marks import missing_criteria
from scoring.domain.watching import whole_percent
from scoring.enums import ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign
from scoring.records.judging import Criterion, NewScorecard, Scorecard
from scoring.storage.rows import Cursor
from scoring.storage.scorecard_saves import CardWrite, write_cards


def is_closed(campaign: Campaign, now: datetime) -> bool:
    """Scoring is closed after the deadline and in an archived campaign."""
    deadline = campaign.scoring_deadline
    return campaign.archived_at is not None or (deadline is not None and now >= deadline)


@dataclass(kw_only=True)
class CardEdit:
    """The changes one save makes to one card, gathered before anything is written."""

    card: NewScorecard  # as it will be after the save (a stored Scorecard unless new)
    by: str
    now: datetime
    columns: list[str] = field(default_factory=list)
    new_marks: dict[str, float] = field(default_factory=dict)
    changed_marks: dict[str, float] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)
    changes: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def set(self, **values: Any) -> None:
        """Set card columns (written only if the card already exists; a new card is
        inserted whole)."""
        self.card = replace(self.card, **values)
        self.columns += [name for name in values if name not in self.columns]

    def note(self, name: str, old: object, new: object) -> None:
        """Keep one history line: field, old → new, as text."""
        self.changes.append((name, _text(old), _text(new)))

    def marks_and_comment(
        self, marks: Mapping[str, float | None], comment: str | None
    ) -> list[str]:
        """Apply changed marks and comment; return the fields that changed."""
        changed: list[str] = []
        current = dict(self.card.marks)
        for key, value in marks.items():
            old = current.get(key)
            if old == value:
                continue
            if value is None:
                current.pop(key, None)
                self.cleared.append(key)
            else:
                current[key] = value
                (self.new_marks if old is None else self.changed_marks)[key] = value
            changed.append(key)
            self.note(key, old, value)
        self.card = replace(self.card, marks=current)
        if comment is not None and comment != self.card.comment:
            self.note("comment", self.card.comment, comment)
            self.set(comment=comment)
            changed.append("comment")
        if changed:
            self.set(updated_at=self.now)
        return changed

    def lock(self) -> None:
        """Submit the card: locked from now on (only a coordinator can reopen it)."""
        old = self.card.status.value
        self.set(status=ScorecardStatus.SUBMITTED, submitted_at=self.now, updated_at=self.now)
        self.note("status", old, ScorecardStatus.SUBMITTED.value)

    @property
    def anything(self) -> bool:
        """A new card, or something to write on an existing one."""
        return not isinstance(self.card, Scorecard) or bool(self.columns or self.changes)

    def write(self) -> CardWrite:
        """The storage's form of this edit."""
        return CardWrite(
            card=self.card,
            columns=tuple(self.columns),
            new_marks=dict(self.new_marks),
            changed_marks=dict(self.changed_marks),
            cleared=tuple(self.cleared),
            changes=tuple(self.changes),
            changed_by=self.by,
            changed_at=self.now,
        )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def store_edits(cur: Cursor, edits: Sequence[CardEdit]) -> list[Scorecard]:
    """Write the edits (one statement per table) and return their cards with ids."""
    ids = write_cards(cur, [e.write() for e in edits])
    return [_with_id(e.card, i) for e, i in zip(edits, ids, strict=True)]


def _with_id(card: NewScorecard, card_id: int) -> Scorecard:
    if isinstance(card, Scorecard):
        return replace(card, id=card_id)
    return Scorecard(**card.__dict__, id=card_id)


def check_complete(card: NewScorecard, criteria: Sequence[Criterion], campaign: Campaign) -> None:
    """``require_complete`` for a scorecard (a paper card needs no watching)."""
    require_complete(
        marks=card.marks,
        watch_share=card.watch_share,
        paper=card.source is ScorecardSource.PAPER,
        criteria=criteria,
        campaign=campaign,
    )


def require_complete(
    *,
    marks: Mapping[str, float],
    watch_share: float | None,
    paper: bool,
    criteria: Sequence[Criterion],
    campaign: Campaign,
) -> None:
    """Refuse a submit with a criterion unmarked, or (scored in the app, not on paper) with
    less of the video watched than the campaign requires."""
    missing = missing_criteria(marks, [c.key for c in criteria])
    if missing:
        names = {c.key: f"{c.name_zh}（{c.name_en}）" for c in criteria}
        raise InvalidInput(
            "error.submit_missing_marks", criteria="、".join(names[k] for k in missing)
        )
    share = watch_share or 0.0
    if not paper and share < campaign.watch_share_required:
        raise InvalidInput(
            "error.submit_not_watched",
            share=whole_percent(share),
            required=round(campaign.watch_share_required * 100),
        )
