"""Importing viewing figures (SPEC §5, §8 ``views import``): all or nothing unless told.

The file is staged (``views._staging``), checked in SQL against itself and the stored
snapshots, reported (``views.report``) and, when accepted, written with its log line and
audit line, all in one transaction. A refused file writes nothing, not even a log line.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from scoring.errors import InvalidInput
from scoring.i18n import DEFAULT_LANGUAGE
from scoring.records import Campaign, ImportRecord
from scoring.services.campaigns.active import active_campaign, ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.views._staging import (
    Staged,
    cell_parsers,
    lines_after_header,
    stage_file,
)
from scoring.services.views.report import (
    ViewImportReport,
    collect_problems,
    rejected_rows_csv,
    tally,
)
from scoring.storage import entries as entry_store
from scoring.storage import imports as import_log
from scoring.storage import view_staging as staging
from scoring.storage.rows import Cursor


def import_views(
    ctx: Context,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    skip_bad: bool = False,
    replace: bool = False,
    dry_run: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> ViewImportReport:
    """Import a views table (CSV/XLSX) into the active campaign (staff only).

    Atomic by default: any row problem and nothing is written. ``skip_bad`` writes the good
    rows and returns the rejected ones as CSV (reasons in ``lang``); ``replace`` lets a row
    replace a stored one with other counts; ``dry_run`` checks and counts only. The same
    bytes imported before: nothing is done and the report says so. File-level problems
    (encoding, headers, …) raise InvalidInput.
    """
    require_role(actor, *STAFF)
    campaign = active_campaign(ctx)
    if campaign is None:
        raise InvalidInput("views.no_campaign")
    run = ctx.db.read if dry_run else ctx.db.write
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Both are ready by the time the file is staged (hashlib lets go of the GIL).
        digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        lines = pool.submit(lines_after_header, data)
        job = _Import(
            ctx=ctx,
            actor=actor,
            campaign=campaign,
            data=data,
            file_name=file_name,
            digest=digest,
            lines=lines,
            skip_bad=skip_bad,
            replace=replace,
            dry_run=dry_run,
            lang=lang,
        )
        try:
            return run(partial(job.run, bulk=True))
        except staging.CsvRefused:
            # The refusal spoilt that transaction; read the file the exact way in a new one.
            return run(partial(job.run, bulk=False))


@dataclass(frozen=True, kw_only=True)
class _Import:
    """One import request; ``run`` is the unit of work (retried whole on a conflict)."""

    ctx: Context
    actor: Actor
    campaign: Campaign
    data: bytes
    file_name: str
    digest: Future[str]
    lines: Future[int]
    skip_bad: bool
    replace: bool
    dry_run: bool
    lang: str

    def run(self, cur: Cursor, *, bulk: bool) -> ViewImportReport:
        ensure_writable(cur, self.campaign.id or 0)
        campaign_id = self.campaign.id
        assert campaign_id is not None
        codes = {e.code: e.id for e in entry_store.list_entries(cur, campaign_id) if e.id}
        parsers = cell_parsers(
            codes,
            now=self.ctx.now(),
            start=self.campaign.starts_at,
            zone=self.ctx.settings.timezone,
        )
        staged = stage_file(
            cur, self.data, self.file_name, parsers, bulk=bulk, lines=self.lines.result
        )
        digest = self.digest.result()
        found = import_log.find_import(cur, campaign_id=campaign_id, kind="views", sha256=digest)
        if found is not None:
            report = ViewImportReport(
                file_name=self.file_name,
                sha256=digest,
                dry_run=self.dry_run,
                already_imported=found,
            )
        else:
            report = self._check(cur, staged, digest)
            if report.written:
                self._write(cur, report)
        staging.drop_staging(cur)
        return report

    def _check(self, cur: Cursor, staged: Staged, digest: str) -> ViewImportReport:
        """Compare the staged rows with each other and the store; count; list problems."""
        assert self.campaign.id is not None
        mapped = {f for f, found in staged.refused.items() if found is not None}
        refusing = {f for f, found in staged.refused.items() if found}
        staging.type_rows(cur, staged.columns, mapped=mapped, refusing=refusing)
        staging.group_rows(cur)
        staging.compare_stored(cur, list(staged.columns))
        counts = staging.staged_counts(cur, any_bad=bool(refusing))
        if counts.rows == 0:
            raise InvalidInput("table.no_rows", file=self.file_name)
        problems = collect_problems(
            cur,
            headers=staged.headers,
            columns=staged.columns,
            refused={f: found for f, found in staged.refused.items() if found},
            replace=self.replace,
        )
        rows = tally(counts, replace=self.replace)
        assert rows.rejected == len({p.line for p in problems})
        accepted = (not problems or self.skip_bad) and rows.imported + rows.duplicate > 0
        rejected = (  # only skip_bad sets rows aside; building it costs seconds per 100 000
            rejected_rows_csv(cur, headers=staged.headers, problems=problems, lang=self.lang)
            if problems and self.skip_bad
            else None
        )
        return ViewImportReport(
            file_name=self.file_name,
            sha256=digest,
            rows_read=counts.rows,
            imported=rows.imported,
            duplicate=rows.duplicate,
            replaced=rows.replaced,
            rejected=rows.rejected,
            problems=tuple(problems),
            new_platforms=tuple(staging.new_platforms(cur, self.campaign.id)),
            accepted=accepted,
            written=accepted and not self.dry_run,
            dry_run=self.dry_run,
            rejected_csv=rejected,
            bulk_read=staged.bulk,
        )

    def _write(self, cur: Cursor, report: ViewImportReport) -> None:
        """Log the file, store its rows and add the audit line (the caller's transaction)."""
        assert self.campaign.id is not None
        record = import_log.add_import(
            cur,
            ImportRecord(
                campaign_id=self.campaign.id,
                kind="views",
                file_name=report.file_name,
                sha256=report.sha256,
                rows_read=report.rows_read,
                rows_imported=report.imported,
                rows_duplicate=report.duplicate,
                rows_rejected=report.rejected,
                username=self.actor.name,
                imported_at=self.ctx.now(),
            ),
        )
        assert record.id is not None
        staging.write_staged(cur, import_id=record.id, replace=self.replace)
        audit(
            cur,
            self.ctx,
            actor=self.actor.name,
            action="views.import",
            target=report.file_name,
            campaign_id=self.campaign.id,
            import_id=record.id,
            sha256=report.sha256,
            rows_read=report.rows_read,
            imported=report.imported,
            duplicate=report.duplicate,
            replaced=report.replaced,
            rejected=report.rejected,
            new_platforms=list(report.new_platforms),
        )
