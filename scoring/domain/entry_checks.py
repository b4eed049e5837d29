"""The compliance checks of an entry's registration fields and its subtitles (SPEC §2–3)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Final

from scoring.domain.check_facts import (
    CheckFacts,
    Outcome,
    RuleSettings,
    say,
    shown_number,
)
from scoring.domain.text_checks import (
    check_intro_producer,
    classify_phone,
    compact,
    completed_date_problem,
    count_chars,
    find_crowded_lower_cues,
    find_short_gaps,
    format_srt_time,
    shot_after_completed,
)
from scoring.enums import Severity
from scoring.records.entries import NewEntry

_OK, _WARNING, _ERROR = Severity.OK, Severity.WARNING, Severity.ERROR
# Field labels inside params are bilingual: params are filled in before a language is chosen.
_ELEMENTS: Final = {
    "place": "地点/place",
    "people": "人物/people",
    "event": "事件/event",
    "result": "结果/result",
}
_CONTACTS: Final = {
    "recommender": "推荐单位/recommender",
    "submitter": "报送单位/submitter",
    "contact": "联系人/contact",
}


def _length(text: str, s: RuleSettings, *, ok_key: str, long_key: str) -> Outcome:
    chars, most = count_chars(text), s["max_chars"]
    key, severity = (long_key, s["severity"]) if chars > most else (ok_key, _OK)
    return say(key, severity, chars=chars, max_chars=most)


def _check_title(f: CheckFacts, s: RuleSettings) -> Outcome:
    return _length(f.entry.title, s, ok_key="rule.title.ok", long_key="rule.title.too_long")


def _check_intro_length(f: CheckFacts, s: RuleSettings) -> Outcome:
    keys = {"ok_key": "rule.intro_length.ok", "long_key": "rule.intro_length.too_long"}
    return _length(f.entry.intro, s, **keys)


def _check_intro_producer(f: CheckFacts, s: RuleSettings) -> Outcome:
    producer = f.entry.producer or "—"
    check = check_intro_producer(intro=f.entry.intro, producer=f.entry.producer)
    if check.verdict == "ok":
        return say("rule.intro_producer.ok", _OK, producer=producer)
    if check.verdict == "differs":
        severity = s["differs_severity"]
        return say("rule.intro_producer.differs", severity, found=check.found, producer=producer)
    return say("rule.intro_producer.missing", _ERROR, producer=producer)


def _check_copy_text(f: CheckFacts, s: RuleSettings) -> Outcome:
    keys = {"ok_key": "rule.copy_text.ok", "long_key": "rule.copy_text.too_long"}
    return _length(f.entry.copy_text, s, **keys)


def _missing(entry: NewEntry, labels: Mapping[str, str]) -> str:
    return ", ".join(label for name, label in labels.items() if not compact(getattr(entry, name)))


def _check_copy_elements(f: CheckFacts, s: RuleSettings) -> Outcome:
    if missing := _missing(f.entry, _ELEMENTS):
        return say("rule.copy_elements.missing", s["severity"], fields=missing)
    return say("rule.copy_elements.ok", _OK)


def _check_synopsis(f: CheckFacts, s: RuleSettings) -> Outcome:
    if not compact(f.entry.synopsis):
        return say("rule.synopsis.empty", s["severity"])
    keys = {"ok_key": "rule.synopsis.ok", "long_key": "rule.synopsis.too_long"}
    return _length(f.entry.synopsis, s, **keys)


def _check_completed_date(f: CheckFacts, s: RuleSettings) -> Outcome:
    """The notice: works made after 2020-01-01; 完成时间 is a required field (SPEC §2)."""
    completed, earliest = f.entry.completed_date, s["earliest"]
    if completed is None:
        return say("rule.completed_date.missing", s["severity"], earliest=earliest)
    shown = {"completed_date": completed.isoformat(), "earliest": earliest}
    if completed_date_problem(completed, earliest=date.fromisoformat(earliest)) == "too_early":
        return say("rule.completed_date.too_early", s["severity"], **shown)
    return say("rule.completed_date.ok", _OK, **shown)


def _check_date_order(f: CheckFacts, s: RuleSettings) -> Outcome:
    shot, completed = f.entry.shot_date, f.entry.completed_date
    if (
        shot is None
        or completed is None
        or not shot_after_completed(shot=shot, completed=completed)
    ):
        return say("rule.date_order.ok", _OK)
    shown = {"shot_date": shot.isoformat(), "completed_date": completed.isoformat()}
    return say("rule.date_order.error", s["severity"], **shown)


def _check_pledge(f: CheckFacts, s: RuleSettings) -> Outcome:
    if not f.entry.copyright_pledge:
        return say("rule.copyright_pledge.missing", s["severity"])
    return say("rule.copyright_pledge.ok", _OK)


def _check_declarations(f: CheckFacts, s: RuleSettings) -> Outcome:
    incident, lawful = f.entry.no_major_incident, f.entry.lawfully_established
    if not incident and not lawful:
        return say("rule.declarations.both", s["severity"])
    if not incident:
        return say("rule.declarations.incident", s["severity"])
    if not lawful:
        return say("rule.declarations.establishment", s["severity"])
    return say("rule.declarations.ok", _OK)


def _check_contacts(f: CheckFacts, s: RuleSettings) -> Outcome:
    if missing := _missing(f.entry, _CONTACTS):
        return say("rule.contacts.missing", s["severity"], fields=missing)
    return say("rule.contacts.ok", _OK)


def _check_phone(f: CheckFacts, s: RuleSettings) -> Outcome:
    phone = f.entry.phone.strip()
    if not compact(phone):
        return say("rule.phone.missing", s["severity"])
    if classify_phone(phone) is None:
        return say("rule.phone.malformed", s["severity"], phone=phone)
    return say("rule.phone.ok", _OK, phone=phone)


def _check_recommender(f: CheckFacts, s: RuleSettings) -> Outcome | None:
    """The notice: each recommending unit forwards 1–2 works; counted over the campaign."""
    name = compact(f.entry.recommender)
    if not name:
        return None  # the contacts rule reports a missing recommender
    codes = {e.code for e in f.siblings if compact(e.recommender) == name} | {f.entry.code}
    shown = {"recommender": f.entry.recommender.strip(), "count": len(codes)}
    shown["max_entries"] = s["max_entries"]
    if len(codes) <= s["max_entries"]:
        return say("rule.recommender_load.ok", _OK, **shown)
    others = ", ".join(sorted(codes - {f.entry.code}))
    return say("rule.recommender_load.too_many", s["severity"], **shown, others=others)


def _check_subtitle_gaps(f: CheckFacts, s: RuleSettings) -> Outcome:
    if f.cues is None:
        assert f.srt_problem is not None
        return say("rule.subtitle_gaps.unreadable", _WARNING, **f.srt_problem.params)
    gaps = find_short_gaps(f.cues, min_gap_ms=round(s["min_gap_s"] * 1000))
    if not gaps:
        return say("rule.subtitle_gaps.ok", _OK, min_gap=shown_number(s["min_gap_s"]))
    listed = "; ".join(
        f"#{g.before}→#{g.after} {format_srt_time(g.end_ms)}–{format_srt_time(g.start_ms)} "
        f"({shown_number(g.gap_ms / 1000)} s)"
        for g in gaps
    )
    shown = {"count": len(gaps), "gaps": listed, "min_gap": shown_number(s["min_gap_s"])}
    return say("rule.subtitle_gaps.short", s["severity"], **shown)


def _check_subtitle_lines(f: CheckFacts, s: RuleSettings) -> Outcome | None:
    if f.cues is None:
        return None  # unreadable: reported once, by subtitle_gaps
    if not any(c.lower for c in f.cues):
        return say("rule.subtitle_lines.no_lower_track", _OK)
    crowded = find_crowded_lower_cues(f.cues, max_lines=s["max_lines"])
    if not crowded:
        return say("rule.subtitle_lines.ok", _OK, max_lines=s["max_lines"])
    listed = ", ".join(
        f"#{c.number} {format_srt_time(c.start_ms)} ×{len(c.lines)}" for c in crowded
    )
    shown = {"count": len(crowded), "cues": listed, "max_lines": s["max_lines"]}
    return say("rule.subtitle_lines.crowded", s["severity"], **shown)


ENTRY_CHECKS: Final[dict[str, Callable[[CheckFacts, RuleSettings], Outcome | None]]] = {
    "title": _check_title,
    "intro_length": _check_intro_length,
    "intro_producer": _check_intro_producer,
    "copy_text": _check_copy_text,
    "copy_elements": _check_copy_elements,
    "synopsis": _check_synopsis,
    "completed_date": _check_completed_date,
    "date_order": _check_date_order,
    "copyright_pledge": _check_pledge,
    "declarations": _check_declarations,
    "contacts": _check_contacts,
    "phone": _check_phone,
    "recommender_load": _check_recommender,
    "subtitle_gaps": _check_subtitle_gaps,
    "subtitle_lines": _check_subtitle_lines,
}
