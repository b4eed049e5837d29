"""Checking one entry against a compliance rule set (SPEC §3): one finding per rule.

The rule set itself (its default, validation, and the rows the Rules page edits) lives in
``scoring.domain.rules``; the checks are in ``media_checks`` (the stored file) and
``entry_checks`` (the form's fields and subtitles). This module gathers an entry's facts
once and runs the checks in ``RULE_ORDER``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from scoring.domain.check_facts import CheckFacts, Outcome, RuleSettings
from scoring.domain.entry_checks import ENTRY_CHECKS
from scoring.domain.media import MediaFacts
from scoring.domain.media_checks import MEDIA_CHECKS, MEDIA_RULES, VIDEO_RULES
from scoring.domain.rules import RULE_ORDER, validate_rules
from scoring.domain.text_checks import Cue, parse_srt
from scoring.enums import Severity
from scoring.errors import InvalidInput
from scoring.records.entries import EntryHead, NewEntry

_CHECKS: Final[dict[str, Callable[[CheckFacts, RuleSettings], Outcome | None]]] = {
    **MEDIA_CHECKS,
    **ENTRY_CHECKS,
}


@dataclass(frozen=True, kw_only=True)
class FindingDraft:
    """One checklist line before it is stored as a ``scoring.records.compliance.Finding``."""

    rule: str
    severity: Severity
    message_key: str
    params: dict[str, Any]


def _settings(
    name: str, config: RuleSettings, category: str, facts: CheckFacts
) -> RuleSettings | None:
    """The rule's settings for this entry, or None when it does not apply: disabled, meant
    for the other category, or its input is absent (a stored file, a video track, an .srt)."""
    limits = config.get("limits", {category: {}})
    if not config["enabled"] or category not in limits:
        return None
    if name in MEDIA_RULES and facts.media is None:
        return None
    if name in VIDEO_RULES and not facts.video.has_video:
        return None
    if name.startswith("subtitle_") and facts.cues is None and facts.srt_problem is None:
        return None
    return {**config, **limits[category]}


def _read_subtitles(
    subtitles: str | None, *, lower_track: bool
) -> tuple[list[Cue] | None, InvalidInput | None]:
    """The ``.srt`` file's cues, or the problem that made it unreadable (None, None: no file)."""
    if subtitles is None:
        return None, None
    try:
        return parse_srt(subtitles, lower_track=lower_track), None
    except InvalidInput as exc:
        return None, exc


def evaluate_entry(
    *,
    entry: NewEntry,
    media: MediaFacts | None,
    rules: Mapping[str, Any],
    siblings: Sequence[NewEntry],
    duplicate_of: Sequence[str] = (),
    preview_error: str | None = None,
    subtitles: str | None = None,
    subtitles_lower_track: bool = False,
) -> list[FindingDraft]:
    """One finding per rule that applies, ok or not, in ``RULE_ORDER`` (SPEC §3).

    Without a stored file only ``media`` runs of the media rules; without a video track only
    container, streams and duplicate. ``siblings`` are the campaign's entries (this one may
    be among them); ``subtitles`` is the text of an ``.srt`` file.
    """
    checked = validate_rules(rules)["rules"]
    category = entry.category.value
    cues, srt_problem = _read_subtitles(subtitles, lower_track=subtitles_lower_track)
    facts = CheckFacts(
        entry=entry,
        media=media,
        siblings=siblings,
        duplicate_of=duplicate_of,
        preview_error=preview_error,
        cues=cues,
        srt_problem=srt_problem,
        aspect=checked["aspect"]["limits"][category],  # the set's shape: both categories
    )
    findings: list[FindingDraft] = []
    for name in RULE_ORDER:
        settings = _settings(name, checked[name], category, facts)
        outcome = None if settings is None else _CHECKS[name](facts, settings)
        if outcome is not None:
            key, severity, params = outcome
            findings.append(
                FindingDraft(rule=name, severity=severity, message_key=key, params=params)
            )
    return findings


@dataclass(frozen=True)
class EntryCompliance:
    """One entry (its heading) with how many of its findings are errors and warnings (the
    table counts them in the database; an entry's detail reads its own findings)."""

    entry: EntryHead
    errors: int = 0
    warnings: int = 0

    @property
    def worst(self) -> Severity:
        """error > warning > ok."""
        if self.errors:
            return Severity.ERROR
        return Severity.WARNING if self.warnings else Severity.OK

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity`` (errors and warnings are counted)."""
        return {Severity.ERROR: self.errors, Severity.WARNING: self.warnings}.get(severity, 0)


def filter_report(
    report: list[EntryCompliance],
    *,
    errors_only: bool = False,
    categories: Iterable[str] = (),
    recommender: str = "",
) -> list[EntryCompliance]:
    """The entries the Compliance page's filters keep (empty filters keep everything)."""
    wanted = set(categories)
    return [
        r
        for r in report
        if (not errors_only or r.worst is Severity.ERROR)
        and (not wanted or r.entry.category.value in wanted)
        and (not recommender or r.entry.recommender == recommender)
    ]
