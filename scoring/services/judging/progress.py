"""The coordinators' view of judging progress: who is done, who is behind, what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scoring.records import EntryProgress, JudgeProgress, ScorecardLine
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import campaigns as campaign_store
from scoring.storage import progress as store
from scoring.storage.rows import Cursor


@dataclass(frozen=True)
class Progress:
    """Everything the progress page shows for one campaign."""

    judges: list[JudgeProgress]
    entries: list[EntryProgress]
    cards: list[ScorecardLine]
    min_judges: int
    deadline: datetime | None

    @property
    def behind(self) -> list[JudgeProgress]:
        """Judges with entries still to submit, most outstanding first."""
        waiting = [j for j in self.judges if j.submitted < j.assigned]
        return sorted(waiting, key=lambda j: (j.submitted - j.assigned, j.username))

    @property
    def short_of_judges(self) -> list[EntryProgress]:
        """Entries with fewer submitted scorecards than the ranking needs."""
        return [e for e in self.entries if e.submitted < self.min_judges]

    @property
    def submitted(self) -> int:
        """Submitted scorecards in the campaign."""
        return sum(j.submitted for j in self.judges)

    @property
    def expected(self) -> int:
        """Scorecards the assignment asks for."""
        return sum(j.assigned for j in self.judges)


def judging_progress(ctx: Context, *, actor: Actor, campaign_id: int) -> Progress:
    """Progress per judge, per entry and per scorecard (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> Progress:
        campaign = campaign_store.get_campaign(cur, campaign_id)
        assert campaign is not None
        return Progress(
            judges=store.judge_progress(cur, campaign_id),
            entries=store.entry_progress(cur, campaign_id),
            cards=store.scorecard_lines(cur, campaign_id),
            min_judges=campaign.min_judges,
            deadline=campaign.scoring_deadline,
        )

    return ctx.db.read(work)
