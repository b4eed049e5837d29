"""Paper score sheets (issue 7 §6): staff enter one judge's signed sheet, or import a
table of them. Each card is marked source='paper' with who entered it; watch coverage
does not apply. An import is all or nothing: any row problem and nothing is written."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from scoring.domain.marks import check_marks
from scoring.domain.paper import (
    JudgeRef,
    PaperRow,
    Sheet,
    SheetCheck,
    SheetFacts,
    check_score_rows,
    map_score_headers,
    paper_row,
)
from scoring.domain.views import local_time_text
from scoring.enums import Role, ScorecardSource, ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.i18n import DEFAULT_LANGUAGE, translate
from scoring.records import AuditEvent, Campaign, EntryHead, ImportRecord, Scorecard
from scoring.services.campaigns.active import active_campaign
from scoring.services.context import STAFF, Actor, Context, audit_event, require_role
from scoring.services.entries.listing import existing_entry
from scoring.services.judging._card_edit import CardEdit, check_complete, is_closed, store_edits
from scoring.storage import assignments as assignment_store
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as entry_store
from scoring.storage import imports as import_log
from scoring.storage import rubric as rubric_store
from scoring.storage import scorecards as store
from scoring.storage import users as user_store
from scoring.storage.audit import append_events
from scoring.storage.rows import Cursor
from scoring.tables.reading import Table, read_table

KIND = "scores"  # imports.kind


@dataclass(frozen=True, kw_only=True)
class ScoreImportReport:
    """The outcome of one import (or dry run): the checked rows and every problem.

    ``accepted``: no row problem, so the file is (or, in a dry run, would be) written.
    ``already_imported``: the same bytes were imported before; nothing was done.
    """

    file_name: str
    sha256: str
    check: SheetCheck
    dry_run: bool = False
    already_imported: ImportRecord | None = None

    @property
    def accepted(self) -> bool:
        """Every row is good (an already imported file is not accepted again)."""
        return self.already_imported is None and not self.check.problems

    @property
    def written(self) -> bool:
        """The rows were stored by this call."""
        return self.accepted and not self.dry_run

    def counts(self) -> dict[str, int]:
        """rows_read = new + updated + unchanged + rejected; submitted counts good rows."""
        outcomes = [r.outcome for r in self.check.rows]
        return {
            "rows_read": self.check.rows_read,
            "new": outcomes.count("new"),
            "updated": outcomes.count("update"),
            "unchanged": outcomes.count("unchanged"),
            "submitted": sum(r.submitted for r in self.check.rows),
            "rejected": self.check.rejected,
        }

    def to_json(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The ``scores import --json`` document."""
        earlier = self.already_imported
        return {
            "file": self.file_name,
            "sha256": self.sha256,
            **self.counts(),
            "accepted": self.accepted,
            "written": self.written,
            "dry_run": self.dry_run,
            "already_imported": None if earlier is None else asdict(earlier),
            "rows": [asdict(r) for r in self.check.rows],
            "problems": [
                {**asdict(p), "reason": translate(p.key, lang, **p.params)}
                for p in self.check.problems
            ],
        }


@dataclass(frozen=True, kw_only=True)
class PaperChoices:
    """What the entry form offers: judges, entries, the rubric, who may score what."""

    facts: SheetFacts
    entries: list[EntryHead]

    def entries_for(self, judge_id: int) -> list[EntryHead]:
        """Entries the judge is assigned and not conflicted with."""
        return [e for e in self.entries if _allowed(self.facts, judge_id, e.id)]

    def first_open(self, judge_id: int) -> int:
        """Position in ``entries_for`` of the first entry without a submitted card (or 0)."""
        entries = self.entries_for(judge_id)
        open_ = [i for i, e in enumerate(entries) if not _submitted(self.card(judge_id, e.id))]
        return open_[0] if open_ else 0

    def card(self, judge_id: int, entry_id: int) -> Scorecard | None:
        """The judge's card for the entry, if any."""
        return self.facts.cards.get((judge_id, entry_id))


def _submitted(card: Scorecard | None) -> bool:
    return card is not None and card.status is ScorecardStatus.SUBMITTED


def _allowed(facts: SheetFacts, judge_id: int, entry_id: int) -> bool:
    pair = (judge_id, entry_id)
    return pair in facts.assigned and pair not in facts.conflicts


