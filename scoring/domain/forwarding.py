"""The notice's rules for a recommending unit's works (五、征集流程（二）省市区初审).

"各成员单位、各市（州）市场监管局……从报送作品中评选1-2部（至少一部）推荐作品报送省质量
强省建设协调推进领导小组办公室": a unit forwards at least one work and at most two, by the
deadline the office sets. A scanned copyright pledge (附件3) is a PDF or a JPEG, known by
its first bytes, not by its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from scoring.domain.blind import same_unit
from scoring.errors import InvalidInput

MIN_WORKS: Final = 1
MAX_WORKS: Final = 2
RULE_TEXT: Final = "从报送作品中评选1-2部（至少一部）推荐作品报送"
_PDF: Final = b"%PDF-"
_JPEG: Final = b"\xff\xd8\xff"
SNIFF_BYTES: Final = 8


def check_forwarding(
    *,
    already: int,
    chosen: int,
    now: datetime,
    deadline: datetime | None,
    deadline_text: str,
) -> None:
    """Refuse a forwarding that breaks the notice: past the deadline, none chosen, or more
    than two works in the office's hands afterwards (the rule is quoted)."""
    if deadline is not None and now > deadline:
        raise InvalidInput("forward.after_deadline", deadline=deadline_text)
    if chosen < MIN_WORKS:
        raise InvalidInput("forward.none_chosen", rule=RULE_TEXT, min=MIN_WORKS)
    if already + chosen > MAX_WORKS:
        raise InvalidInput(
            "forward.too_many",
            rule=RULE_TEXT,
            max=MAX_WORKS,
            already=already,
            chosen=chosen,
            left=max(0, MAX_WORKS - already),
        )


def received_for(unit: str, works: Sequence[tuple[str, str]]) -> int:
    """How many received works count toward ``unit``'s two: those it registered and those
    the office registered naming it as 推荐单位. ``works``: (registering unit, 推荐单位)."""
    return sum(
        1
        for owner, recommender in works
        if same_unit(owner, unit) or (not owner and same_unit(recommender, unit))
    )


def pledge_kind(head: bytes) -> str | None:
    """``pdf`` or ``jpeg`` from a file's first bytes; None for anything else."""
    if head.startswith(_PDF):
        return "pdf"
    if head.startswith(_JPEG):
        return "jpeg"
    return None
