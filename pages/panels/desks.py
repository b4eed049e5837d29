"""What the one scoring form (player, rubric, submit) reads and writes: the judge's real
scorecards, or the calibration round's cards. Same widgets, same rules, other tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scoring.services.context import Actor, Context
from scoring.services.judging import calibration_cards, scorecards
from scoring.services.media import PlayerSources, clip_sources, player_sources

Marks = dict[str, float | None]


@dataclass(frozen=True)
class Desk:
    """The service calls behind a scoring form, and how its widgets are keyed."""

    prefix: str  # widget keys: "" for an entry (``mark-2-lively``), "c" for a clip
    subject_of: Callable[[Any], int]  # the view's entry id or clip id
    label_of: Callable[[Any], str]  # what the confirmation names
    confirm_key: str  # catalog text of the confirmation, given {code}
    open: Callable[[Context, Actor, int], Any]
    save_draft: Callable[[Context, Actor, int, Marks, str | None], object]
    submit: Callable[[Context, Actor, int, Marks, str | None], object]
    record_watching: Callable[[Context, Actor, int, list[list[float]]], float]
    my_marks: Callable[[Context, Actor, int], dict[str, float]]
    sources: Callable[[Context, Actor, int], PlayerSources]

    def key(self, view: Any) -> str:
        """The part of every widget key that names this card's subject."""
        return f"{self.prefix}{self.subject_of(view)}"


ENTRY_DESK = Desk(
    prefix="",
    subject_of=lambda view: view.entry.id or 0,
    label_of=lambda view: view.entry.code,
    confirm_key="scorecard.confirm_body",
    open=lambda ctx, actor, i: scorecards.open_for_scoring(ctx, actor=actor, entry_id=i),
    save_draft=lambda ctx, actor, i, marks, comment: scorecards.save_draft(
        ctx, actor=actor, entry_id=i, marks=marks, comment=comment
    ),
    submit=lambda ctx, actor, i, marks, comment: scorecards.submit_scorecard(
        ctx, actor=actor, entry_id=i, marks=marks, comment=comment
    ),
    record_watching=lambda ctx, actor, i, ranges: scorecards.record_watching(
        ctx, actor=actor, entry_id=i, ranges=ranges
    ),
    my_marks=lambda ctx, actor, i: scorecards.my_marks(ctx, actor=actor, entry_id=i),
    sources=lambda ctx, actor, i: player_sources(ctx, actor=actor, entry_id=i),
)

CALIBRATION_DESK = Desk(
    prefix="c",
    subject_of=lambda view: view.clip_id,
    label_of=lambda view: str(view.number),
    confirm_key="calibration.confirm_body",
    open=lambda ctx, actor, i: calibration_cards.open_clip(ctx, actor=actor, clip_id=i),
    save_draft=lambda ctx, actor, i, marks, comment: calibration_cards.save_clip_draft(
        ctx, actor=actor, clip_id=i, marks=marks, comment=comment
    ),
    submit=lambda ctx, actor, i, marks, comment: calibration_cards.submit_clip(
        ctx, actor=actor, clip_id=i, marks=marks, comment=comment
    ),
    record_watching=lambda ctx, actor, i, ranges: calibration_cards.record_clip_watching(
        ctx, actor=actor, clip_id=i, ranges=ranges
    ),
    my_marks=lambda ctx, actor, i: calibration_cards.my_clip_marks(ctx, actor=actor, clip_id=i),
    sources=lambda ctx, actor, i: clip_sources(ctx, actor=actor, clip_id=i),
)
