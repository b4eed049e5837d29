"""Importing viewing figures (SPEC §5, §8 ``views import``): all or nothing unless told.

One pass in one transaction (``_Import.run``): parse the file (``scoring.tables.sources``),
stage it and compare its rows with the stored snapshots (``scoring.storage.view_staging``),
check them (``scoring.domain.view_checks``) and, when accepted, write them with their log
line and audit line. A refused file writes nothing, not even a log line.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from scoring.domain.view_cells import CellChecks
from scoring.domain.view_checks import Checked, ImportOptions, StagedFile, check_staged
from scoring.domain.views import view_columns
from scoring.errors import InvalidInput
from scoring.i18n import DEFAULT_LANGUAGE
from scoring.records.campaigns import Campaign
from scoring.records.views import ImportRecord, NewImportRecord
from scoring.services.campaigns.active import active_campaign, ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.views.report import ViewImportReport, rejected_rows_csv
from scoring.storage import view_staging
from scoring.storage.rows import Cursor
from scoring.storage.view_staging import CsvRefused
from scoring.tables.sources import lines_after_header, read_source


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

    Atomic by default: any row problem and nothing is written (``ImportOptions`` says what
    the options change). The same bytes imported before: nothing is done and the report
    says so. File-level problems (encoding, headers, …) raise InvalidInput.
    """
    require_role(actor, *STAFF)
    how = ImportOptions(skip_bad=skip_bad, replace=replace, dry_run=dry_run, lang=lang)
    campaign = active_campaign(ctx)
    if campaign is None:
        raise InvalidInput("views.no_campaign")
    run = ctx.db.read if how.dry_run else ctx.db.write
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Worked out beside the parse and the staging (hashlib lets go of the GIL); the
        # digest is awaited before staging (is the file new?), the line count after.
        digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        lines = pool.submit(lines_after_header, data)
        job = _Import(ctx, actor, campaign, data, file_name, digest, lines, how)
        try:
            return run(partial(job.run, bulk=True))
        except CsvRefused:
            # The refusal spoilt that transaction; read the file the exact way in a new one.
            return run(partial(job.run, bulk=False))


@dataclass(frozen=True)
class _Import:
    """One import request; ``run`` is the unit of work (retried whole on a conflict)."""

    ctx: Context
    actor: Actor
    campaign: Campaign
    data: bytes
    file_name: str
    digest: Future[str]
    lines: Future[int]
    how: ImportOptions

    @property
    def campaign_id(self) -> int:
        return self.campaign.id

    def run(self, cur: Cursor, *, bulk: bool) -> ViewImportReport:
        """The import in the caller's transaction: parse → stage → check → write."""
        ensure_writable(cur, self.campaign_id)
        # 1. parse: the headers (file-level problems raise) and the way to read the rows
        source = read_source(
            self.data, file_name=self.file_name, bulk=bulk, lines=self.lines.result
        )
        columns = view_columns(source.headers)
        # … and what it is checked against: the entry codes, and the same bytes imported before
        basis = view_staging.import_basis(cur, campaign_id=self.campaign_id, sha256=self.sha256)
        if basis.earlier is not None:
            return self._report(already_imported=basis.earlier)
        cells = self._cell_checks(basis.codes)
        # 2. stage: each distinct cell text parsed once; the rows typed, grouped and compared
        # with the stored ones, in SQL
        with view_staging.staged(
            cur,
            source,
            columns=columns,
            parse=cells.parse,
            campaign_id=self.campaign_id,
            how=self.how,
        ) as staged:
            # 3. check: every problem, the counts, and whether to write
            checked = check_staged(
                staged,
                headers=source.headers,
                columns=columns,
                file_name=self.file_name,
                how=self.how,
            )
            report = self._report(staged=staged, checked=checked, headers=source.headers)
            # 4. write: the accepted rows, their import log line and the audit line
            if report.written:
                self._write(cur, report)
        return report

    @property
    def sha256(self) -> str:
        return self.digest.result()

    def _cell_checks(self, codes: dict[str, int]) -> CellChecks:
        zone = self.ctx.settings.timezone
        return CellChecks(codes, now=self.ctx.now(), start=self.campaign.starts_at, zone=zone)

    def _report(
        self,
        *,
        already_imported: ImportRecord | None = None,
        staged: StagedFile | None = None,
        checked: Checked | None = None,
        headers: tuple[str, ...] = (),
    ) -> ViewImportReport:
        """The report of a file imported before, or of this file as staged and checked."""
        digest, dry_run = self.sha256, self.how.dry_run
        if staged is None or checked is None:
            return ViewImportReport(
                file_name=self.file_name,
                sha256=digest,
                dry_run=dry_run,
                already_imported=already_imported,
            )
        rows, problems = checked.tally, checked.problems
        rejected = (  # only skip_bad sets rows aside; building it costs seconds per 100 000
            rejected_rows_csv(headers, problems, staged.cells, lang=self.how.lang)
            if problems and self.how.skip_bad
            else None
        )
        return ViewImportReport(
            file_name=self.file_name,
            sha256=digest,
            rows_read=checked.rows_read,
            imported=rows.imported,
            duplicate=rows.duplicate,
            replaced=rows.replaced,
            rejected=rows.rejected,
            problems=problems,
            new_platforms=staged.new_platforms,
            accepted=checked.accepted,
            written=checked.accepted and not dry_run,
            dry_run=dry_run,
            rejected_csv=rejected,
            bulk_read=staged.bulk,
        )

    def _write(self, cur: Cursor, report: ViewImportReport) -> None:
        """Store the staged rows with their import log line, and add the audit line."""
        record = NewImportRecord(
            campaign_id=self.campaign_id,
            kind="views",
            file_name=report.file_name,
            sha256=report.sha256,
            rows_read=report.rows_read,
            rows_imported=report.imported,
            rows_duplicate=report.duplicate,
            rows_rejected=report.rejected,
            username=self.actor.name,
            imported_at=self.ctx.now(),
        )
        import_id = view_staging.write_staged(cur, record, replace=self.how.replace)
        audit(
            cur,
            self.ctx,
            actor=self.actor.name,
            action="views.import",
            target=report.file_name,
            campaign_id=self.campaign_id,
            import_id=import_id,
            sha256=report.sha256,
            rows_read=report.rows_read,
            imported=report.imported,
            duplicate=report.duplicate,
            replaced=report.replaced,
            rejected=report.rejected,
            new_platforms=list(report.new_platforms),
        )
