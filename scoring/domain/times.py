"""Calendar days in the installation's zone versus stored UTC instants."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def day_bounds(
    first: date | None, last: date | None, zone: str
) -> tuple[datetime | None, datetime | None]:
    """[start of ``first``, start of the day after ``last``) in ``zone``; None stays open."""
    tz = ZoneInfo(zone)
    start = datetime.combine(first, time.min, tz) if first else None
    end = datetime.combine(last + timedelta(days=1), time.min, tz) if last else None
    return start, end


def day_start(moment: datetime, zone: str) -> datetime:
    """The start of ``moment``'s calendar day in ``zone``."""
    tz = ZoneInfo(zone)
    return datetime.combine(moment.astimezone(tz).date(), time.min, tz)
