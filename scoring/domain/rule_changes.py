"""Editing a compliance rule set: its settings one by one, what differs between two versions,
and how the findings of the current entries would move (the Rules page's preview)."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from scoring.domain.compliance import FindingDraft
from scoring.domain.rules import RULE_ORDER, RuleProblem, rule_problems, validate_rules
from scoring.enums import Severity

NOT_CHECKED: Final = "none"  # the rule is off, or does not apply to the entry
_ORDER: Final = (NOT_CHECKED, Severity.OK.value, Severity.WARNING.value, Severity.ERROR.value)


@dataclass(frozen=True, kw_only=True)
class RuleRow:
    """One editable setting; ``category`` is "" for a setting of the whole rule."""

    rule: str
    category: str
    field: str
    value: Any
    help_key: str


def rule_rows(rules: Mapping[str, Any]) -> list[RuleRow]:
    """Every setting of a rule set, flat, in rule order (rule name key: ``rule_name.<rule>``)."""
    rows: list[RuleRow] = []
    for name in RULE_ORDER:
        config = rules["rules"][name]
        blocks = [("", {k: v for k, v in config.items() if k != "limits"})]
        for category, limits in [*blocks, *config.get("limits", {}).items()]:
            rows.extend(
                RuleRow(rule=name, category=category, field=k, value=v, help_key=f"rule_help.{k}")
                for k, v in limits.items()
            )
    return rows


def replace_value(
    rules: Mapping[str, Any], *, rule: str, category: str, field: str, value: Any
) -> dict[str, Any]:
    """A copy of ``rules`` with one setting changed (validate it before saving)."""
    changed: dict[str, Any] = copy.deepcopy(dict(rules))
    target = changed["rules"][rule]
    if category:
        target = target["limits"][category]
    target[field] = value
    return changed


@dataclass(frozen=True, kw_only=True)
class SettingChange:
    """One setting whose value differs between two versions of the rules."""

    rule: str
    category: str
    field: str
    old: Any
    new: Any


def setting_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[SettingChange]:
    """The settings of ``after`` that differ from ``before``, in rule order."""
    old = {(r.rule, r.category, r.field): r.value for r in rule_rows(before)}
    return [
        SettingChange(rule=r.rule, category=r.category, field=r.field, old=old.get(k), new=r.value)
        for r in rule_rows(after)
        if old.get(k := (r.rule, r.category, r.field)) != r.value
    ]


@dataclass(frozen=True, kw_only=True)
class Shift:
    """Entries whose outcome moves from ``before`` to ``after`` (ok, warning, error or none):
    for one rule, or, with ``rule`` "", for the entry as a whole (its worst finding)."""

    rule: str
    before: str
    after: str
    codes: tuple[str, ...]


def _worst(drafts: Sequence[FindingDraft]) -> str:
    return max((d.severity.value for d in drafts), key=_ORDER.index, default=Severity.OK.value)


def _outcomes(drafts: Sequence[FindingDraft]) -> dict[str, str]:
    by_rule: dict[str, list[FindingDraft]] = defaultdict(list)
    for draft in drafts:
        by_rule[draft.rule].append(draft)
    return {rule: _worst(found) for rule, found in by_rule.items()} | {"": _worst(drafts)}


def finding_shifts(
    before: Mapping[str, Sequence[FindingDraft]], after: Mapping[str, Sequence[FindingDraft]]
) -> list[Shift]:
    """Per rule and per entry as a whole, which entries (by code) change outcome and how."""
    moved: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for code in sorted(before):
        old, new = _outcomes(before[code]), _outcomes(after.get(code, ()))
        for rule in {*old, *new}:
            was, now = old.get(rule, NOT_CHECKED), new.get(rule, NOT_CHECKED)
            if was != now:
                moved[(rule, was, now)].append(code)
    rank = {rule: n for n, rule in enumerate(("", *RULE_ORDER))}
    return [
        Shift(rule=rule, before=was, after=now, codes=tuple(codes))
        for (rule, was, now), codes in sorted(
            moved.items(),
            key=lambda item: (rank.get(item[0][0], len(rank)), -_ORDER.index(item[0][2])),
        )
    ]


@dataclass(frozen=True, kw_only=True)
class RulePreview:
    """What saving a candidate rule set would do, before it is saved."""

    problems: list[RuleProblem]
    changes: list[SettingChange] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)
    entries: int = 0

    def for_rule(self, rule: str) -> list[Shift]:
        """The shifts of one rule ("" for the entries as a whole)."""
        return [s for s in self.shifts if s.rule == rule]


def preview(
    current: Mapping[str, Any],
    candidate: Any,
    evaluate: Callable[[Mapping[str, Any]], Mapping[str, Sequence[FindingDraft]]],
) -> RulePreview:
    """Problems of ``candidate``; else its changes against ``current`` and the shifts they
    cause, ``evaluate`` giving each entry's findings (by code) under a rule set."""
    problems = rule_problems(candidate)
    if problems:
        return RulePreview(problems=problems)
    cleaned = validate_rules(candidate)
    changes = setting_changes(current, cleaned)
    if not changes:
        return RulePreview(problems=[])
    before = evaluate(current)
    return RulePreview(
        problems=[],
        changes=changes,
        shifts=finding_shifts(before, evaluate(cleaned)),
        entries=len(before),
    )
