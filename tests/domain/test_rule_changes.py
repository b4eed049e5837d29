"""Editing a rule set: its settings flat, what changed, how findings move (the preview)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scoring.domain.compliance import FindingDraft
from scoring.domain.rule_changes import (
    NOT_CHECKED,
    RuleRow,
    SettingChange,
    Shift,
    finding_shifts,
    preview,
    replace_value,
    rule_rows,
    setting_changes,
)
from scoring.domain.rules import DEFAULT_RULES, validate_rules
from scoring.enums import Severity


def test_rule_rows_list_every_setting_flat_in_rule_order() -> None:
    rows = rule_rows(DEFAULT_RULES)

    assert rows[:3] == [
        RuleRow(
            rule="media", category="", field="enabled", value=True, help_key="rule_help.enabled"
        ),
        RuleRow(
            rule="container", category="", field="enabled", value=True, help_key="rule_help.enabled"
        ),
        RuleRow(
            rule="container",
            category="micro_video",
            field="ok",
            value=["mp4"],
            help_key="rule_help.ok",
        ),
    ]
    assert len(rows) == 74
    duration = [(r.category, r.field, r.value) for r in rows if r.rule == "duration"]
    assert duration[1:4] == [
        ("micro_video", "ok_max", 20.0),
        ("micro_video", "warn_max", 60.0),
        ("micro_video", "special_max", 90.0),
    ]


def test_replace_value_changes_a_copy_only() -> None:
    changed = replace_value(
        DEFAULT_RULES, rule="title", category="micro_animation", field="max_chars", value=20
    )
    disabled = replace_value(DEFAULT_RULES, rule="phone", category="", field="enabled", value=False)

    assert changed["rules"]["title"]["limits"]["micro_animation"]["max_chars"] == 20
    assert disabled["rules"]["phone"]["enabled"] is False
    assert DEFAULT_RULES["rules"]["title"]["limits"]["micro_animation"]["max_chars"] == 15
    assert validate_rules(changed) == changed


def _draft(rule: str, severity: Severity) -> FindingDraft:
    return FindingDraft(rule=rule, severity=severity, message_key="x", params={})


OK, WARNING, ERROR = Severity.OK, Severity.WARNING, Severity.ERROR


def test_setting_changes_name_each_changed_setting_with_old_and_new() -> None:
    changed = replace_value(
        DEFAULT_RULES, rule="container", category="micro_video", field="ok", value=["mp4", "mov"]
    )
    changed = replace_value(changed, rule="phone", category="", field="enabled", value=False)

    assert setting_changes(DEFAULT_RULES, changed) == [
        SettingChange(
            rule="container", category="micro_video", field="ok", old=["mp4"], new=["mp4", "mov"]
        ),
        SettingChange(rule="phone", category="", field="enabled", old=True, new=False),
    ]
    assert setting_changes(DEFAULT_RULES, DEFAULT_RULES) == []


def test_finding_shifts_per_rule_and_per_entry_worst_first() -> None:
    before = {
        "A": [_draft("container", OK), _draft("phone", OK)],
        "B": [_draft("container", WARNING), _draft("phone", OK)],
        "C": [_draft("container", WARNING), _draft("phone", ERROR)],
    }
    after = {
        "A": [_draft("container", ERROR)],
        "B": [_draft("container", ERROR)],
        "C": [_draft("container", WARNING)],
    }

    assert finding_shifts(before, after) == [
        Shift(rule="", before="ok", after="error", codes=("A",)),
        Shift(rule="", before="warning", after="error", codes=("B",)),
        Shift(rule="", before="error", after="warning", codes=("C",)),
        Shift(rule="container", before="ok", after="error", codes=("A",)),
        Shift(rule="container", before="warning", after="error", codes=("B",)),
        Shift(rule="phone", before="ok", after=NOT_CHECKED, codes=("A", "B")),
        Shift(rule="phone", before="error", after=NOT_CHECKED, codes=("C",)),
    ]


def _evaluator(
    outcomes: Mapping[str, Severity],
) -> Any:
    """Entry X's container finding: warning under the default, else what ``outcomes`` says."""

    def evaluate(rules: Mapping[str, Any]) -> Mapping[str, Sequence[FindingDraft]]:
        allowed = rules["rules"]["container"]["limits"]["micro_video"]["ok"]
        return {
            code: [_draft("container", OK if "mov" in allowed else s)]
            for code, s in outcomes.items()
        }

    return evaluate


def test_preview_counts_what_a_change_would_move() -> None:
    candidate = replace_value(
        DEFAULT_RULES, rule="container", category="micro_video", field="ok", value=["mp4", "mov"]
    )
    candidate["rules"]["container"]["limits"]["micro_video"]["warning"] = []

    result = preview(DEFAULT_RULES, candidate, _evaluator({"X": WARNING, "Y": OK}))

    assert result.problems == []
    assert [c.field for c in result.changes] == ["ok", "warning"]
    assert result.for_rule("container") == [
        Shift(rule="container", before="warning", after="ok", codes=("X",))
    ]
    assert result.entries == 2


def test_preview_reports_problems_and_moves_nothing() -> None:
    candidate = replace_value(
        DEFAULT_RULES, rule="duration", category="micro_video", field="ok_max", value=75.0
    )

    result = preview(DEFAULT_RULES, candidate, _evaluator({"X": WARNING}))

    assert [p.path for p in result.problems] == ["rules.duration.limits.micro_video"]
    assert (result.changes, result.shifts) == ([], [])


def test_sizes_and_ratios_may_be_typed_as_text() -> None:
    candidate = replace_value(
        DEFAULT_RULES,
        rule="resolution",
        category="micro_animation",
        field="sizes",
        value=["1920×1080", "3840x2160", [1920, 1080], " 2560 * 1440 "],
    )
    candidate = replace_value(
        candidate, rule="aspect", category="micro_animation", field="targets", value=["16:9"]
    )

    cleaned = validate_rules(candidate)

    limits = cleaned["rules"]["resolution"]["limits"]["micro_animation"]
    assert limits["sizes"] == [[1920, 1080], [3840, 2160], [2560, 1440]]
    assert cleaned["rules"]["aspect"]["limits"]["micro_animation"]["targets"] == [[16, 9]]
    bad = replace_value(
        candidate, rule="resolution", category="micro_animation", field="sizes", value=["1920"]
    )
    assert preview(DEFAULT_RULES, bad, _evaluator({})).problems[0].path == (
        "rules.resolution.limits.micro_animation.sizes"
    )
