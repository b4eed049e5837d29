"""storage/rows.py: records to rows and back — enums, JSON fields, bound values."""

from __future__ import annotations

from scoring.enums import Severity
from scoring.records.compliance import Finding, NewRuleSet, RuleSet
from scoring.storage import Database
from scoring.storage.rows import fetch_one, fetch_records, insert_new, insert_record, record_from
from tests.storage.samples import NOW


def test_insert_new_returns_the_stored_record_with_json_as_given(db: Database) -> None:
    given = NewRuleSet(
        campaign_id=1, version=3, rules={"名": ["值", 1]}, created_by="a'); --", created_at=NOW
    )
    stored = db.write(lambda c: insert_new(c, "rule_sets", given, RuleSet))
    assert stored == RuleSet(**given.__dict__, id=stored.id)


def test_fetch_records_converts_enums_and_skips_unknown_columns(db: Database) -> None:
    finding = Finding(
        entry_id=4,
        position=0,
        rule="duration",
        severity=Severity.ERROR,
        message_key="finding.x",
        params={"s": 1},
        computed_at=NOW,
    )
    db.write(lambda c: insert_record(c, "findings", finding))
    found = db.read(
        lambda c: fetch_records(
            c, Finding, "SELECT *, 42 AS not_a_field FROM findings WHERE entry_id = $e", {"e": 4}
        )
    )
    assert found == [finding]
    assert type(found[0].severity) is Severity
    assert (
        db.read(lambda c: fetch_one(c, Finding, "SELECT * FROM findings WHERE entry_id = ?", [5]))
        is None
    )


def test_record_from_a_struct_parses_json_and_enums_and_keeps_none(db: Database) -> None:
    values = {
        "entry_id": 1,
        "position": 2,
        "rule": "r",
        "severity": "warning",
        "message_key": "k",
        "params": '{"a": 1}',
        "rule_set_id": None,
        "computed_at": NOW,
        "ignored": "x",
    }
    assert record_from(Finding, values) == Finding(
        entry_id=1,
        position=2,
        rule="r",
        severity=Severity.WARNING,
        message_key="k",
        params={"a": 1},
        rule_set_id=None,
        computed_at=NOW,
    )
