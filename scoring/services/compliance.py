"""Compliance: the campaign's versioned rule set and every entry's findings (SPEC §3).

Findings are recomputed whenever an entry, its media or the rule set changes; the checks
themselves are pure (``scoring.domain.compliance``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from scoring.domain.compliance import evaluate_entry
from scoring.domain.media import MediaFacts
from scoring.domain.rules import DEFAULT_RULES, replace_value, rule_problems, validate_rules
from scoring.enums import Role, Severity
from scoring.errors import InvalidInput
from scoring.records import Entry, EntryHead, Finding, MediaFile, RuleSet
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries.listing import existing_entry
from scoring.storage import compliance as store
from scoring.storage import entries as entry_store
from scoring.storage.campaigns import list_campaigns
from scoring.storage.rows import Cursor


def rules_in(cur: Cursor, ctx: Context, campaign_id: int) -> RuleSet:
    """The campaign's current rule set; version 1 (the default) is stored on first use."""
    current = store.latest_rule_set(cur, campaign_id)
    if current is not None:
        return current
    return store.add_rule_set(
        cur,
        RuleSet(
            campaign_id=campaign_id,
            version=1,
            rules=validate_rules(DEFAULT_RULES),
            created_by="system",
            created_at=ctx.now(),
        ),
    )


def current_rules(ctx: Context, *, actor: Actor, campaign_id: int) -> RuleSet:
    """The rule set in force (staff may read it)."""
    require_role(actor, *STAFF)
    return ctx.db.write(lambda cur: rules_in(cur, ctx, campaign_id))


def save_rules(ctx: Context, *, actor: Actor, campaign_id: int, rules: dict[str, Any]) -> RuleSet:
    """Store a new version of the rules (admin only) and recheck every entry with it."""
    require_role(actor, Role.ADMIN)
    cleaned = validate_rules(rules)

    def work(cur: Cursor) -> RuleSet:
        ensure_writable(cur, campaign_id)
        previous = rules_in(cur, ctx, campaign_id)
        if previous.rules == cleaned:
            raise InvalidInput("error.rules_unchanged", version=previous.version)
        saved = store.add_rule_set(
            cur,
            RuleSet(
                campaign_id=campaign_id,
                version=previous.version + 1,
                rules=cleaned,
                created_by=actor.name,
                created_at=ctx.now(),
            ),
        )
        checked = recompute_findings(cur, ctx, campaign_id)
        audit(
            cur,
            ctx,
            actor=actor.name,
            action="rules.save",
            campaign_id=campaign_id,
            version=saved.version,
            entries_checked=checked,
        )
        return saved

    return ctx.db.write(work)


def problems_in(rules: Any) -> list[str]:
    """Every problem of a candidate rule set, rendered (empty when it is valid)."""
    return [p.render() for p in rule_problems(rules)]


def _facts(media: MediaFile | None) -> MediaFacts | None:
    if media is None or not media.probe:
        return None
    return MediaFacts(**media.probe)


def _duplicates(entries: list[Entry]) -> dict[int, list[str]]:
    by_hash: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.media_sha256:
            by_hash[entry.media_sha256].append(entry)
    return {
        e.id or 0: [o.code for o in same if o.id != e.id] for same in by_hash.values() for e in same
    }


def recompute_findings(
    cur: Cursor, ctx: Context, campaign_id: int, entry_ids: Iterable[int] | None = None
) -> int:
    """Re-evaluate entries (all of the campaign's by default) inside the caller's transaction.

    Every entry is checked against the others (recommender counts, duplicate files), so a
    change to one entry rechecks all of them; ``entry_ids`` only narrows what is rewritten.
    """
    rule_set = rules_in(cur, ctx, campaign_id)
    entries = entry_store.list_entries(cur, campaign_id)
    wanted = None if entry_ids is None else set(entry_ids)
    duplicates = _duplicates(entries)
    now = ctx.now()
    for entry in entries:
        if entry.id is None or (wanted is not None and entry.id not in wanted):
            continue
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        drafts = evaluate_entry(
            entry=entry,
            media=_facts(media),
            rules=rule_set.rules,
            siblings=entries,
            duplicate_of=duplicates.get(entry.id, []),
            preview_error=media.preview_error
            if media and media.preview_status == "failed"
            else None,
        )
        store.replace_findings(
            cur,
            entry.id,
            [
                Finding(
                    entry_id=entry.id,
                    position=n,
                    rule=d.rule,
                    severity=d.severity,
                    message_key=d.message_key,
                    params=d.params,
                    rule_set_id=rule_set.id,
                    computed_at=now,
                )
                for n, d in enumerate(drafts)
            ],
        )
    return len(entries) if wanted is None else len(wanted)