def _facts(
    cur: Cursor,
    campaign_id: int,
    heads: list[EntryHead] | None = None,
    judge_id: int | None = None,
) -> SheetFacts:
    """Everything a sheet is checked against, read in the caller's transaction (with
    ``judge_id``, only that judge's cards)."""
    heads = entry_store.list_entry_heads(cur, campaign_id) if heads is None else heads
    return SheetFacts(
        criteria=rubric_store.list_criteria(cur, campaign_id),
        judges=[
            JudgeRef(user_id=u.id or 0, username=u.username, display_name=u.display_name)
            for u in user_store.list_users(cur, role=Role.JUDGE)
        ],
        entries={e.code: e.id for e in heads},
        assigned=assignment_store.assigned_pairs(cur, campaign_id),
        conflicts={
            (c.judge_id, c.entry_id): c.kind
            for c in assignment_store.list_conflicts(cur, campaign_id)
        },
        cards={
            (c.judge_id, c.entry_id): c
            for c in store.list_scorecards(cur, campaign_id, judge_id=judge_id)
        },
    )


def _open_campaign(cur: Cursor, ctx: Context, campaign_id: int) -> Campaign:
    campaign = campaign_store.get_campaign(cur, campaign_id)
    if campaign is None:
        raise NotFound("error.campaign_unknown", campaign=campaign_id)
    if is_closed(campaign, ctx.now()):
        deadline = campaign.scoring_deadline or campaign.archived_at
        zone = ctx.settings.timezone
        raise InvalidInput(
            "error.scoring_closed", deadline=local_time_text(deadline, zone) if deadline else "—"
        )
    return campaign


def paper_choices(
    ctx: Context, *, actor: Actor, campaign_id: int, judge_id: int | None = None
) -> PaperChoices:
    """Judges, entries, rubric and existing cards for the entry form (staff only); with
    ``judge_id`` only that judge's cards (a national round has tens of thousands)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> PaperChoices:
        heads = entry_store.list_entry_heads(cur, campaign_id)
        return PaperChoices(facts=_facts(cur, campaign_id, heads, judge_id), entries=heads)

    return ctx.db.read(work)


def enter_paper_scorecard(
    ctx: Context,
    *,
    actor: Actor,
    judge_id: int,
    entry_id: int,
    marks: Mapping[str, float | None],
    comment: str = "",
    submitted: bool,
) -> Scorecard:
    """Store one judge's paper sheet for one entry, as a draft or submitted (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> Scorecard:
        entry = existing_entry(cur, entry_id)
        campaign = _open_campaign(cur, ctx, entry.campaign_id)
        facts = _facts(cur, entry.campaign_id)
        judge = next((j for j in facts.judges if j.user_id == judge_id), None)
        if judge is None:
            raise NotFound("paper.unknown_judge", value=judge_id)
        check_marks(marks, [c.key for c in facts.criteria])
        full = {c.key: marks.get(c.key) for c in facts.criteria}
        sheet = Sheet(marks=full, comment=comment, submitted=submitted)
        try:
            row = paper_row(judge, (entry.code, entry_id), sheet, facts=facts, line=0)
        except InvalidInput as refused:  # a form names one card: refusing it is a permission
            raise NotAllowed(refused.key, **refused.params) from None
        done = _paper_edit(
            cur, ctx, actor, row, campaign=campaign, facts=facts, via={"via": "form"}
        )
        if done is not None:
            store_edits(cur, [done[0]])
            append_events(cur, [done[1]])
        found = store.scorecard_for(cur, judge_id, entry_id)
        assert found is not None
        return found

    return ctx.db.write(work)


def _paper_edit(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    row: PaperRow,
    *,
    campaign: Campaign,
    facts: SheetFacts,
    via: Mapping[str, object],
) -> tuple[CardEdit, AuditEvent] | None:
    """One checked row's edit: create or take over the card, marks, comment, then lock;
    None when the row changes nothing.

    Paper has no watch coverage: a taken-over app draft loses its share (kept in history).
    """
    if row.outcome == "unchanged":
        return None
    now = ctx.now()
    found = facts.cards.get((row.judge_id, row.entry_id))
    card = found or Scorecard(
        campaign_id=campaign.id or 0,
        judge_id=row.judge_id,
        entry_id=row.entry_id,
        created_at=now,
        updated_at=now,
    )
    edit = CardEdit(card=card, by=actor.name, now=now)
    paper = ScorecardSource.PAPER
    fields = []
    if found is None or found.source is not paper:
        edit.note("source", None if found is None else found.source.value, paper.value)
        fields.append("source")
    if card.watch_share is not None:
        edit.note("watch_share", card.watch_share, None)
        fields.append("watch_share")
    edit.set(source=paper, entered_by=actor.user_id, watch_share=None, watch_ranges=None)
    fields += edit.marks_and_comment(row.marks, row.comment)
    if row.submitted:
        check_complete(edit.card, facts.criteria, campaign)
        edit.lock()
        fields.append("status")
    event = audit_event(
        ctx,
        actor=actor.name,
        action="score.paper",
        target=row.code,
        campaign_id=campaign.id,
        judge=row.judge,
        judge_id=row.judge_id,
        submitted=row.submitted,
        fields=fields,
        **via,
    )
    return edit, event


