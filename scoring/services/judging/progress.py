"""The coordinators' view of judging progress: who is done, who is behind, what is missing.

Counted by the database (``storage.progress``): at a national round's size the page reads
the judges' and entries' counts and one page of scorecards, never every pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.records.progress import EntryProgress, JudgeProgress, ScorecardLine
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import campaigns as campaign_store
from scoring.storage import progress as store
from scoring.storage.rows import Cursor


@dataclass(frozen=True)
class Progress:
    """Everything the progress page shows for one campaign (derived figures counted once)."""

    judges: list[JudgeProgress]
    entries: list[EntryProgress]
    cards: list[ScorecardLine]  # the scorecards asked for (all of them unless limited)
    cards_total: int  # how many scorecards match what was asked
    min_judges: int
    deadline: datetime | None
    behind: list[JudgeProgress] = field(init=False)
    short_of_judges: list[EntryProgress] = field(init=False)
    submitted: int = field(init=False)
    expected: int = field(init=False)

    def __post_init__(self) -> None:
        # Judges with entries still to submit, most outstanding first.
        waiting = [j for j in self.judges if j.submitted < j.assigned]
        behind = sorted(waiting, key=lambda j: (j.submitted - j.assigned, j.username))
        object.__setattr__(self, "behind", behind)
        # Entries with fewer submitted scorecards than the ranking needs.
        short = [e for e in self.entries if e.submitted < self.min_judges]
        object.__setattr__(self, "short_of_judges", short)
        object.__setattr__(self, "submitted", sum(j.submitted for j in self.judges))
        object.__setattr__(self, "expected", sum(j.assigned for j in self.judges))


def judging_progress(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    judge_id: int | None = None,
    code: str = "",
    limit: int | None = None,
) -> Progress:
    """Progress per judge and per entry, and the scorecards (of one judge, and/or whose
    entry code contains ``code``; the first ``limit`` of them) (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> Progress:
        campaign = campaign_store.get_campaign(cur, campaign_id)
        assert campaign is not None
        page = store.card_page(cur, campaign_id, judge_id=judge_id, code=code, limit=limit)
        return Progress(
            judges=store.judge_progress(cur, campaign_id),
            entries=store.entry_progress(cur, campaign_id),
            cards=page.cards,
            cards_total=page.total,
            min_judges=campaign.min_judges,
            deadline=campaign.scoring_deadline,
        )

    return ctx.db.read(work)


def scorecard_lines(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    judge_id: int | None = None,
    code: str = "",
    limit: int | None = None,
) -> tuple[list[ScorecardLine], int]:
    """The scorecards of one judge and/or whose entry code contains ``code`` (the first
    ``limit``), and how many match (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> tuple[list[ScorecardLine], int]:
        page = store.card_page(cur, campaign_id, judge_id=judge_id, code=code, limit=limit)
        return page.cards, page.total

    return ctx.db.read(work)
