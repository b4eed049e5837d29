"""Compliance rule sets and findings, and coordinators' overrides."""

from __future__ import annotations

from scoring.records.compliance import Finding, NewRuleSet, RuleSet
from scoring.storage.rows import Cursor, fetch_one, fetch_records, insert_new, insert_record


def add_rule_set(cur: Cursor, rule_set: NewRuleSet) -> RuleSet:
    """Store a new version of a campaign's rules; return it with its id."""
    return insert_new(cur, "rule_sets", rule_set, RuleSet)


def latest_rule_set(cur: Cursor, campaign_id: int) -> RuleSet | None:
    """The newest rule set of a campaign, or None."""
    return fetch_one(
        cur,
        RuleSet,
        "SELECT * FROM rule_sets WHERE campaign_id = ? ORDER BY version DESC LIMIT 1",
        [campaign_id],
    )


def replace_findings(cur: Cursor, entry_id: int, findings: list[Finding]) -> None:
    """Replace every finding of one entry."""
    cur.execute("DELETE FROM findings WHERE entry_id = ?", [entry_id])
    for finding in findings:
        insert_record(cur, "findings", finding)


def list_findings(cur: Cursor, campaign_id: int) -> list[Finding]:
    """Every finding of a campaign's received entries (units' drafts left out)."""
    return fetch_records(
        cur,
        Finding,
        "SELECT f.* FROM findings f JOIN entries e ON e.id = f.entry_id"
        " WHERE e.campaign_id = ? AND e.stage = 'received' ORDER BY f.entry_id, f.position",
        [campaign_id],
    )


def entry_findings(cur: Cursor, entry_id: int) -> list[Finding]:
    """One entry's findings, in the rule set's order."""
    return fetch_records(
        cur, Finding, "SELECT * FROM findings WHERE entry_id = ? ORDER BY position", [entry_id]
    )


def severity_counts(cur: Cursor, campaign_id: int) -> dict[int, tuple[int, int]]:
    """Entry id → (errors, warnings) of each entry of a campaign that has findings."""
    rows = cur.execute(
        "SELECT f.entry_id, count(*) FILTER (WHERE f.severity = 'error'),"
        " count(*) FILTER (WHERE f.severity = 'warning')"
        " FROM findings f JOIN entries e ON e.id = f.entry_id"
        " WHERE e.campaign_id = ? AND e.stage = 'received'"
        " GROUP BY f.entry_id",
        [campaign_id],
    ).fetchall()
    return {int(e): (int(errors), int(warnings)) for e, errors, warnings in rows}


def list_rule_sets(cur: Cursor, campaign_id: int) -> list[RuleSet]:
    """Every version of a campaign's rules, newest first."""
    return fetch_records(
        cur,
        RuleSet,
        "SELECT * FROM rule_sets WHERE campaign_id = ? ORDER BY version DESC",
        [campaign_id],
    )


def entry_ids_with_errors(cur: Cursor, campaign_id: int) -> set[int]:
    """Entries of a campaign with at least one error finding."""
    rows = cur.execute(
        "SELECT DISTINCT f.entry_id FROM findings f JOIN entries e ON e.id = f.entry_id"
        " WHERE e.campaign_id = ? AND e.stage = 'received' AND f.severity = 'error'",
        [campaign_id],
    ).fetchall()
    return {int(r[0]) for r in rows}