def import_scores(
    ctx: Context, *, actor: Actor, data: bytes, file_name: str, dry_run: bool = False
) -> ScoreImportReport:
    """Import a table of paper sheets (CSV/XLSX) into the active campaign (staff only).

    All or nothing: any row problem and nothing is written; the report lists them all.
    The same bytes imported before: nothing is done and the report says so. File-level
    problems (encoding, headers, no rows, closed campaign) raise InvalidInput.
    """
    require_role(actor, *STAFF)
    campaign = active_campaign(ctx)
    if campaign is None or campaign.id is None:
        raise InvalidInput("paper.no_campaign")
    table = read_table(data, file_name=file_name)
    job = _Job(file_name=file_name, digest=hashlib.sha256(data).hexdigest(), dry_run=dry_run)
    work = partial(_import, ctx=ctx, actor=actor, campaign_id=campaign.id, table=table, job=job)
    return (ctx.db.read if dry_run else ctx.db.write)(work)


@dataclass(frozen=True, kw_only=True)
class _Job:
    file_name: str
    digest: str  # sha256 of the bytes
    dry_run: bool


def _import(
    cur: Cursor,
    *,
    ctx: Context,
    actor: Actor,
    campaign_id: int,
    table: Table,
    job: _Job,
) -> ScoreImportReport:
    """Check the file against the store and, unless a dry run, write it: one transaction."""
    earlier = import_log.find_import(cur, campaign_id=campaign_id, kind=KIND, sha256=job.digest)
    if earlier is not None:
        nothing = SheetCheck(rows=(), problems=(), rows_read=0)
        return ScoreImportReport(
            file_name=job.file_name,
            sha256=job.digest,
            check=nothing,
            dry_run=job.dry_run,
            already_imported=earlier,
        )
    campaign = _open_campaign(cur, ctx, campaign_id)
    facts = _facts(cur, campaign_id)
    check = check_score_rows(
        table.rows, columns=map_score_headers(table.headers, facts.criteria), facts=facts
    )
    report = ScoreImportReport(
        file_name=job.file_name, sha256=job.digest, check=check, dry_run=job.dry_run
    )
    if report.written:
        _write(cur, ctx, actor, report, campaign=campaign, facts=facts)
    return report


def _write(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    report: ScoreImportReport,
    *,
    campaign: Campaign,
    facts: SheetFacts,
) -> None:
    """Log the file, store every row, and add the import's audit line (one transaction)."""
    assert campaign.id is not None
    counts = report.counts()
    record = import_log.add_import(
        cur,
        ImportRecord(
            campaign_id=campaign.id,
            kind=KIND,
            file_name=report.file_name,
            sha256=report.sha256,
            rows_read=counts["rows_read"],
            rows_imported=counts["new"] + counts["updated"],
            rows_duplicate=counts["unchanged"],
            rows_rejected=0,
            username=actor.name,
            imported_at=ctx.now(),
        ),
    )
    via = {"via": "import", "import_id": record.id, "sha256": report.sha256}
    done = [
        edit
        for row in report.check.rows
        if (edit := _paper_edit(cur, ctx, actor, row, campaign=campaign, facts=facts, via=via))
    ]
    store_edits(cur, [e for e, _ in done])  # every row's card in one statement per table
    events = [event for _, event in done]
    events.append(
        audit_event(
            ctx,
            actor=actor.name,
            action="scores.import",
            target=report.file_name,
            campaign_id=campaign.id,
            import_id=record.id,
            sha256=report.sha256,
            **counts,
        )
    )
    append_events(cur, events)
