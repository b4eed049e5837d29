"""When the nightly backup is due (pure: times in, a decision out)."""

from __future__ import annotations

from datetime import datetime, time


def backup_due(*, now_local: datetime, last_local: datetime | None, hour: int) -> bool:
    """True when today's backup time has passed and no backup was made since it."""
    if hour < 0:
        return False
    today = datetime.combine(now_local.date(), time(hour=hour), now_local.tzinfo)
    return now_local >= today and (last_local is None or last_local < today)


def expired(names_newest_first: list[str], *, keep: int) -> list[str]:
    """The nightly backups beyond the newest ``keep`` (to be removed)."""
    return names_newest_first[max(keep, 1) :]
