"""The shortlist's overrides through the service: put in and taken out with a reason,
withdrawn with a reason, each on the audit log; entries that cannot be swapped refused."""

from __future__ import annotations

import pytest

from scoring.errors import InvalidInput
from scoring.services.context import Context
from scoring.services.ranking.results import compute_ranking
from scoring.services.ranking.shortlist import live_overrides, shortlist_of, swap, undo_swap
from scoring.storage.audit import AuditFilter, list_events
from tests.conftest import COORD


def test_swap_in_and_out_with_reasons_then_undo(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    top = [e.code for e in result.ranking.main if e.in_top]
    sixth = result.ranking.main[5]
    fifth = result.ranking.main[4]
    with pytest.raises(InvalidInput):
        swap(
            demo_ctx,
            actor=COORD,
            campaign_id=1,
            entry_id=sixth.entry_id,
            kind="shortlist_in",
            reason=" ",
        )
    swap(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        entry_id=sixth.entry_id,
        kind="shortlist_in",
        reason="专家组复议",
    )
    swap(
        demo_ctx,
        actor=COORD,
        campaign_id=1,
        entry_id=fifth.entry_id,
        kind="shortlist_out",
        reason="版权存疑",
    )
    shortlist = shortlist_of(demo_ctx, compute_ranking(demo_ctx, actor=COORD, campaign_id=1))
    assert [ln.entry.code for ln in shortlist.lines] == [*top[:4], sixth.code]
    assert shortlist.lines[-1].override == "专家组复议"
    assert shortlist.removed == {fifth.entry_id: "版权存疑"}
    assert shortlist.size_matches
    live = live_overrides(demo_ctx, actor=COORD, campaign_id=1)
    undo_swap(demo_ctx, actor=COORD, campaign_id=1, override_id=live[0].id, reason="撤回")
    after = shortlist_of(demo_ctx, compute_ranking(demo_ctx, actor=COORD, campaign_id=1))
    assert [ln.entry.code for ln in after.lines] == top[:4]
    assert not after.size_matches
    events = demo_ctx.db.read(lambda c: list_events(c, AuditFilter()))
    shortlist_events = [
        (e.action, e.details["reason"]) for e in events if e.action.startswith("shortlist.")
    ]
    assert shortlist_events == [
        ("shortlist.undo", "撤回"),
        ("shortlist.out", "版权存疑"),
        ("shortlist.in", "专家组复议"),
    ]


def test_entries_that_cannot_be_shortlisted_are_refused(demo_ctx: Context) -> None:
    for entry_id, kind, key in (
        (6, "shortlist_in", "error.shortlist_not_rankable"),  # compliance error
        (8, "shortlist_in", "error.shortlist_not_rankable"),  # CQO case
        (14, "shortlist_in", "error.shortlist_not_rankable"),  # incomplete
        (1, "shortlist_out", "error.shortlist_not_in"),
    ):
        with pytest.raises(InvalidInput) as caught:
            swap(demo_ctx, actor=COORD, campaign_id=1, entry_id=entry_id, kind=kind, reason="x")
        assert caught.value.key == key
