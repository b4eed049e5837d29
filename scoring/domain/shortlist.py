"""The shortlist: the main list's top N, changed only by overrides with reasons (SPEC §6.7),
and the order of the official summary table 附件5 (SPEC §7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.domain.ranking import RankedEntry, Ranking
from scoring.enums import Category, RankStatus
from scoring.errors import InvalidInput

SWAP_IN = "shortlist_in"
SWAP_OUT = "shortlist_out"
CATEGORY_ORDER = (Category.MICRO_VIDEO, Category.MICRO_ANIMATION)  # 微视频 first (附件5)


@dataclass(frozen=True, kw_only=True)
class ShortlistLine:
    """One shortlisted entry; ``override`` holds the reason when a coordinator put it there."""

    entry: RankedEntry
    override: str | None = None


@dataclass(frozen=True, kw_only=True)
class Shortlist:
    """The shortlist after overrides, and the formula's entries a coordinator took out."""

    lines: tuple[ShortlistLine, ...]
    removed: Mapping[int, str]  # entry id → reason
    size_wanted: int

    @property
    def size_matches(self) -> bool:
        """True when the overrides left exactly N entries."""
        return len(self.lines) == self.size_wanted


def apply_overrides(
    ranking: Ranking, *, top_n: int, swap_in: Mapping[int, str], swap_out: Mapping[int, str]
) -> Shortlist:
    """Top N of the main list, minus entries swapped out, plus entries swapped in (rank order)."""
    chosen = [e for e in ranking.main if e.in_top and e.entry_id not in swap_out]
    added = [e for e in ranking.main if not e.in_top and e.entry_id in swap_in]
    lines = [ShortlistLine(entry=e) for e in chosen]
    lines += [ShortlistLine(entry=e, override=swap_in[e.entry_id]) for e in added]
    lines.sort(key=lambda line: line.entry.rank or 0)
    removed = {e.entry_id: swap_out[e.entry_id] for e in ranking.main if e.entry_id in swap_out}
    return Shortlist(lines=tuple(lines), removed=removed, size_wanted=top_n)


def check_swap(ranking: Ranking, *, entry_id: int, kind: str, top_n: int) -> RankedEntry:
    """The entry a coordinator wants to swap, or InvalidInput saying why it cannot be."""
    everyone = {e.entry_id: e for e in (*ranking.main, *ranking.cqo, *ranking.others)}
    entry = everyone.get(entry_id)
    if entry is None:
        raise InvalidInput("error.shortlist_unknown_entry", entry=entry_id)
    if kind == SWAP_IN and entry.status is not RankStatus.RANKED:
        raise InvalidInput(
            "error.shortlist_not_rankable", code=entry.code, status=entry.status.value
        )
    if kind == SWAP_IN and entry.in_top:
        raise InvalidInput("error.shortlist_already_in", code=entry.code)
    if kind == SWAP_OUT and not entry.in_top:
        raise InvalidInput("error.shortlist_not_in", code=entry.code, n=top_n)
    return entry


def swap_candidates(ranking: Ranking, shortlist: Shortlist, kind: str) -> list[RankedEntry]:
    """The entries a coordinator may swap, in rank order: into the shortlist, ranked entries
    outside it; out of it, the formula's top N still in it (an entry a coordinator swapped
    in leaves by undoing that swap)."""
    listed = {line.entry.entry_id for line in shortlist.lines}
    if kind == SWAP_IN:
        return [e for e in ranking.main if not e.in_top and e.entry_id not in listed]
    return [e for e in ranking.main if e.in_top and e.entry_id in listed]


def attachment5_order(lines: Sequence[ShortlistLine]) -> list[tuple[Category, int, ShortlistLine]]:
    """(category, 作品排序, line): 微视频 first, then 微动漫; 排序 restarts at 1 per category."""
    ordered: list[tuple[Category, int, ShortlistLine]] = []
    for category in CATEGORY_ORDER:
        mine = sorted(
            (ln for ln in lines if ln.entry.category is category), key=lambda ln: ln.entry.rank or 0
        )
        ordered += [(category, n, line) for n, line in enumerate(mine, start=1)]
    return ordered
