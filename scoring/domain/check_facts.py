"""What one compliance check sees of an entry, and what it answers (SPEC §3).

``scoring.domain.compliance`` gathers the facts once per entry; the checks in
``media_checks`` and ``entry_checks`` each read them and return an ``Outcome``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scoring.domain.media import MediaFacts
from scoring.domain.text_checks import Cue
from scoring.enums import Severity
from scoring.errors import InvalidInput
from scoring.records.entries import NewEntry

RuleSettings = Mapping[str, Any]  # one rule's settings with its category's limits merged in
Outcome = tuple[str, Severity, dict[str, Any]]  # catalog key, severity, the message's values


@dataclass(frozen=True, kw_only=True)
class CheckFacts:
    """The entry, its stored file's facts and its subtitles, as every check reads them."""

    entry: NewEntry
    media: MediaFacts | None
    siblings: Sequence[NewEntry]
    duplicate_of: Sequence[str]
    preview_error: str | None
    cues: list[Cue] | None
    srt_problem: InvalidInput | None
    aspect: RuleSettings  # the aspect rule's limits: resolution judges "the right aspect" by them

    @property
    def video(self) -> MediaFacts:
        assert self.media is not None  # media rules run only when a file is stored
        return self.media

    @property
    def size(self) -> dict[str, int]:
        assert self.media is not None and self.media.width and self.media.height
        return {"width": self.media.width, "height": self.media.height}


def say(key: str, severity: Severity | str, **params: Any) -> Outcome:
    """One check's answer: the message key, its severity and the values it shows."""
    return key, Severity(severity), params


def shown_number(value: float) -> float | int:
    """A number as a message shows it: whole numbers without a decimal point."""
    return int(value) if float(value).is_integer() else round(value, 3)
