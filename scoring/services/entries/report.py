"""What an entry import plans and reports: rows to create or update, and every problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from scoring.domain.entry_rows import EntryProblem
from scoring.i18n import DEFAULT_LANGUAGE, quote_value, translate
from scoring.records.media import MediaFile
from scoring.services.entries.media_files import MediaSource

CREATE: Final = "create"
UPDATE: Final = "update"
UNCHANGED: Final = "unchanged"


@dataclass(frozen=True, kw_only=True)
class PlannedRow:
    """What one good row will do. ``media``: the name of the file matched for it."""

    line: int
    code: str
    values: dict[str, object]
    media: str | None
    action: str
    changes: dict[str, tuple[object, object]]
    scored: bool = False  # changes the category or video of an entry with scorecards


@dataclass(frozen=True, kw_only=True)
class EntryImportPlan:
    """A checked table: what would be created and updated, and every problem."""

    campaign_id: int
    file_name: str
    sha256: str
    rows_read: int
    planned: tuple[PlannedRow, ...]
    problems: tuple[EntryProblem, ...]
    source: MediaSource | None
    unused_media: tuple[str, ...] = ()  # uploads no row names (they are not stored)
    spreadsheet_codes: tuple[str, ...] = ()  # codes a spreadsheet shows as numbers or dates
    owner: str = ""  # the recommending unit importing its own works ("" for the office)
    allow_scored_changes: bool = False  # a scored entry may change its category or video

    @property
    def scored_codes(self) -> tuple[str, ...]:
        """Codes whose category or video changes although they have scorecards (allowed)."""
        return tuple(p.code for p in self.planned if p.scored)

    @property
    def accepted(self) -> bool:
        """No problem at all: the import may be written."""
        return not self.problems

    def codes(self, action: str) -> tuple[str, ...]:
        """Codes of the rows that would ``create``, ``update`` or stay ``unchanged``."""
        return tuple(p.code for p in self.planned if p.action == action)


@dataclass(frozen=True, kw_only=True)
class EntryImportReport:
    """The outcome: what was (or, unwritten, would be) created, updated, left as it was.

    A plan only knows whether a matched video's content differs once it is hashed, so its
    counts may move a row from ``update`` to ``unchanged`` or back when written.
    """

    plan: EntryImportPlan
    written: bool
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    media: tuple[MediaFile, ...] = ()
    with_errors: tuple[str, ...] = ()  # imported entries that now have an error finding

    @classmethod
    def unwritten(cls, plan: EntryImportPlan) -> EntryImportReport:
        """The report of a plan that was not (or not yet) written."""
        return cls(
            plan=plan,
            written=False,
            created=plan.codes(CREATE),
            updated=plan.codes(UPDATE),
            unchanged=plan.codes(UNCHANGED),
        )

    def to_json(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The ``--json`` document (reasons in ``lang``)."""
        plan = self.plan
        return {
            "file": plan.file_name,
            "sha256": plan.sha256,
            "rows_read": plan.rows_read,
            "accepted": plan.accepted,
            "written": self.written,
            "created": list(self.created),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
            "problems": [problem_json(p, lang) for p in plan.problems],
            "media": [media_json(m) for m in self.media],
            "unused_media": list(plan.unused_media),
            "spreadsheet_codes": list(plan.spreadsheet_codes),
            "scored_changes": list(plan.scored_codes),
            "entries_with_errors": list(self.with_errors),
        }


def problem_json(problem: EntryProblem, lang: str) -> dict[str, Any]:
    """One problem with its reason in ``lang`` (``line`` null: the header row)."""
    return {
        "line": problem.line,
        "column": problem.column,
        "value": problem.value,
        "key": problem.key,
        "reason": translate(problem.key, lang, **problem.params),
    }


def media_json(media: MediaFile) -> dict[str, Any]:
    """A stored video: its original name is metadata; the store names it by its sha256."""
    return {
        "file": media.original_name,
        "sha256": media.sha256,
        "size_bytes": media.size_bytes,
        "container": media.container,
        "video_codec": media.video_codec,
        "width": media.width,
        "height": media.height,
        "duration_s": media.duration_s,
    }


def form_problem_rows(problems: Sequence[EntryProblem], lang: str) -> list[dict[str, object]]:
    """The form's problems: the field's label, the value given and what to do."""
    return [
        {
            translate("entry_import.column", lang): translate("entry_field." + p.column, lang),
            translate("entry_import.value", lang): quote_value(p.value, lang, marks=""),
            translate("entry_import.reason", lang): translate(p.key, lang, **p.params),
        }
        for p in problems
    ]


def planned_rows(plan: EntryImportPlan, lang: str) -> list[dict[str, object]]:
    """What each good row will do, with the changed fields and the matched video."""
    return [
        {
            translate("entry_import.line", lang): str(p.line),
            translate("entry.code", lang): p.code,
            translate("entry_import.action", lang): translate("entry_action." + p.action, lang),
            translate("entry_import.changes", lang): ", ".join(p.changes),
            translate("entry_import.video", lang): p.media or "",
        }
        for p in plan.planned
    ]
