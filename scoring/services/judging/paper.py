"""Paper score sheets entered by hand (issue 7 §6): staff enter one judge's signed sheet.

Tables of sheets are imported by ``paper_import``; both store through ``_paper_rows``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.domain.marks import check_marks
from scoring.domain.paper import Sheet, SheetFacts, paper_row
from scoring.enums import ScorecardStatus
from scoring.errors import InvalidInput, NotAllowed, NotFound
from scoring.records.entries import Entry
from scoring.records.judging import Scorecard
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.services.entries.listing import existing_entry
from scoring.services.judging._paper_rows import open_campaign, sheet_facts, store_row
from scoring.storage import entries as entry_store
from scoring.storage import scorecards as store
from scoring.storage.rows import Cursor


@dataclass(frozen=True, kw_only=True)
class PaperChoices:
    """What the entry form offers: judges, entries, the rubric, who may score what."""

    facts: SheetFacts
    entries: list[Entry]

    def entries_for(self, judge_id: int) -> list[Entry]:
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


def paper_choices(
    ctx: Context, *, actor: Actor, campaign_id: int, judge_id: int | None = None
) -> PaperChoices:
    """Judges, entries, rubric and existing cards for the entry form (staff only); with
    ``judge_id``, only that judge's cards are read (the form shows one judge's)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> PaperChoices:
        return PaperChoices(
            facts=sheet_facts(cur, campaign_id, judge_id),
            entries=entry_store.list_entries(cur, campaign_id),
        )

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
        campaign = open_campaign(cur, ctx, entry.campaign_id)
        facts = sheet_facts(cur, entry.campaign_id)
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
        store_row(cur, ctx, actor, row, campaign=campaign, facts=facts, via={"via": "form"})
        found = store.scorecard_for(cur, judge_id, entry_id)
        assert found is not None
        return found

    return ctx.db.write(work)
