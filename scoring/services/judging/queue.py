"""A judge's queue: the entries assigned to the judge as a blind judge may see them, each
with the state of the judge's scorecard."""

from __future__ import annotations

from dataclasses import dataclass, replace

from scoring.domain.assignment import EntryParties, JudgeUnit, has_unit_conflict
from scoring.domain.blind import hide_names
from scoring.enums import Role
from scoring.records.judging import QueueItem
from scoring.services.context import Actor, Context, require_role
from scoring.storage import campaigns as campaign_store
from scoring.storage import entries as store
from scoring.storage.rows import Cursor
from scoring.storage.users import get_user


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

    def next_open(self, entry_id: int) -> int | None:
        """The first entry after ``entry_id`` (wrapping round) not yet submitted, if any."""
        ids = [item.entry_id for item in self.items]
        start = ids.index(entry_id) + 1 if entry_id in ids else 0
        for item in self.items[start:] + self.items[:start]:
            if item.status != "submitted" and item.entry_id != entry_id:
                return item.entry_id
        return None

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

    def work(cur: Cursor) -> list[QueueItem]:
        judge = get_user(cur, judge_id)
        campaign = campaign_store.get_campaign(cur, campaign_id)
        if judge is None or judge.disabled or campaign is None:
            return []
        me = JudgeUnit(judge_id, judge.unit)
        parties = store.assigned_parties(cur, campaign_id, judge_id)
        shown = []
        for item in store.judge_queue(cur, campaign_id, judge_id):
            producer, submitter, recommender, contact = parties[item.entry_id]
            if has_unit_conflict(me, EntryParties(item.entry_id, producer, submitter, recommender)):
                continue  # a unit conflict that arose after the assignment
            if campaign.blind_mode:
                names = [producer, submitter, recommender, contact]
                item = replace(item, title=hide_names(item.title, names))
            shown.append(item)
        return shown

    return JudgeQueue(ctx.db.read(work))
