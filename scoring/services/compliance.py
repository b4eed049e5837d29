"""Compliance: the campaign's versioned rule set and every entry's findings (SPEC §3).

Findings are recomputed whenever an entry, its media or the rule set changes; the checks
themselves are pure (``scoring.domain.compliance``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from scoring.domain.compliance import EntryCompliance, FindingDraft, evaluate_entry
from scoring.domain.entry_rows import entry_texts
from scoring.domain.media import MediaFacts
from scoring.domain.rule_changes import RulePreview, preview, setting_changes
from scoring.domain.rules import DEFAULT_RULES, validate_rules
from scoring.enums import EntryStage, JobStatus, Role
from scoring.errors import InvalidInput
from scoring.records.compliance import Finding, NewRuleSet, RuleSet
from scoring.records.entries import Entry
from scoring.records.media import MediaFile
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
        NewRuleSet(
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
        changes = [asdict(c) for c in setting_changes(previous.rules, cleaned)]
        if not changes:
            raise InvalidInput("error.rules_unchanged", version=previous.version)
        saved = store.add_rule_set(
            cur,
            NewRuleSet(
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
            changes=changes,
        )
        return saved

    return ctx.db.write(work)


def _facts(media: MediaFile | None) -> MediaFacts | None:
    if media is None or not media.probe:
        return None
    return MediaFacts(**media.probe)


def _duplicates(entries: list[Entry]) -> dict[int, list[str]]:
    by_hash: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.media_sha256:
            by_hash[entry.media_sha256].append(entry)
    return {e.id: [o.code for o in same if o.id != e.id] for same in by_hash.values() for e in same}


def _duplicates_by_pool(entries: list[Entry]) -> dict[int, list[str]]:
    """Each entry's same-file entries among those it is compared with: a received entry
    with every received one; a unit's draft with that unit's own works only (a draft is not
    the office's, and a unit never learns of another unit's works)."""
    received = [e for e in entries if e.stage is EntryStage.RECEIVED]
    found = _duplicates(received)
    for unit in sorted({e.unit for e in entries if e.stage is EntryStage.DRAFT}):
        drafts = {e.id for e in entries if e.unit == unit and e.stage is EntryStage.DRAFT}
        own = _duplicates([e for e in entries if e.unit == unit])
        found.update({i: codes for i, codes in own.items() if i in drafts})
    return found


def recompute_findings(
    cur: Cursor, ctx: Context, campaign_id: int, entry_ids: Iterable[int] | None = None
) -> int:
    """Re-evaluate entries (all of the campaign's by default) inside the caller's transaction.

    Every entry is checked against the others (recommender counts, duplicate files), so a
    change to one entry rechecks all of them; ``entry_ids`` only narrows what is rewritten.
    Units' drafts are checked too, against the received works (the recommender count: what
    forwarding this one would make it) and their own unit's works (duplicates). Returns how
    many of the office's works were checked (the drafts are not the office's to count).
    """
    rule_set = rules_in(cur, ctx, campaign_id)
    wanted = None if entry_ids is None else set(entry_ids)
    now = ctx.now()
    checked = _evaluate(cur, campaign_id, rule_set.rules, wanted, drafts=True)
    for entry, drafts in checked:
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
    received = [e for e, _ in checked if e.stage is EntryStage.RECEIVED]
    return len(received) if wanted is None else len(wanted)


def _evaluate(
    cur: Cursor,
    campaign_id: int,
    rules: dict[str, Any],
    wanted: set[int] | None = None,
    *,
    drafts: bool = False,
) -> list[tuple[Entry, list[FindingDraft]]]:
    """Each received entry (of ``wanted``, default all; with ``drafts`` the units' drafts
    too) with its findings under ``rules``, unsaved."""
    every = entry_store.list_all_entries(cur, campaign_id)
    received = [e for e in every if e.stage is EntryStage.RECEIVED]
    entries = every if drafts else received
    duplicates = _duplicates_by_pool(every)
    checked = []
    for entry in entries:
        if wanted is not None and entry.id not in wanted:
            continue
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        failed = media.preview_error if media and media.preview_status == JobStatus.FAILED else None
        found = evaluate_entry(
            entry=entry,
            media=_facts(media),
            rules=rules,
            siblings=received,
            duplicate_of=duplicates.get(entry.id, []),
            preview_error=failed,
        )
        checked.append((entry, found))
    return checked


def preview_rules(
    ctx: Context, *, actor: Actor, campaign_id: int, rules: dict[str, Any]
) -> RulePreview:
    """What saving ``rules`` would change (admin only): the problems of the values, else each
    changed setting and how many current entries' findings would move; nothing is written."""
    require_role(actor, Role.ADMIN)

    def work(cur: Cursor) -> RulePreview:
        stored = store.latest_rule_set(cur, campaign_id)
        current = stored.rules if stored else validate_rules(DEFAULT_RULES)
        return preview(
            current,
            rules,
            lambda r: {e.code: drafts for e, drafts in _evaluate(cur, campaign_id, dict(r))},
        )

    return ctx.db.read(work)


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

    @property
    def fields(self) -> dict[str, str]:
        """The entry's fields as the cells of the registration table (附件4), in its order."""
        return entry_texts(self.entry)


def entry_detail(ctx: Context, *, actor: Actor, entry_id: int) -> EntryDetail:
    """One entry in full (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> EntryDetail:
        entry = existing_entry(cur, entry_id)
        media = entry_store.get_media_file(cur, entry.media_sha256) if entry.media_sha256 else None
        return EntryDetail(entry, media, store.entry_findings(cur, entry_id))

    return ctx.db.read(work)


def rule_set_history(ctx: Context, *, actor: Actor, campaign_id: int) -> list[RuleSet]:
    """Every stored version of the rules, newest first (staff may read them)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.list_rule_sets(cur, campaign_id))


def ensure_findings(ctx: Context) -> int:
    """Give every campaign that has no rule set yet the default one, and check its entries
    (a database from before compliance existed gets findings on its first start)."""

    def work(cur: Cursor) -> int:
        fresh = 0
        for campaign in list_campaigns(cur):
            if store.latest_rule_set(cur, campaign.id) is None:
                rules_in(cur, ctx, campaign.id)
                recompute_findings(cur, ctx, campaign.id)
                fresh += 1
        return fresh

    return ctx.db.write(work)
