"""The shortlist after overrides and the 附件5 order."""

from __future__ import annotations

import pytest

from scoring.domain.ranking import RankedEntry, Ranking
from scoring.domain.shortlist import (
    SWAP_IN,
    SWAP_OUT,
    apply_overrides,
    attachment5_order,
    check_swap,
    swap_candidates,
)
from scoring.enums import Category, RankStatus
from scoring.errors import InvalidInput

MV, MA = Category.MICRO_VIDEO, Category.MICRO_ANIMATION


def ranked(n: int, category: Category, *, top: int) -> RankedEntry:
    return RankedEntry(
        entry_id=n,
        code=f"E{n}",
        category=category,
        status=RankStatus.RANKED,
        rank=n,
        expert=1.0,
        audience=1.0,
        final=1.0,
        judges=3,
        views=0,
        expert_raw=0.0,
        judge_totals={},
        in_top=n <= top,
    )


RANKING = Ranking(
    main=tuple(ranked(n, MA if n in (2, 5) else MV, top=3) for n in range(1, 7)), cqo=(), others=()
)


def test_no_overrides_is_the_top_n() -> None:
    shortlist = apply_overrides(RANKING, top_n=3, swap_in={}, swap_out={})
    assert [ln.entry.entry_id for ln in shortlist.lines] == [1, 2, 3]
    assert shortlist.size_matches


def test_swaps_keep_rank_order_and_reasons() -> None:
    shortlist = apply_overrides(RANKING, top_n=3, swap_in={5: "复议"}, swap_out={2: "撤回"})
    assert [(ln.entry.entry_id, ln.override) for ln in shortlist.lines] == [
        (1, None),
        (3, None),
        (5, "复议"),
    ]
    assert shortlist.removed == {2: "撤回"}


def test_attachment5_puts_micro_video_first_and_restarts_the_order() -> None:
    shortlist = apply_overrides(RANKING, top_n=3, swap_in={5: "复议"}, swap_out={})
    order = [(c.value, n, ln.entry.entry_id) for c, n, ln in attachment5_order(shortlist.lines)]
    assert order == [
        ("micro_video", 1, 1),
        ("micro_video", 2, 3),
        ("micro_animation", 1, 2),
        ("micro_animation", 2, 5),
    ]


def test_swap_checks() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_swap(RANKING, entry_id=1, kind="shortlist_in", top_n=3)
    assert caught.value.key == "error.shortlist_already_in"
    with pytest.raises(InvalidInput) as caught:
        check_swap(RANKING, entry_id=99, kind="shortlist_in", top_n=3)
    assert caught.value.key == "error.shortlist_unknown_entry"
    assert check_swap(RANKING, entry_id=4, kind="shortlist_in", top_n=3).entry_id == 4


def test_swap_candidates_are_the_entries_each_swap_accepts() -> None:
    shortlist = apply_overrides(RANKING, top_n=3, swap_in={5: "复议"}, swap_out={2: "撤回"})
    # in: ranked, outside the top N, not already swapped in; out: the top N still listed
    assert [e.entry_id for e in swap_candidates(RANKING, shortlist, SWAP_IN)] == [4, 6]
    assert [e.entry_id for e in swap_candidates(RANKING, shortlist, SWAP_OUT)] == [1, 3]
    for e in swap_candidates(RANKING, shortlist, SWAP_IN):
        assert check_swap(RANKING, entry_id=e.entry_id, kind=SWAP_IN, top_n=3) == e
