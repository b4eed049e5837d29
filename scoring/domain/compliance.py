"""Checking one entry against a compliance rule set (SPEC §3): one finding per rule.

The rule set itself (its default, validation, and the rows the Rules page edits) lives in
``scoring.domain.rules``; this module only evaluates it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from scoring.domain.media import MediaFacts, browser_playable
from scoring.domain.rules import RULE_ORDER, validate_rules
from scoring.domain.text_checks import (
    Cue,
    check_intro_producer,
    classify_phone,
    compact,
    completed_date_problem,
    count_chars,
    find_crowded_lower_cues,
    find_short_gaps,
    format_srt_time,
    parse_srt,
    shot_after_completed,
)
from scoring.enums import Severity
from scoring.errors import InvalidInput
from scoring.records import NewEntry

_VIDEO_RULES: Final = frozenset({"orientation", "aspect", "resolution", "duration", "preview"})
_MEDIA_RULES: Final = _VIDEO_RULES | {"container", "streams", "duplicate"}  # need a stored file
_EPSILON: Final = 1e-9  # a ratio exactly at the tolerance passes despite float rounding
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
_Settings = Mapping[str, Any]  # one rule's settings with its category's limits merged in


@dataclass(frozen=True, kw_only=True)
class FindingDraft:
    """One checklist line before it is stored as a ``scoring.records.Finding``."""

    rule: str
    severity: Severity
    message_key: str
    params: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class _Facts:
    entry: NewEntry
    media: MediaFacts | None
    siblings: Sequence[NewEntry]
    duplicate_of: Sequence[str]
    preview_error: str | None
    cues: list[Cue] | None
    srt_problem: InvalidInput | None
    aspect: _Settings  # the aspect rule's limits: resolution judges "the right aspect" by them

    @property
    def video(self) -> MediaFacts:
        assert self.media is not None  # media rules run only when a file is stored
        return self.media

    @property
    def size(self) -> dict[str, int]:
        assert self.media is not None and self.media.width and self.media.height
        return {"width": self.media.width, "height": self.media.height}


_Outcome = tuple[str, Severity, dict[str, Any]]


def _say(key: str, severity: Severity | str, **params: Any) -> _Outcome:
    return key, Severity(severity), params


def _shown(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


def _aspect_off(size: Mapping[str, int], targets: Sequence[Sequence[int]]) -> tuple[float, str]:
    """Smallest |ratio / target − 1| over the targets (SPEC §3 "within 1 %"), and that target."""
    width, height = size["width"], size["height"]
    off, (a, b) = min((abs(width * b / (height * a) - 1), (a, b)) for a, b in targets)
    return off, f"{a}:{b}"


def _check_media(f: _Facts, s: _Settings) -> _Outcome:
    if f.media is None:
        return _say("rule.media.missing", _ERROR, media_file=f.entry.media_file or "—")
    return _say("rule.media.ok", _OK)


def _check_container(f: _Facts, s: _Settings) -> _Outcome:
    got = f.video.container
    if got in s["ok"]:
        return _say("rule.container.ok", _OK, container=got)
    if got in s["warning"]:
        return _say("rule.container.tolerated", _WARNING, container=got)
    fmt = f.video.general_format or "—"
    return _say("rule.container.refused", _ERROR, container=got, format=fmt)


def _check_streams(f: _Facts, s: _Settings) -> _Outcome:
    if not f.video.has_video:
        return _say("rule.streams.no_video", _ERROR, format=f.video.general_format or "—")
    if not f.video.has_audio:
        return _say("rule.streams.no_audio", s["no_audio_severity"])
    return _say("rule.streams.ok", _OK)


def _check_orientation(f: _Facts, s: _Settings) -> _Outcome:
    shape = f.video.orientation
    if shape == "portrait" and shape in s["ok"]:
        return _say("rule.orientation.ok_portrait", _OK, **f.size)
    if shape in s["ok"]:
        return _say("rule.orientation.ok", _OK, **f.size)
    if shape in s["warning"]:
        return _say("rule.orientation.warning", _WARNING, **f.size)
    return _say("rule.orientation.error", _ERROR, **f.size)


def _check_aspect(f: _Facts, s: _Settings) -> _Outcome:
    off, target = _aspect_off(f.size, s["targets"])
    shown = {**f.size, "target": target, "off_percent": round(off * 100, 2)}
    if off <= s["tolerance"] + _EPSILON:
        return _say("rule.aspect.ok", _OK, **shown)
    targets = " / ".join(f"{a}:{b}" for a, b in s["targets"])
    tolerance = _shown(s["tolerance"] * 100)
    return _say("rule.aspect.error", s["severity"], **shown, targets=targets, tolerance=tolerance)


def _check_resolution(f: _Facts, s: _Settings) -> _Outcome:
    """Exact 附件1 sizes pass; other ≥1080p sizes of the right aspect are a warning."""
    size = f.size
    sizes = ", ".join(f"{w}×{h}" for w, h in s["sizes"])
    if [size["width"], size["height"]] in s["sizes"]:
        return _say("rule.resolution.ok", _OK, **size)
    if min(size.values()) < s["min_short_side"]:
        short = s["min_short_side"]
        return _say("rule.resolution.too_small", _ERROR, **size, min_short_side=short, sizes=sizes)
    if _aspect_off(size, f.aspect["targets"])[0] <= f.aspect["tolerance"] + _EPSILON:
        return _say("rule.resolution.other_size", s["other_size_severity"], **size, sizes=sizes)
    return _say("rule.resolution.wrong_shape", _ERROR, **size, sizes=sizes)


def _check_duration(f: _Facts, s: _Settings) -> _Outcome:
    """附件1: 20 s; main text: 1 min, 1 min 30 s in special cases (SPEC §3)."""
    seconds = f.video.duration_s
    if seconds is None:
        return _say("rule.duration.unknown", _WARNING)
    limits = {k: _shown(s[k]) for k in ("ok_max", "warn_max", "special_max")}
    if seconds <= s["ok_max"]:
        return _say("rule.duration.ok", _OK, duration=_shown(seconds), **limits)
    if seconds <= s["warn_max"]:
        return _say("rule.duration.over_attachment", _WARNING, duration=_shown(seconds), **limits)
    if seconds <= s["special_max"]:
        return _say("rule.duration.special", _WARNING, duration=_shown(seconds), **limits)
    return _say("rule.duration.too_long", _ERROR, duration=_shown(seconds), **limits)


def _check_preview(f: _Facts, s: _Settings) -> _Outcome:
    media = f.video
    if f.preview_error:
        return _say("rule.preview.failed", _ERROR, reason=f.preview_error)
    if browser_playable(media.container, media.video_codec, media.audio_codec):
        return _say("rule.preview.plays", _OK)
    shown = {"video_codec": media.video_codec or "—", "audio_codec": media.audio_codec or "—"}
    return _say("rule.preview.will_convert", _OK, container=media.container, **shown)


def _check_duplicate(f: _Facts, s: _Settings) -> _Outcome:
    if f.duplicate_of:
        codes = ", ".join(sorted(set(f.duplicate_of)))
        return _say("rule.duplicate.found", s["severity"], codes=codes)
    return _say("rule.duplicate.ok", _OK)


def _length(text: str, s: _Settings, *, ok_key: str, long_key: str) -> _Outcome:
    chars, most = count_chars(text), s["max_chars"]
    key, severity = (long_key, s["severity"]) if chars > most else (ok_key, _OK)
    return _say(key, severity, chars=chars, max_chars=most)


def _check_title(f: _Facts, s: _Settings) -> _Outcome:
    return _length(f.entry.title, s, ok_key="rule.title.ok", long_key="rule.title.too_long")


def _check_intro_length(f: _Facts, s: _Settings) -> _Outcome:
    keys = {"ok_key": "rule.intro_length.ok", "long_key": "rule.intro_length.too_long"}
    return _length(f.entry.intro, s, **keys)


def _check_intro_producer(f: _Facts, s: _Settings) -> _Outcome:
    producer = f.entry.producer or "—"
    check = check_intro_producer(intro=f.entry.intro, producer=f.entry.producer)
    if check.verdict == "ok":
        return _say("rule.intro_producer.ok", _OK, producer=producer)
    if check.verdict == "differs":
        severity = s["differs_severity"]
        return _say("rule.intro_producer.differs", severity, found=check.found, producer=producer)
    return _say("rule.intro_producer.missing", _ERROR, producer=producer)


def _check_copy_text(f: _Facts, s: _Settings) -> _Outcome:
    keys = {"ok_key": "rule.copy_text.ok", "long_key": "rule.copy_text.too_long"}
    return _length(f.entry.copy_text, s, **keys)


def _missing(entry: NewEntry, labels: Mapping[str, str]) -> str:
    return ", ".join(label for name, label in labels.items() if not compact(getattr(entry, name)))


def _check_copy_elements(f: _Facts, s: _Settings) -> _Outcome:
    if missing := _missing(f.entry, _ELEMENTS):
        return _say("rule.copy_elements.missing", s["severity"], fields=missing)
    return _say("rule.copy_elements.ok", _OK)


def _check_synopsis(f: _Facts, s: _Settings) -> _Outcome:
    if not compact(f.entry.synopsis):
        return _say("rule.synopsis.empty", s["severity"])
    keys = {"ok_key": "rule.synopsis.ok", "long_key": "rule.synopsis.too_long"}
    return _length(f.entry.synopsis, s, **keys)


def _check_completed_date(f: _Facts, s: _Settings) -> _Outcome:
    """The notice: works made after 2020-01-01; 完成时间 is a required field (SPEC §2)."""
    completed, earliest = f.entry.completed_date, s["earliest"]
    if completed is None:
        return _say("rule.completed_date.missing", s["severity"], earliest=earliest)
    shown = {"completed_date": completed.isoformat(), "earliest": earliest}
    if completed_date_problem(completed, earliest=date.fromisoformat(earliest)) == "too_early":
        return _say("rule.completed_date.too_early", s["severity"], **shown)
    return _say("rule.completed_date.ok", _OK, **shown)


def _check_date_order(f: _Facts, s: _Settings) -> _Outcome:
    shot, completed = f.entry.shot_date, f.entry.completed_date
    if (
        shot is None
        or completed is None
        or not shot_after_completed(shot=shot, completed=completed)
    ):
        return _say("rule.date_order.ok", _OK)
    shown = {"shot_date": shot.isoformat(), "completed_date": completed.isoformat()}
    return _say("rule.date_order.error", s["severity"], **shown)


def _check_pledge(f: _Facts, s: _Settings) -> _Outcome:
    if not f.entry.copyright_pledge:
        return _say("rule.copyright_pledge.missing", s["severity"])
    return _say("rule.copyright_pledge.ok", _OK)


def _check_declarations(f: _Facts, s: _Settings) -> _Outcome:
    incident, lawful = f.entry.no_major_incident, f.entry.lawfully_established
    if not incident and not lawful:
        return _say("rule.declarations.both", s["severity"])
    if not incident:
        return _say("rule.declarations.incident", s["severity"])
    if not lawful:
        return _say("rule.declarations.establishment", s["severity"])
    return _say("rule.declarations.ok", _OK)


def _check_contacts(f: _Facts, s: _Settings) -> _Outcome:
    if missing := _missing(f.entry, _CONTACTS):
        return _say("rule.contacts.missing", s["severity"], fields=missing)
    return _say("rule.contacts.ok", _OK)


def _check_phone(f: _Facts, s: _Settings) -> _Outcome:
    phone = f.entry.phone.strip()
    if not compact(phone):
        return _say("rule.phone.missing", s["severity"])
    if classify_phone(phone) is None:
        return _say("rule.phone.malformed", s["severity"], phone=phone)
    return _say("rule.phone.ok", _OK, phone=phone)


def _check_recommender(f: _Facts, s: _Settings) -> _Outcome | None:
    """The notice: each recommending unit forwards 1–2 works; counted over the campaign."""
    name = compact(f.entry.recommender)
    if not name:
        return None  # the contacts rule reports a missing recommender
    codes = {e.code for e in f.siblings if compact(e.recommender) == name} | {f.entry.code}
    shown = {"recommender": f.entry.recommender.strip(), "count": len(codes)}
    shown["max_entries"] = s["max_entries"]
    if len(codes) <= s["max_entries"]:
        return _say("rule.recommender_load.ok", _OK, **shown)
    others = ", ".join(sorted(codes - {f.entry.code}))
    return _say("rule.recommender_load.too_many", s["severity"], **shown, others=others)


def _check_subtitle_gaps(f: _Facts, s: _Settings) -> _Outcome:
    if f.cues is None:
        assert f.srt_problem is not None
        return _say("rule.subtitle_gaps.unreadable", _WARNING, **f.srt_problem.params)
    gaps = find_short_gaps(f.cues, min_gap_ms=round(s["min_gap_s"] * 1000))
    if not gaps:
        return _say("rule.subtitle_gaps.ok", _OK, min_gap=_shown(s["min_gap_s"]))
    listed = "; ".join(
        f"#{g.before}→#{g.after} {format_srt_time(g.end_ms)}–{format_srt_time(g.start_ms)} "
        f"({_shown(g.gap_ms / 1000)} s)"
        for g in gaps
    )
    shown = {"count": len(gaps), "gaps": listed, "min_gap": _shown(s["min_gap_s"])}
    return _say("rule.subtitle_gaps.short", s["severity"], **shown)


def _check_subtitle_lines(f: _Facts, s: _Settings) -> _Outcome | None:
    if f.cues is None:
        return None  # unreadable: reported once, by subtitle_gaps
    if not any(c.lower for c in f.cues):
        return _say("rule.subtitle_lines.no_lower_track", _OK)
    crowded = find_crowded_lower_cues(f.cues, max_lines=s["max_lines"])
    if not crowded:
        return _say("rule.subtitle_lines.ok", _OK, max_lines=s["max_lines"])
    listed = ", ".join(
        f"#{c.number} {format_srt_time(c.start_ms)} ×{len(c.lines)}" for c in crowded
    )
    shown = {"count": len(crowded), "cues": listed, "max_lines": s["max_lines"]}
    return _say("rule.subtitle_lines.crowded", s["severity"], **shown)


_CHECKS: Final[dict[str, Callable[[_Facts, _Settings], _Outcome | None]]] = {
    "media": _check_media,
    "container": _check_container,
    "streams": _check_streams,
    "orientation": _check_orientation,
    "aspect": _check_aspect,
    "resolution": _check_resolution,
    "duration": _check_duration,
    "preview": _check_preview,
    "duplicate": _check_duplicate,
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


def _settings(name: str, config: _Settings, category: str, facts: _Facts) -> _Settings | None:
    """The rule's settings for this entry, or None when it does not apply: disabled, meant
    for the other category, or its input is absent (a stored file, a video track, an .srt)."""
    limits = config.get("limits", {category: {}})
    if not config["enabled"] or category not in limits:
        return None
    if name in _MEDIA_RULES and facts.media is None:
        return None
    if name in _VIDEO_RULES and not facts.video.has_video:
        return None
    if name.startswith("subtitle_") and facts.cues is None and facts.srt_problem is None:
        return None
    return {**config, **limits[category]}


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
    cues, srt_problem = None, None
    if subtitles is not None:
        try:
            cues = parse_srt(subtitles, lower_track=subtitles_lower_track)
        except InvalidInput as exc:
            srt_problem = exc
    aspect = checked["aspect"]["limits"][category]  # the set's shape is fixed: both categories
    facts = _Facts(
        entry=entry,
        media=media,
        siblings=siblings,
        duplicate_of=duplicate_of,
        preview_error=preview_error,
        cues=cues,
        srt_problem=srt_problem,
        aspect=aspect,
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
