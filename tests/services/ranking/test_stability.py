"""The "how sure are we" panel: the same figures whether computed in the page's run or
beside it, kept for the inputs they came from."""

from __future__ import annotations

import time

import pytest

from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.services.background import KeptResults
from scoring.services.context import Actor, Context
from scoring.services.ranking import stability
from scoring.services.ranking.results import WhatIf, compute_ranking
from scoring.services.ranking.stability import stability_if_ready, stability_of

COORD = Actor("coord", Role.COORDINATOR, 2)
JUDGE = Actor("judge1", Role.JUDGE, 3)


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stability, "_PANELS", KeptResults("stability", kept=8))


def test_a_small_panel_is_ready_at_once_and_equal_to_the_direct_one(
    demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(monkeypatch)
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    ready = stability_if_ready(demo_ctx, actor=COORD, result=result)
    assert ready is not None
    _fresh(monkeypatch)
    assert stability_of(demo_ctx, actor=COORD, result=result) == ready
    assert sorted(ready.probabilities) == sorted(e.entry_id for e in result.inputs.entries)


def test_a_large_panel_is_computed_beside_the_page(
    demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(monkeypatch)
    monkeypatch.setattr(stability, "INLINE_CELLS", 0)  # every panel counts as large
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    assert stability_if_ready(demo_ctx, actor=COORD, result=result) is None
    deadline = time.monotonic() + 60
    while (ready := stability_if_ready(demo_ctx, actor=COORD, result=result)) is None:
        assert time.monotonic() < deadline, "the panel was never computed"
        time.sleep(0.05)
    _fresh(monkeypatch)
    assert ready == stability_of(demo_ctx, actor=COORD, result=result)


def test_other_settings_are_another_panel(
    demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(monkeypatch)
    base = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    other = compute_ranking(demo_ctx, actor=COORD, campaign_id=1, what_if=WhatIf(top_n=2))
    first = stability_of(demo_ctx, actor=COORD, result=base)
    second = stability_of(demo_ctx, actor=COORD, result=other)
    assert first.probabilities != second.probabilities
    assert stability_of(demo_ctx, actor=COORD, result=base) is first  # kept, not recomputed


def test_judges_may_not_ask(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    for ask in (stability_of, stability_if_ready):
        with pytest.raises(NotAllowed):
            ask(demo_ctx, actor=JUDGE, result=result)
