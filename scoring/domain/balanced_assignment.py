"""Balanced "k judges per entry" assignment (SPEC §4 "Assignment"), seeded and conflict-free.

Three passes, every random choice drawn from ``random.Random(seed)``:

1. fill: entries in a seeded order, most-constrained first, each takes the least-loaded
   judges it may have (ties broken by the RNG);
2. level: one unit of load moves along an alternating path (A hands an entry to B, B hands
   another to C, …) from a judge to one holding at least 2 fewer, until no such path is
   left. The judges' load vectors of all valid plans form an M-convex set, so this end
   state is "decreasingly minimal" and its max − min is the smallest any valid plan has
   (Frank & Murota, "Discrete decreasing minimization, Part I", Math. Oper. Res. 47, 2022);
3. link: swaps (a, e1), (b, e2) → (b, e1), (a, e2) between two components, loads
   unchanged; (a, e1) closes a cycle, so removing it splits nothing and the two merge.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from scoring.domain.assignment import Links, Pair, assign_every_judge, trace_links
from scoring.errors import InvalidInput

_Step = tuple[int, int, int]  # (giver judge, entry, taker judge)


@dataclass(frozen=True, kw_only=True)
class AssignmentPlan:
    """Who scores what: sorted (judge_id, entry_id) pairs and how they came about."""

    pairs: tuple[Pair, ...]
    seed: int
    kept: tuple[Pair, ...]  # pairs that already hold marks: never dropped
    loads: Mapping[int, int] = field(hash=False)  # judge_id → entries, every judge listed
    connected: bool  # one judge–entry graph, so judges compare on a common scale
    dropped_conflicted: tuple[Pair, ...] = ()  # marked pairs now barred by a conflict


@dataclass
class _Board:
    """The plan being built: who sits on each entry, which pairs are fixed, loads."""

    judges: list[int]
    entries: list[int]
    barred: Set[Pair]
    fixed: set[Pair]
    eligible: dict[int, list[int]]  # entry → judges without a conflict
    allowed: dict[int, list[int]]  # judge → entries without a conflict
    seated: dict[int, set[int]]  # entry → judges on it
    load: dict[int, int]

    def add(self, judge: int, entry: int) -> None:
        self.seated[entry].add(judge)
        self.load[judge] += 1

    def remove(self, judge: int, entry: int) -> None:
        self.seated[entry].remove(judge)
        self.load[judge] -= 1

    def pairs(self) -> list[Pair]:
        return sorted((j, e) for e in self.entries for j in self.seated[e])


def assign_per_entry(
    *,
    judge_ids: Sequence[int],
    entry_ids: Sequence[int],
    barred: Set[Pair],
    per_entry: int,
    seed: int,
    keep: Set[Pair] = frozenset(),
) -> AssignmentPlan:
    """Seat ``per_entry`` judges on every entry: no barred pair, loads level, judges linked.

    Guarantees. Every entry gets exactly ``per_entry`` judges, or more when more kept pairs
    already sit on it. Kept pairs that are not barred are all in the plan and count toward
    loads; barred ones go to ``dropped_conflicted``. The loads' max − min is the smallest
    any valid plan can have, and at most max(1, B + K), B = the most entries one judge is
    barred from, K = the most kept pairs one judge holds (the heaviest judge cannot pass
    work to the lightest, so the lightest sits on, or is barred from, each of the
    heaviest's movable entries): ≤ 1 with nothing barred or kept, ≤ 2 when no judge is
    barred from more than 2 entries. With nothing barred or kept the plan is connected iff
    entries·(per_entry − 1) ≥ judges − 1 (fewer pairs cannot span the graph); otherwise
    linking is tried and ``connected`` says whether it worked. Same seed, same plan.
    """
    judges, entries = sorted(set(judge_ids)), sorted(set(entry_ids))
    _check_request(judges=judges, entries=entries, barred=barred, per_entry=per_entry)
    fixed, dropped = _split_keep(keep, judges=judges, entries=entries, barred=barred)
    board = _new_board(judges=judges, entries=entries, barred=barred, fixed=fixed)
    rng = random.Random(seed)
    _fill(board, per_entry=per_entry, rng=rng)
    while (steps := _find_shift(board)) is not None:
        for giver, entry, taker in steps:
            board.remove(giver, entry)
            board.add(taker, entry)
    connected = _link(board)
    return _plan(
        board.pairs(), judges=judges, seed=seed, kept=fixed, dropped=dropped, connected=connected
    )


def plan_every_judge(
    *,
    judge_ids: Sequence[int],
    entry_ids: Sequence[int],
    barred: Set[Pair],
    keep: Set[Pair] = frozenset(),
    seed: int = 0,
) -> AssignmentPlan:
    """Every judge scores every entry except the barred pairs (SPEC §4's default mode)."""
    judges, entries = sorted(set(judge_ids)), sorted(set(entry_ids))
    fixed, dropped = _split_keep(keep, judges=judges, entries=entries, barred=barred)
    pairs = assign_every_judge(judges, entries, set(barred))
    connected = trace_links(judge_ids=judges, entry_ids=entries, pairs=pairs).connected
    return _plan(pairs, judges=judges, seed=seed, kept=fixed, dropped=dropped, connected=connected)


def _check_request(
    *, judges: list[int], entries: list[int], barred: Set[Pair], per_entry: int
) -> None:
    if not judges:
        raise InvalidInput("error.assignment_no_judges")
    if not entries:
        raise InvalidInput("error.assignment_no_entries")
    if per_entry < 1:
        raise InvalidInput("error.assignment_per_entry_too_small", per_entry=per_entry)
    if per_entry > len(judges):
        raise InvalidInput(
            "error.assignment_per_entry_too_large", per_entry=per_entry, judges=len(judges)
        )
    short = [e for e in entries if sum((j, e) not in barred for j in judges) < per_entry]
    if short:
        raise InvalidInput(
            "error.assignment_too_few_eligible",
            entries=", ".join(map(str, short)),
            per_entry=per_entry,
        )


def _split_keep(
    keep: Set[Pair], *, judges: list[int], entries: list[int], barred: Set[Pair]
) -> tuple[set[Pair], tuple[Pair, ...]]:
    """Kept pairs that stay, and those a later conflict now bars."""
    known_judges, known_entries = set(judges), set(entries)
    unknown = sorted(p for p in keep if p[0] not in known_judges or p[1] not in known_entries)
    if unknown:
        # Dropping them silently would lose marks; the caller must say what to do.
        raise InvalidInput(
            "error.assignment_keep_unknown", pairs=", ".join(f"{j}/{e}" for j, e in unknown)
        )
    dropped = tuple(sorted(p for p in keep if p in barred))
    return {p for p in keep if p not in barred}, dropped


def _new_board(
    *, judges: list[int], entries: list[int], barred: Set[Pair], fixed: set[Pair]
) -> _Board:
    board = _Board(
        judges=judges,
        entries=entries,
        barred=barred,
        fixed=fixed,
        eligible={e: [j for j in judges if (j, e) not in barred] for e in entries},
        allowed={j: [e for e in entries if (j, e) not in barred] for j in judges},
        seated={e: set() for e in entries},
        load=dict.fromkeys(judges, 0),
    )
    for judge, entry in sorted(fixed):
        board.add(judge, entry)
    return board


def _fill(board: _Board, *, per_entry: int, rng: random.Random) -> None:
    """Greedy start: most-constrained entries first, least-loaded judges, seeded ties."""
    order = list(board.entries)
    rng.shuffle(order)
    order.sort(key=lambda e: len(board.eligible[e]))  # stable: seeded order among equals
    for entry in order:
        seated = board.seated[entry]
        free = [j for j in board.eligible[entry] if j not in seated]
        free.sort(key=lambda j: (board.load[j], rng.random()))
        for judge in free[: max(0, per_entry - len(seated))]:
            board.add(judge, entry)


def _find_shift(board: _Board) -> list[_Step] | None:
    """A path moving one unit of load to a judge holding ≥2 fewer, or None when level.

    One backward search from the lightest judges, widened one load level at a time: a
    judge reached while the sources hold ≤ t loads can shed a unit to one of them.
    """
    load = board.load
    by_load = sorted(board.judges, key=lambda j: (load[j], j))
    parent: dict[int, tuple[int, int] | None] = {}  # giver → (taker, entry) toward a source
    queue: deque[int] = deque()
    next_source = 0
    for threshold in sorted(set(load.values())):
        while next_source < len(by_load) and load[by_load[next_source]] <= threshold:
            source = by_load[next_source]
            next_source += 1
            if source not in parent:
                parent[source] = None
                queue.append(source)
        while queue:
            taker = queue.popleft()
            for entry in board.allowed[taker]:
                seated = board.seated[entry]
                if taker in seated:
                    continue
                for giver in seated:
                    if giver in parent or (giver, entry) in board.fixed:
                        continue
                    parent[giver] = (taker, entry)
                    if load[giver] >= threshold + 2:
                        return _path(parent, giver)
                    queue.append(giver)
    return None


def _path(parent: dict[int, tuple[int, int] | None], giver: int) -> list[_Step]:
    steps: list[_Step] = []
    link = parent[giver]
    while link is not None:
        taker, entry = link
        steps.append((giver, entry, taker))
        giver, link = taker, parent[taker]
    return steps


def _link(board: _Board) -> bool:
    """Merge components by load-preserving swaps; True when one component is left."""
    pairs = board.pairs()
    if len(pairs) < len(board.judges) + len(board.entries) - 1:
        return False  # too few pairs to span every judge and entry
    if len(board.judges) > 1 and min(board.load.values()) == 0:
        return False  # swaps keep loads, so an idle judge stays alone
    while True:
        links = trace_links(judge_ids=board.judges, entry_ids=board.entries, pairs=pairs)
        if links.connected:
            return True
        swap = _merging_swap(board, links=links, pairs=pairs)
        if swap is None:
            return False
        (a, e1), (b, e2) = swap
        board.remove(a, e1)
        board.remove(b, e2)
        board.add(b, e1)
        board.add(a, e2)
        pairs = board.pairs()


def _merging_swap(board: _Board, *, links: Links, pairs: list[Pair]) -> tuple[Pair, Pair] | None:
    """(a, e1) on a cycle and (b, e2) in another component that may trade entries."""
    held: dict[int, list[int]] = {j: [] for j in board.judges}  # judge → movable entries
    for judge, entry in pairs:
        if (judge, entry) not in board.fixed:
            held[judge].append(entry)
    for a, e1 in links.cycle_pairs:
        if (a, e1) in board.fixed:
            continue
        home = links.component[(0, a)]
        for b in board.eligible[e1]:
            if links.component[(0, b)] == home:
                continue
            for e2 in held[b]:
                if (a, e2) not in board.barred:
                    return (a, e1), (b, e2)
    return None


def _plan(
    pairs: Sequence[Pair],
    *,
    judges: list[int],
    seed: int,
    kept: Set[Pair],
    dropped: tuple[Pair, ...],
    connected: bool,
) -> AssignmentPlan:
    loads = dict.fromkeys(judges, 0)
    for judge, _ in pairs:
        loads[judge] += 1
    return AssignmentPlan(
        pairs=tuple(sorted(pairs)),
        seed=seed,
        kept=tuple(sorted(kept)),
        loads=loads,
        connected=connected,
        dropped_conflicted=dropped,
    )
