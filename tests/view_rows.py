"""A staged views-import row for the tests of its checks and its staging: views only, no
likes, comments or shares."""

from __future__ import annotations

from datetime import datetime

from scoring.domain.view_checks import StagedRow


def staged_row(
    line: int, entry_id: int, views: int, platform: str = "douyin", *, at: datetime
) -> StagedRow:
    """Line ``line`` of the file: ``views`` for ``entry_id`` on ``platform`` at ``at``."""
    return StagedRow(
        line=line,
        entry_id=entry_id,
        platform=platform,
        captured_at=at,
        views=views,
        likes=None,
        comments=None,
        shares=None,
    )
