"""storage/compliance.py: rule-set versions and each entry's findings."""

from __future__ import annotations

from datetime import timedelta

from scoring.enums import EntryStage, Severity
from scoring.records.compliance import Finding, NewRuleSet
from scoring.services.context import Context
from scoring.storage import Database, compliance, entries
from tests.campaign_factory import make_campaign
from tests.conftest import T0
from tests.storage.samples import NOW, full_entry


def test_rule_set_and_findings_round_trip(db: Database) -> None:
    rules = NewRuleSet(
        campaign_id=1,
        version=1,
        rules={"duration": {"max_s": 90}},
        created_by="admin",
        created_at=NOW,
    )
    stored = db.write(lambda c: compliance.add_rule_set(c, rules))
    assert stored.__dict__ == {**rules.__dict__, "id": stored.id}
    db.write(lambda c: entries.add_entry(c, full_entry()))
    finding = Finding(
        entry_id=1,
        position=0,
        rule="duration",
        severity=Severity.WARNING,
        message_key="finding.duration_long",
        params={"seconds": 25.0},
        rule_set_id=stored.id,
        computed_at=NOW,
    )
    db.write(lambda c: compliance.replace_findings(c, 1, [finding]))
    assert db.read(lambda c: compliance.list_findings(c, 1)) == [finding]


def _finding(entry_id: int, position: int, severity: Severity, rule: str = "r") -> Finding:
    return Finding(
        entry_id=entry_id,
        position=position,
        rule=rule,
        severity=severity,
        message_key=f"finding.{rule}",
        computed_at=T0,
    )


def test_rule_sets_newest_first_and_none_before_any(ctx: Context) -> None:
    camp = make_campaign(ctx)
    assert ctx.db.read(lambda c: compliance.latest_rule_set(c, camp.campaign_id)) is None
    assert ctx.db.read(lambda c: compliance.list_rule_sets(c, camp.campaign_id)) == []
    for version in (1, 2):
        given = NewRuleSet(
            campaign_id=camp.campaign_id,
            version=version,
            rules={"v": version},
            created_by="admin",
            created_at=T0 + timedelta(minutes=version),
        )
        ctx.db.write(lambda c, g=given: compliance.add_rule_set(c, g))
    latest = ctx.db.read(lambda c: compliance.latest_rule_set(c, camp.campaign_id))
    listed = ctx.db.read(lambda c: compliance.list_rule_sets(c, camp.campaign_id))
    assert latest is not None and latest.rules == {"v": 2}
    assert [r.version for r in listed] == [2, 1]
    assert ctx.db.read(lambda c: compliance.list_rule_sets(c, camp.campaign_id + 1)) == []


def test_replace_findings_replaces_only_that_entry(ctx: Context) -> None:
    camp = make_campaign(ctx)
    a, b = camp.entry("A1"), camp.entry("B1")
    ctx.db.write(
        lambda c: compliance.replace_findings(
            c,
            a.id,
            [_finding(a.id, 1, Severity.WARNING, "late"), _finding(a.id, 0, Severity.ERROR)],
        )
    )
    ctx.db.write(
        lambda c: compliance.replace_findings(c, b.id, [_finding(b.id, 0, Severity.ERROR)])
    )
    assert [f.position for f in ctx.db.read(lambda c: compliance.entry_findings(c, a.id))] == [
        0,
        1,
    ]
    ctx.db.write(lambda c: compliance.replace_findings(c, a.id, []))
    assert ctx.db.read(lambda c: compliance.entry_findings(c, a.id)) == []
    assert ctx.db.read(lambda c: compliance.entry_findings(c, b.id)) == [
        _finding(b.id, 0, Severity.ERROR)
    ]


def test_campaign_reads_leave_out_drafts_and_count_by_severity(ctx: Context) -> None:
    camp = make_campaign(ctx)
    a, b, c_ = camp.entry("A1"), camp.entry("B1"), camp.entry("C1")
    draft = camp.entry("D1", unit="兰州大学", stage=EntryStage.DRAFT)
    given = {
        a.id: [_finding(a.id, 0, Severity.ERROR), _finding(a.id, 1, Severity.WARNING)],
        b.id: [_finding(b.id, 0, Severity.WARNING), _finding(b.id, 1, Severity.WARNING)],
        draft.id: [_finding(draft.id, 0, Severity.ERROR)],
    }
    for entry_id, found in given.items():
        ctx.db.write(lambda c, e=entry_id, f=found: compliance.replace_findings(c, e, f))
    listed = ctx.db.read(lambda c: compliance.list_findings(c, camp.campaign_id))
    assert [(f.entry_id, f.position) for f in listed] == [
        (a.id, 0),
        (a.id, 1),
        (b.id, 0),
        (b.id, 1),
    ]
    counts = ctx.db.read(lambda c: compliance.severity_counts(c, camp.campaign_id))
    assert counts == {a.id: (1, 1), b.id: (0, 2)}
    assert c_.id not in counts
    errors = ctx.db.read(lambda c: compliance.entry_ids_with_errors(c, camp.campaign_id))
    assert errors == {a.id}