@dataclass(frozen=True)
class EntryCompliance:
    """One entry (its heading) with how many of its findings are errors and warnings."""

    entry: EntryHead
    errors: int = 0
    warnings: int = 0

    @property
    def worst(self) -> Severity:
        """error > warning > ok."""
        if self.errors:
            return Severity.ERROR
        return Severity.WARNING if self.warnings else Severity.OK

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity`` (errors and warnings are counted)."""
        return {Severity.ERROR: self.errors, Severity.WARNING: self.warnings}.get(severity, 0)


def compliance_report(ctx: Context, *, actor: Actor, campaign_id: int) -> list[EntryCompliance]:
    """Every entry of the campaign with its error and warning counts (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> list[EntryCompliance]:
        counts = store.severity_counts(cur, campaign_id)
        return [
            EntryCompliance(entry, *counts.get(entry.id, (0, 0)))
            for entry in entry_store.list_entry_heads(cur, campaign_id)
        ]

    return ctx.db.read(work)


def entries_with_errors(cur: Cursor, campaign_id: int) -> set[int]:
    """Entries that have at least one error finding (they cannot be shortlisted)."""
    return store.entry_ids_with_errors(cur, campaign_id)


@dataclass(frozen=True)
class EntryDetail:
    """An entry with its stored media facts and findings (the Compliance page's detail)."""

    entry: Entry
    media: MediaFile | None
    findings: list[Finding]


def entry_detail(ctx: Context, *, actor: Actor, entry_id: int) -> EntryDetail:
    """One entry in full (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> EntryDetail:
        entry = existing_entry(cur, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        findings = store.entry_findings(cur, entry_id)
        return EntryDetail(entry, media, findings)

    return ctx.db.read(work)


def rule_set_history(ctx: Context, *, actor: Actor, campaign_id: int) -> list[RuleSet]:
    """Every stored version of the rules, newest first (staff may read them)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.list_rule_sets(cur, campaign_id))


def filter_report(
    report: list[EntryCompliance],
    *,
    errors_only: bool = False,
    categories: Iterable[str] = (),
    recommender: str = "",
) -> list[EntryCompliance]:
    """The entries the Compliance page's filters keep (empty filters keep everything)."""
    wanted = set(categories)
    return [
        r
        for r in report
        if (not errors_only or r.worst is Severity.ERROR)
        and (not wanted or r.entry.category.value in wanted)
        and (not recommender or r.entry.recommender == recommender)
    ]


def value_text(value: Any) -> str:
    """How a rule setting is shown for editing (JSON, Chinese kept)."""
    return json.dumps(value, ensure_ascii=False)


def apply_edits(
    rules: dict[str, Any], edits: Iterable[tuple[str, str, str, str]]
) -> dict[str, Any]:
    """A copy of ``rules`` with settings typed as text replaced: (rule, category, field, text).

    Text that is not JSON is taken as a plain string (e.g. a date or a severity word);
    ``validate_rules`` then says what is wrong with any value.
    """
    changed = rules
    for rule, category, field, text in edits:
        try:
            value: Any = json.loads(text)
        except json.JSONDecodeError:
            value = text.strip()
        changed = replace_value(changed, rule=rule, category=category, field=field, value=value)
    return changed


def ensure_findings(ctx: Context) -> int:
    """Give every campaign that has no rule set yet the default one, and check its entries
    (a database from before compliance existed gets findings on its first start)."""

    def work(cur: Cursor) -> int:
        fresh = 0
        for campaign in list_campaigns(cur):
            if campaign.id is not None and store.latest_rule_set(cur, campaign.id) is None:
                rules_in(cur, ctx, campaign.id)
                recompute_findings(cur, ctx, campaign.id)
                fresh += 1
        return fresh

    return ctx.db.write(work)
