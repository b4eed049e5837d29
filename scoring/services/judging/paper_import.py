"""Importing a table of paper score sheets (issue 7 §6, CSV/XLSX): all or nothing.

Any row problem and nothing is written; the same bytes imported before: nothing is done.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from scoring.domain.paper import SheetCheck, SheetFacts, check_score_rows
from scoring.domain.paper_cells import map_score_headers
from scoring.errors import InvalidInput
from scoring.i18n import DEFAULT_LANGUAGE, translate
from scoring.records.campaigns import Campaign
from scoring.records.views import ImportRecord, NewImportRecord
from scoring.services.campaigns.active import active_campaign
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.judging._paper_rows import open_campaign, sheet_facts, store_row
from scoring.storage import imports as import_log
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
    if campaign is None:
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
    campaign = open_campaign(cur, ctx, campaign_id)
    facts = sheet_facts(cur, campaign_id)
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
    record = _log_import(cur, ctx, actor, report, campaign_id=campaign.id)
    via = {"via": "import", "import_id": record.id, "sha256": report.sha256}
    for row in report.check.rows:
        store_row(cur, ctx, actor, row, campaign=campaign, facts=facts, via=via)
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="scores.import",
        target=report.file_name,
        campaign_id=campaign.id,
        import_id=record.id,
        sha256=report.sha256,
        **report.counts(),
    )


def _log_import(
    cur: Cursor, ctx: Context, actor: Actor, report: ScoreImportReport, *, campaign_id: int
) -> ImportRecord:
    """The file's line in the import log: its hash makes a second import of it a no-op."""
    counts = report.counts()
    return import_log.add_import(
        cur,
        NewImportRecord(
            campaign_id=campaign_id,
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
