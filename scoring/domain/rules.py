"""The compliance rule set as data (SPEC §3): its default and its validation.

A rule set is a JSON-serialisable dict ``{"format": 1, "rules": {name: {...}}}`` stored per
campaign in ``rule_sets.rules``. Each rule has ``enabled``, a severity where the SPEC leaves
a choice, and, when its limits or its reach differ by category, ``limits`` with one block per
category it applies to (a rule without ``limits`` applies to both). Findings come out in
``RULE_ORDER``: media first, then text and paperwork, then subtitles.

Where the notice contradicts itself the default turns the stricter reading into a warning
and the looser one into the error limit (MOV, 20 s versus 1 min, 横屏 versus 竖版).
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from scoring.enums import Category
from scoring.errors import InvalidInput

RULES_VERSION: Final = 1
_MV: Final = Category.MICRO_VIDEO.value
_MA: Final = Category.MICRO_ANIMATION.value
_HD: Final = [[1920, 1080], [3840, 2160]]  # 附件1: 1080p and 4K


def _both(**limits: Any) -> dict[str, Any]:
    return {_MV: copy.deepcopy(limits), _MA: copy.deepcopy(limits)}


def _rule(severity: str | None = None, **fields: Any) -> dict[str, Any]:
    head: dict[str, Any] = {"enabled": True}
    if severity is not None:
        head["severity"] = severity
    return head | fields


DEFAULT_RULES: Final[dict[str, Any]] = {
    "format": RULES_VERSION,
    "rules": {
        "media": _rule(),
        "container": _rule(limits=_both(ok=["mp4"], warning=["mov"])),
        "streams": _rule(no_audio_severity="warning"),
        "orientation": _rule(
            limits={
                _MV: {"ok": ["landscape", "portrait"], "warning": []},
                _MA: {"ok": ["landscape"], "warning": []},
            }
        ),
        "aspect": _rule(
            "error",
            limits={
                _MV: {"targets": [[16, 9], [9, 16]], "tolerance": 0.01},
                _MA: {"targets": [[16, 9]], "tolerance": 0.01},
            },
        ),
        "resolution": _rule(
            other_size_severity="warning",
            limits={
                _MV: {"sizes": _HD + [[h, w] for w, h in _HD], "min_short_side": 1080},
                _MA: {"sizes": copy.deepcopy(_HD), "min_short_side": 1080},
            },
        ),
        "duration": _rule(
            limits={
                _MV: {"ok_max": 20.0, "warn_max": 60.0, "special_max": 90.0},
                _MA: {"ok_max": 60.0, "warn_max": 60.0, "special_max": 60.0},
            }
        ),
        "preview": _rule(),
        "duplicate": _rule("error"),
        "title": _rule("error", limits={_MA: {"max_chars": 15}}),
        "intro_length": _rule("error", limits={_MA: {"max_chars": 140}}),
        "intro_producer": _rule(differs_severity="warning", limits={_MA: {}}),
        "copy_text": _rule("error", limits={_MV: {"max_chars": 50}}),
        "copy_elements": _rule("warning", limits={_MV: {}}),
        "synopsis": _rule("error", limits=_both(max_chars=100)),
        "completed_date": _rule("error", earliest="2020-01-01"),
        "date_order": _rule("error"),
        "copyright_pledge": _rule("error"),
        "declarations": _rule("error"),
        "contacts": _rule("error"),
        "phone": _rule("error"),
        "recommender_load": _rule("warning", max_entries=2),
        "subtitle_gaps": _rule("warning", min_gap_s=0.5),
        "subtitle_lines": _rule("warning", max_lines=1),
    },
}
RULE_ORDER: Final = tuple(DEFAULT_RULES["rules"])


@dataclass(frozen=True)
class _Kind:
    """What one setting may hold: a test, the symbolic requirement shown, and its clean form."""

    accepts: Callable[[Any], bool]
    expected: str
    clean: Callable[[Any], Any] = lambda value: value
    choices: tuple[str, ...] = ()


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _count(value: Any) -> bool:
    return _number(value) and float(value).is_integer() and value >= 1


_PAIR_TEXT: Final = re.compile(r"\s*(\d+)\s*[x×X*:：/]\s*(\d+)\s*")


def parse_pair(value: Any) -> list[int] | None:
    """``[w, h]`` from a pair or from text such as "1920×1080" or "16:9"; None if neither."""
    if isinstance(value, str):
        found = _PAIR_TEXT.fullmatch(value)
        value = [int(found[1]), int(found[2])] if found else None
    if isinstance(value, list | tuple) and len(value) == 2 and all(map(_count, value)):
        return [int(v) for v in value]
    return None


def _pairs(value: Any) -> bool:
    return isinstance(value, list | tuple) and len(value) > 0 and None not in map(parse_pair, value)


def _clean_pairs(value: Any) -> list[list[int]]:
    cleaned: list[list[int]] = []
    for pair in map(parse_pair, value):
        if pair is not None and pair not in cleaned:
            cleaned.append(pair)
    return cleaned


def _subset(*allowed: str) -> _Kind:
    def accepts(value: Any) -> bool:
        return (
            isinstance(value, list | tuple)
            and len(set(value)) == len(value) <= len(allowed)
            and all(v in allowed for v in value)
        )

    return _Kind(accepts, "⊆ {" + ", ".join(allowed) + "}", list, allowed)


def _iso_date(value: Any) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _within(low: float, high: float) -> _Kind:
    return _Kind(lambda v: _number(v) and low < v <= high, f"{low:g} < x ≤ {high:g}", float)


_SEVERITY: Final = _Kind(lambda v: v in ("warning", "error"), "warning | error")
_COUNT: Final = _Kind(_count, "1, 2, 3, …", int)
_FORMAT: Final = _Kind(lambda v: v == RULES_VERSION and v is not True, f"= {RULES_VERSION}", int)
_KINDS: Final[dict[str, _Kind]] = {
    "enabled": _Kind(lambda v: isinstance(v, bool), "true | false"),
    "severity": _SEVERITY,
    "no_audio_severity": _SEVERITY,
    "other_size_severity": _SEVERITY,
    "differs_severity": _SEVERITY,
    "container.ok": _subset("mp4", "mov", "other"),
    "container.warning": _subset("mp4", "mov", "other"),
    "orientation.ok": _subset("landscape", "portrait", "square"),
    "orientation.warning": _subset("landscape", "portrait", "square"),
    "targets": _Kind(_pairs, "[[w, h], …], w, h ≥ 1", _clean_pairs),
    "sizes": _Kind(_pairs, "[[w, h], …], w, h ≥ 1", _clean_pairs),
    "tolerance": _within(0, 0.2),
    "min_short_side": _COUNT,
    "ok_max": _within(0, 3600),
    "warn_max": _within(0, 3600),
    "special_max": _within(0, 3600),
    "max_chars": _COUNT,
    "max_entries": _COUNT,
    "max_lines": _COUNT,
    "min_gap_s": _within(0, 10),
    "earliest": _Kind(_iso_date, "YYYY-MM-DD"),
    "format": _FORMAT,
}


@dataclass(frozen=True)
class RuleProblem:
    """One bad setting: where, what it holds, what it must satisfy (in symbols: any language)."""

    path: str
    value: Any
    expected: str

    def render(self) -> str:
        """``path = value (requirement)``; ∅ marks a missing setting, — an unknown one."""
        if self.expected in ("∅", "—"):
            return f"{self.path}: {self.expected}"
        shown = json.dumps(self.value, ensure_ascii=False, default=str)
        return f"{self.path} = {shown} ({self.expected})"


def setting_choices(rule: str, field: str) -> tuple[str, ...]:
    """The values a list setting picks from (file formats, orientations); () for others."""
    kind = _KINDS.get(f"{rule}.{field}")
    return kind.choices if kind else ()


def _kind(path: str) -> _Kind:
    parts = path.split(".")
    specific = f"{parts[1]}.{parts[-1]}" if len(parts) > 1 else ""
    return _KINDS[specific] if specific in _KINDS else _KINDS[parts[-1]]


def _walk(path: str, value: Any, template: Any, problems: list[RuleProblem]) -> None:
    if not isinstance(template, dict):
        kind = _kind(path)
        if not kind.accepts(value):
            problems.append(RuleProblem(path, value, kind.expected))
        return
    if not isinstance(value, Mapping):
        problems.append(RuleProblem(path or "(rules)", value, "{…}"))
        return
    prefix = f"{path}." if path else ""
    problems.extend(RuleProblem(prefix + str(k), value[k], "—") for k in value if k not in template)
    for key, sub in template.items():
        if key not in value:
            problems.append(RuleProblem(prefix + key, None, "∅"))
        else:
            _walk(prefix + key, value[key], sub, problems)


def _cross_problems(rules: Mapping[str, Any]) -> list[RuleProblem]:
    """Relations between settings: duration bands in order; a value not both ok and warning."""
    problems: list[RuleProblem] = []
    for category, band in rules["duration"]["limits"].items():
        if not band["ok_max"] <= band["warn_max"] <= band["special_max"]:
            path = f"rules.duration.limits.{category}"
            problems.append(RuleProblem(path, band, "ok_max ≤ warn_max ≤ special_max"))
    for name in ("container", "orientation"):
        for category, lists in rules[name]["limits"].items():
            if not lists["ok"] or set(lists["ok"]) & set(lists["warning"]):
                path = f"rules.{name}.limits.{category}"
                problems.append(RuleProblem(path, lists, "ok ≠ ∅, ok ∩ warning = ∅"))
    return problems


def rule_problems(candidate: Any) -> list[RuleProblem]:
    """Every problem of a candidate rule set, in path order (empty when it is valid)."""
    problems: list[RuleProblem] = []
    _walk("", candidate, DEFAULT_RULES, problems)
    return problems or _cross_problems(candidate["rules"])


def _clean(value: Any, template: Any, path: str) -> Any:
    if isinstance(template, dict):
        return {
            k: _clean(value[k], sub, f"{path}.{k}" if path else k) for k, sub in template.items()
        }
    return _kind(path).clean(value)


def validate_rules(candidate: Any) -> dict[str, Any]:
    """The cleaned rule set, or InvalidInput listing every bad setting with what it must be."""
    problems = rule_problems(candidate)
    if problems:
        raise InvalidInput(
            "error.rules_invalid",
            count=len(problems),
            path=problems[0].path,
            problems="; ".join(p.render() for p in problems),
        )
    cleaned: dict[str, Any] = _clean(candidate, DEFAULT_RULES, "")
    return cleaned
