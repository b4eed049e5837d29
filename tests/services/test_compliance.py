"""Compliance through the service: versioned rules, rechecking, findings of the demo."""

from __future__ import annotations

import pytest

from scoring.domain.compliance import filter_report
from scoring.domain.rule_changes import Shift, replace_value
from scoring.enums import Severity
from scoring.errors import InvalidInput, NotAllowed
from scoring.services.compliance import (
    compliance_report,
    current_rules,
    entry_detail,
    preview_rules,
    rule_set_history,
    save_rules,
)
from scoring.services.context import Context
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import COORD, JUDGE, SHELL


def _worst(ctx: Context) -> dict[str, str]:
    return {r.entry.code: r.worst.value for r in compliance_report(ctx, actor=COORD, campaign_id=1)}


def test_demo_findings_name_the_rule_breakers(demo_ctx: Context) -> None:
    worst = _worst(demo_ctx)
    assert sorted(code for code, w in worst.items() if w == "error") == [
        "GS-2023-006",
        "GS-2023-010",
        "GS-2023-013",
    ]
    assert worst["GS-2023-005"] == "warning"  # 25 s: over 附件1's 20 s, within the main text
    detail = entry_detail(demo_ctx, actor=COORD, entry_id=6)
    bad = [(f.rule, f.severity, f.params) for f in detail.findings if f.severity is Severity.ERROR]
    assert bad == [("resolution", Severity.ERROR, bad[0][2])]
    assert bad[0][2]["width"] == 1280 and bad[0][2]["height"] == 720


def test_saving_rules_makes_a_version_and_rechecks(demo_ctx: Context) -> None:
    rules = current_rules(demo_ctx, actor=COORD, campaign_id=1)
    assert rules.version == 1
    relaxed = replace_value(
        rules.rules, rule="recommender_load", category="", field="max_entries", value=3
    )
    saved = save_rules(demo_ctx, actor=SHELL, campaign_id=1, rules=relaxed)
    assert saved.version == 2
    assert _worst(demo_ctx)["GS-2023-001"] == "ok"
    assert [s.version for s in rule_set_history(demo_ctx, actor=COORD, campaign_id=1)] == [2, 1]
    event = demo_ctx.db.read(lambda c: list_events(c, AuditFilter(action="rules.save")))[0]
    assert event.details == {
        "version": 2,
        "entries_checked": 15,  # the office's works; the units' drafts are not counted
        "changes": [
            {"rule": "recommender_load", "category": "", "field": "max_entries", "old": 2, "new": 3}
        ],
    }


def test_bad_limit_refused_with_the_reason_and_nothing_saved(demo_ctx: Context) -> None:
    rules = current_rules(demo_ctx, actor=COORD, campaign_id=1)
    broken = replace_value(
        rules.rules, rule="duration", category="micro_video", field="ok_max", value=-5
    )
    with pytest.raises(InvalidInput) as caught:
        save_rules(demo_ctx, actor=SHELL, campaign_id=1, rules=broken)
    assert caught.value.key == "error.rules_invalid"
    assert "rules.duration.limits.micro_video.ok_max = -5" in caught.value.message("en")
    assert current_rules(demo_ctx, actor=COORD, campaign_id=1).version == 1


def test_unchanged_rules_are_not_saved_again(demo_ctx: Context) -> None:
    rules = current_rules(demo_ctx, actor=COORD, campaign_id=1)
    with pytest.raises(InvalidInput) as caught:
        save_rules(demo_ctx, actor=SHELL, campaign_id=1, rules=rules.rules)
    assert caught.value.key == "error.rules_unchanged"


def test_preview_counts_entries_whose_findings_would_move_and_writes_nothing(
    demo_ctx: Context,
) -> None:
    rules = current_rules(demo_ctx, actor=COORD, campaign_id=1)
    stricter = replace_value(
        rules.rules, rule="recommender_load", category="", field="severity", value="error"
    )

    result = preview_rules(demo_ctx, actor=SHELL, campaign_id=1, rules=stricter)

    assert result.problems == []
    assert [(c.field, c.old, c.new) for c in result.changes] == [("severity", "warning", "error")]
    assert result.for_rule("recommender_load") == [
        Shift(
            rule="recommender_load",
            before="warning",
            after="error",
            codes=("GS-2023-001", "GS-2023-002", "GS-2023-003"),
        )
    ]
    assert result.entries == 15
    assert current_rules(demo_ctx, actor=COORD, campaign_id=1).version == 1
    assert _worst(demo_ctx)["GS-2023-001"] == "warning"
    with pytest.raises(NotAllowed):
        preview_rules(demo_ctx, actor=COORD, campaign_id=1, rules=stricter)


def test_only_admins_save_rules_and_judges_read_nothing(demo_ctx: Context) -> None:
    rules = current_rules(demo_ctx, actor=COORD, campaign_id=1)
    with pytest.raises(NotAllowed):
        save_rules(demo_ctx, actor=COORD, campaign_id=1, rules=rules.rules)
    for call in (
        lambda: current_rules(demo_ctx, actor=JUDGE, campaign_id=1),
        lambda: compliance_report(demo_ctx, actor=JUDGE, campaign_id=1),
        lambda: entry_detail(demo_ctx, actor=JUDGE, entry_id=1),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_filters(demo_ctx: Context) -> None:
    report = compliance_report(demo_ctx, actor=COORD, campaign_id=1)
    animations = filter_report(report, categories=["micro_animation"])
    assert [r.entry.code for r in animations] == [f"GS-2023-0{n}" for n in range(11, 16)]
    assert [r.entry.code for r in filter_report(animations, errors_only=True)] == ["GS-2023-013"]
