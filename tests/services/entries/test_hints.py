"""Media hints as the Compliance page reads them, on the demo: the re-encoded copy
(GS-2023-006 is GS-2023-003 smaller and trimmed), the black gap of GS-2023-005, progress,
and no hints for judges."""

from __future__ import annotations

import pytest

from scoring.domain.hints import Hint
from scoring.domain.signatures import MatchRange
from scoring.enums import HintKind
from scoring.errors import NotAllowed
from scoring.services.context import Context
from scoring.services.entries.hints import (
    HintsProgress,
    SameFilm,
    campaign_hints,
    entry_hints,
    hint_text,
    hints_progress,
)
from scoring.storage import entries as entry_store
from tests.conftest import COORD, JUDGE, measure_hints


def entry_id(ctx: Context, code: str) -> int:
    entry = ctx.db.read(lambda c: entry_store.get_entry_by_code(c, 1, code))
    assert entry is not None
    return entry.id


def test_the_reencoded_copy_names_the_other_entry_and_the_matching_times(
    demo_ctx: Context,
) -> None:
    measure_hints(demo_ctx, ["GS-2023-003", "GS-2023-006"])

    copy = entry_hints(demo_ctx, actor=COORD, entry_id=entry_id(demo_ctx, "GS-2023-006"))
    original = entry_hints(demo_ctx, actor=COORD, entry_id=entry_id(demo_ctx, "GS-2023-003"))

    assert copy.status == "done"
    assert copy.same_film == [
        SameFilm(3, "GS-2023-003", "计量让生活更公平", [MatchRange(0.0, 8.0, 1.0, 9.0)], True)
    ]
    assert original.same_film == [
        SameFilm(6, "GS-2023-006", "渠水长流", [MatchRange(1.0, 9.0, 0.0, 8.0)], True)
    ]
    assert (copy.hints, copy.count) == ([], 1)


def test_the_black_gap_is_a_hint_at_12_seconds(demo_ctx: Context) -> None:
    measure_hints(demo_ctx, ["GS-2023-005"])
    hints = entry_hints(demo_ctx, actor=COORD, entry_id=entry_id(demo_ctx, "GS-2023-005"))
    assert hints.hints == [Hint(HintKind.BLACK, {"seconds": 1.0}, start_s=12.0, end_s=13.0)]
    assert hints.same_film == []
    assert hints.measures is not None and hints.measures.loudness is not None
    assert hints.measures.loudness.integrated_lufs == -21.8  # inside −23 ± 5: no hint
    assert hint_text(hints.hints[0], "zh") == "黑场 1.0 秒（0:12.0–0:13.0）。"
    assert hint_text(hints.hints[0], "en") == "Black picture for 1.0 s (0:12.0-0:13.0)."


def test_progress_and_the_campaign_table_follow_the_measuring(demo_ctx: Context) -> None:
    before = hints_progress(demo_ctx, actor=COORD, campaign_id=1)
    assert before == HintsProgress(total=15, done=0, failed=0, running=None)

    measure_hints(demo_ctx, ["GS-2023-003", "GS-2023-005", "GS-2023-006"])

    after = hints_progress(demo_ctx, actor=COORD, campaign_id=1)
    assert after == HintsProgress(total=15, done=3, failed=0, running=None)
    table = campaign_hints(demo_ctx, actor=COORD, campaign_id=1)
    counts = {i: (h.status, h.count) for i, h in table.items() if h.status == "done"}
    assert counts == {3: ("done", 1), 5: ("done", 1), 6: ("done", 1)}
    assert table[1].status == "pending"


def test_judges_get_no_hints(demo_ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        entry_hints(demo_ctx, actor=JUDGE, entry_id=1)
    with pytest.raises(NotAllowed):
        campaign_hints(demo_ctx, actor=JUDGE, campaign_id=1)
    with pytest.raises(NotAllowed):
        hints_progress(demo_ctx, actor=JUDGE, campaign_id=1)
