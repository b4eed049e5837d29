"""The compliance checks of an entry's stored video file (SPEC §3, 附件1)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

from scoring.domain.check_facts import (
    CheckFacts,
    Outcome,
    RuleSettings,
    say,
    shown_number,
)
from scoring.domain.media import browser_playable
from scoring.enums import Severity

VIDEO_RULES: Final = frozenset({"orientation", "aspect", "resolution", "duration", "preview"})
MEDIA_RULES: Final = VIDEO_RULES | {"container", "streams", "duplicate"}  # need a stored file
_EPSILON: Final = 1e-9  # a ratio exactly at the tolerance passes despite float rounding
_OK, _WARNING, _ERROR = Severity.OK, Severity.WARNING, Severity.ERROR


def _aspect_off(size: Mapping[str, int], targets: Sequence[Sequence[int]]) -> tuple[float, str]:
    """Smallest |ratio / target − 1| over the targets (SPEC §3 "within 1 %"), and that target."""
    width, height = size["width"], size["height"]
    off, (a, b) = min((abs(width * b / (height * a) - 1), (a, b)) for a, b in targets)
    return off, f"{a}:{b}"


def _check_media(f: CheckFacts, s: RuleSettings) -> Outcome:
    if f.media is None:
        return say("rule.media.missing", _ERROR, media_file=f.entry.media_file or "—")
    return say("rule.media.ok", _OK)


def _check_container(f: CheckFacts, s: RuleSettings) -> Outcome:
    got = f.video.container
    if got in s["ok"]:
        return say("rule.container.ok", _OK, container=got)
    if got in s["warning"]:
        return say("rule.container.tolerated", _WARNING, container=got)
    fmt = f.video.general_format or "—"
    return say("rule.container.refused", _ERROR, container=got, format=fmt)


def _check_streams(f: CheckFacts, s: RuleSettings) -> Outcome:
    if not f.video.has_video:
        return say("rule.streams.no_video", _ERROR, format=f.video.general_format or "—")
    if not f.video.has_audio:
        return say("rule.streams.no_audio", s["no_audio_severity"])
    return say("rule.streams.ok", _OK)


def _check_orientation(f: CheckFacts, s: RuleSettings) -> Outcome:
    shape = f.video.orientation
    if shape == "portrait" and shape in s["ok"]:
        return say("rule.orientation.ok_portrait", _OK, **f.size)
    if shape in s["ok"]:
        return say("rule.orientation.ok", _OK, **f.size)
    if shape in s["warning"]:
        return say("rule.orientation.warning", _WARNING, **f.size)
    return say("rule.orientation.error", _ERROR, **f.size)


def _check_aspect(f: CheckFacts, s: RuleSettings) -> Outcome:
    off, target = _aspect_off(f.size, s["targets"])
    shown = {**f.size, "target": target, "off_percent": round(off * 100, 2)}
    if off <= s["tolerance"] + _EPSILON:
        return say("rule.aspect.ok", _OK, **shown)
    targets = " / ".join(f"{a}:{b}" for a, b in s["targets"])
    tolerance = shown_number(s["tolerance"] * 100)
    return say("rule.aspect.error", s["severity"], **shown, targets=targets, tolerance=tolerance)


def _check_resolution(f: CheckFacts, s: RuleSettings) -> Outcome:
    """Exact 附件1 sizes pass; other ≥1080p sizes of the right aspect are a warning."""
    size = f.size
    sizes = ", ".join(f"{w}×{h}" for w, h in s["sizes"])
    if [size["width"], size["height"]] in s["sizes"]:
        return say("rule.resolution.ok", _OK, **size)
    if min(size.values()) < s["min_short_side"]:
        short = s["min_short_side"]
        return say("rule.resolution.too_small", _ERROR, **size, min_short_side=short, sizes=sizes)
    if _aspect_off(size, f.aspect["targets"])[0] <= f.aspect["tolerance"] + _EPSILON:
        return say("rule.resolution.other_size", s["other_size_severity"], **size, sizes=sizes)
    return say("rule.resolution.wrong_shape", _ERROR, **size, sizes=sizes)


def _check_duration(f: CheckFacts, s: RuleSettings) -> Outcome:
    """附件1: 20 s; main text: 1 min, 1 min 30 s in special cases (SPEC §3)."""
    seconds = f.video.duration_s
    if seconds is None:
        return say("rule.duration.unknown", _WARNING)
    limits = {k: shown_number(s[k]) for k in ("ok_max", "warn_max", "special_max")}
    shown = {"duration": shown_number(seconds), **limits}
    if seconds <= s["ok_max"]:
        return say("rule.duration.ok", _OK, **shown)
    if seconds <= s["warn_max"]:
        return say("rule.duration.over_attachment", _WARNING, **shown)
    if seconds <= s["special_max"]:
        return say("rule.duration.special", _WARNING, **shown)
    return say("rule.duration.too_long", _ERROR, **shown)


def _check_preview(f: CheckFacts, s: RuleSettings) -> Outcome:
    media = f.video
    if f.preview_error:
        return say("rule.preview.failed", _ERROR, reason=f.preview_error)
    if browser_playable(media.container, media.video_codec, media.audio_codec):
        return say("rule.preview.plays", _OK)
    shown = {"video_codec": media.video_codec or "—", "audio_codec": media.audio_codec or "—"}
    return say("rule.preview.will_convert", _OK, container=media.container, **shown)


def _check_duplicate(f: CheckFacts, s: RuleSettings) -> Outcome:
    if f.duplicate_of:
        codes = ", ".join(sorted(set(f.duplicate_of)))
        return say("rule.duplicate.found", s["severity"], codes=codes)
    return say("rule.duplicate.ok", _OK)


MEDIA_CHECKS: Final[dict[str, Callable[[CheckFacts, RuleSettings], Outcome]]] = {
    "media": _check_media,
    "container": _check_container,
    "streams": _check_streams,
    "orientation": _check_orientation,
    "aspect": _check_aspect,
    "resolution": _check_resolution,
    "duration": _check_duration,
    "preview": _check_preview,
    "duplicate": _check_duplicate,
}
