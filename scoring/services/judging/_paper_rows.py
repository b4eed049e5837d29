"""What a paper sheet is checked against, and storing one checked row as a paper card.

Shared by the entry form (``paper``) and the table import (``paper_import``): each card is
marked source='paper' with who entered it; watch coverage does not apply.
"""

from __future__ import annotations

from scoring.domain.paper import PaperRow, SheetFacts
from scoring.domain.paper_cells import JudgeRef
from scoring.domain.views import local_time_text
from scoring.enums import Role, ScorecardSource
from scoring.errors import InvalidInput
from scoring.records.campaigns import Campaign
from scoring.records.judging import NewScorecard
from scoring.services.campaigns.active import known_campaign
from scoring.services.context import Actor, Context, audit
from scoring.services.judging._card_edit import CardEdit, check_complete, is_closed, store_edits
from scoring.storage import assignments as assignment_store
from scoring.storage import entries as entry_store
from scoring.storage import rubric as rubric_store
from scoring.storage import scorecards as store
from scoring.storage import users as user_store
from scoring.storage.rows import Cursor


def sheet_facts(cur: Cursor, campaign_id: int, judge_id: int | None = None) -> SheetFacts:
    """Everything a sheet is checked against, read in the caller's transaction (with
    ``judge_id``, only that judge's cards)."""
    return SheetFacts(
        criteria=rubric_store.list_criteria(cur, campaign_id),
        judges=[
            JudgeRef(user_id=u.id, username=u.username, display_name=u.display_name)
            for u in user_store.list_users(cur, role=Role.JUDGE)
        ],
        entries={e.code: e.id for e in entry_store.list_entries(cur, campaign_id)},
        assigned=frozenset(
            (a.judge_id, a.entry_id) for a in assignment_store.list_assignments(cur, campaign_id)
        ),
        conflicts={
            (c.judge_id, c.entry_id): c.kind
            for c in assignment_store.list_conflicts(cur, campaign_id)
        },
        cards={
            (c.judge_id, c.entry_id): c
            for c in store.list_scorecards(cur, campaign_id, judge_id=judge_id)
        },
    )


def open_campaign(cur: Cursor, ctx: Context, campaign_id: int) -> Campaign:
    """The campaign a sheet is for, refused when unknown or when scoring has closed."""
    campaign = known_campaign(cur, campaign_id)
    if is_closed(campaign, ctx.now()):
        deadline = campaign.scoring_deadline or campaign.archived_at
        zone = ctx.settings.timezone
        raise InvalidInput(
            "error.scoring_closed", deadline=local_time_text(deadline, zone) if deadline else "—"
        )
    return campaign


def store_row(
    cur: Cursor,
    ctx: Context,
    actor: Actor,
    row: PaperRow,
    *,
    campaign: Campaign,
    facts: SheetFacts,
    via: dict[str, object],
) -> None:
    """Write one checked row: create or take over the card, marks, comment, then lock
    (one ``CardEdit``, written as judges' saves are)."""
    if row.outcome == "unchanged":
        return
    edit, fields = _paper_edit(cur, ctx, actor, row, campaign_id=campaign.id)
    fields += edit.marks_and_comment(row.marks, row.comment)
    if row.submitted:
        check_complete(edit.card, facts.criteria, campaign)
        edit.lock()
        fields.append("status")
    store_edits(cur, [edit])
    audit(
        cur,
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


def _paper_edit(
    cur: Cursor, ctx: Context, actor: Actor, row: PaperRow, *, campaign_id: int
) -> tuple[CardEdit, list[str]]:
    """The row's card, new or taken over, marked as entered from paper by ``actor``.

    Paper has no watch coverage: a taken-over app draft loses its share (kept in history).
    """
    now = ctx.now()
    found = store.scorecard_for(cur, row.judge_id, row.entry_id)
    card = found or NewScorecard(
        campaign_id=campaign_id,
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
    return edit, fields
