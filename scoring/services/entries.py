"""Reading entries: the coordinators' table and a judge's queue."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.enums import Role
from scoring.records import EntrySummary, QueueItem
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import entries as store


def entry_table(ctx: Context, *, actor: Actor, campaign_id: int) -> list[EntrySummary]:
    """Every entry of the campaign with media facts and scorecard counts (staff only)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.entry_summaries(cur, campaign_id))


@dataclass(frozen=True)
class JudgeQueue:
    """A judge's entries and how far they have got."""

    items: list[QueueItem]

    @property
    def total(self) -> int:
        """Entries assigned."""
        return len(self.items)

    @property
    def share_submitted(self) -> float:
        """Submitted / assigned (0 when nothing is assigned)."""
        return self.count("submitted") / self.total if self.total else 0.0

    def count(self, status: str) -> int:
        """Entries whose scorecard is in ``status`` (not_started, draft, submitted)."""
        return sum(1 for item in self.items if item.status == status)

    def filtered(self, *, statuses: set[str], categories: set[str]) -> list[QueueItem]:
        """Items in any of ``statuses`` and ``categories`` (an empty set means all)."""
        return [
            item
            for item in self.items
            if (not statuses or item.status in statuses)
            and (not categories or item.category.value in categories)
        ]


def judge_queue(ctx: Context, *, actor: Actor, campaign_id: int) -> JudgeQueue:
    """The entries assigned to the acting judge, conflicts left out."""
    require_role(actor, Role.JUDGE)
    assert actor.user_id is not None
    judge_id = actor.user_id
    return JudgeQueue(ctx.db.read(lambda cur: store.judge_queue(cur, campaign_id, judge_id)))
