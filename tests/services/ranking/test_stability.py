"""The "how sure are we" figures (SPEC §6) on the demo: P(top N), each judge left out, the
weight sweep, the other methods and reliability, as the page and ``rank`` show them; the
same figures whether computed in the page's run or beside it, kept for the inputs they
came from."""

from __future__ import annotations

import json
import time

import pytest

from scoring.domain.stability import DEFAULT_SEED
from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.services.background import KeptResults
from scoring.services.context import Actor, Context
from scoring.services.ranking import stability
from scoring.services.ranking.results import WhatIf, compute_ranking, rank_rows
from scoring.services.ranking.stability import (
    stability_if_ready,
    stability_json,
    stability_of,
    top_n_chances,
)
from tests.conftest import COORD, JUDGE

MAIN = ["GS-2023-002", "GS-2023-005", "GS-2023-011", "GS-2023-003", "GS-2023-009"]


def test_top_n_chances_are_the_panels_bootstrap(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    assert top_n_chances(actor=COORD, result=result) == (
        stability_of(demo_ctx, actor=COORD, result=result).probabilities
    )


def test_rank_rows_carry_p_top_for_the_main_list_only(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    chances = top_n_chances(actor=COORD, result=result)
    rows = {r["code"]: r["p_top"] for r in rank_rows(result, chances)}
    assert (rows["GS-2023-002"], rows["GS-2023-009"]) == (0.9995, 0.8095)
    assert (rows["GS-2023-008"], rows["GS-2023-014"]) == (None, None)  # CQO, incomplete


def test_stability_json_names_entries_by_code(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    stability = stability_of(demo_ctx, actor=COORD, result=result)

    doc = stability_json(result, stability)

    assert json.loads(json.dumps(doc)) == doc  # plain JSON values only
    assert (doc["top_n"], doc["bootstrap"]["seed"], doc["bootstrap"]["resamples"]) == (
        5,
        DEFAULT_SEED,
        2000,
    )
    assert doc["by_method"]["zscore"] == MAIN
    assert doc["without_judge"][0] == {
        "judge": "judge1",
        "name": "马教授",
        "top": MAIN,
        "dropped": [],
        "added": [],
    }
    assert [m["method"] for m in doc["other_methods"]] == ["raw", "trimmed"]
    assert doc["weight_sweep"]["changes"] == [0.34, 0.45, 0.78]
    assert [p["weight"] for p in doc["weight_sweep"]["top_at"]] == [0.0, 0.34, 0.45, 0.78]
    assert doc["reliability"]["alpha"] == stability.reliability.alpha
    assert [j["judge"] for j in doc["reliability"]["judges"]] == [
        "judge1",
        "judge2",
        "judge3",
        "judge4",
        "judge5",
    ]


def test_a_judge_may_not_see_the_chances(demo_ctx: Context) -> None:
    result = compute_ranking(demo_ctx, actor=COORD, campaign_id=1)
    with pytest.raises(NotAllowed):
        top_n_chances(actor=Actor("judge1", Role.JUDGE, 3), result=result)


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
