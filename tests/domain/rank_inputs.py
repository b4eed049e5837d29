"""A ranking input entry for the domain tests: a micro-video, nothing flagged unless told."""

from __future__ import annotations

from scoring.domain.score_table import RankInputEntry
from scoring.enums import Category


def entry(entry_id: int, code: str, views: int = 0, **flags: bool) -> RankInputEntry:
    """Entry ``code`` with ``views``; ``cqo``, ``has_error``, ``neutralised`` as given."""
    return RankInputEntry(
        entry_id=entry_id,
        code=code,
        category=Category.MICRO_VIDEO,
        cqo=flags.get("cqo", False),
        has_error=flags.get("has_error", False),
        neutralised=flags.get("neutralised", False),
        views=views,
    )
