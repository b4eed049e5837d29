"""Evidence of watching (SPEC §4): what the server itself saw of a judge's watching, and the
credit it gives what their browser reports.

The page notes when a judge first opens an entry; the media route notes which bytes of the
entry's video it sent them. A reported played range is credited only inside the parts
those bytes carry, and never more in all than the time since the opening (see
``domain.watching.credit``). Staff watching is not evidence of anything and is not noted.
A calibration clip's watching is evidenced the same way (``subject`` "clip", the clip's id
in place of the entry's, as in the signed media URLs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring.domain.watching import Range, credit, seconds_of_bytes
from scoring.media.payload import payload_span
from scoring.records.judging import NewServedPart
from scoring.services.context import Context
from scoring.storage import watching as store
from scoring.storage.rows import Cursor


@dataclass(frozen=True, kw_only=True)
class SentTo:
    """A file the media route sends to a judge: whose watching its bytes are evidence of."""

    judge_id: int
    entry_id: int
    kind: str  # 'preview' or 'clean'
    path: Path
    duration_s: float
    subject: str = "entry"  # or "clip": ``entry_id`` is then a calibration clip's id


def note_opening(ctx: Context, *, judge_id: int, entry_id: int, subject: str = "entry") -> None:
    """Remember when the judge first opened the entry or clip (server time); a read on
    later runs."""
    known = ctx.db.read(
        lambda cur: store.opened_at(cur, judge_id=judge_id, entry_id=entry_id, subject=subject)
    )
    if known is None:
        ctx.db.write(
            lambda cur: store.note_opening(
                cur, judge_id=judge_id, entry_id=entry_id, at=ctx.now(), subject=subject
            )
        )


def record_sent(ctx: Context, *, sent_to: SentTo, start: int, end: int) -> None:
    """Remember that the media route sent bytes ``[start, end)`` of the file to the judge."""
    if end <= start:
        return
    first, last = seconds_of_bytes(
        start, end, payload=payload_span(sent_to.path), duration=sent_to.duration_s
    )
    part = NewServedPart(
        judge_id=sent_to.judge_id,
        entry_id=sent_to.entry_id,
        kind=sent_to.kind,
        byte_start=start,
        byte_end=end,
        start_s=first,
        end_s=last,
        served_at=ctx.now(),
        subject=sent_to.subject,
    )
    ctx.db.write(lambda cur: store.add_served_part(cur, part))


def credited_ranges(
    cur: Cursor,
    ctx: Context,
    *,
    judge_id: int,
    entry_id: int,
    before: Sequence[Sequence[float]],
    reported: Sequence[Sequence[float]],
    duration: float,
    subject: str = "entry",
) -> list[Range]:
    """What to credit after a report, in the caller's transaction: ``before`` and the
    reported parts that were sent to the judge, within the time since they opened it
    (``subject`` "clip": ``entry_id`` is a calibration clip's id)."""
    opened = store.opened_at(cur, judge_id=judge_id, entry_id=entry_id, subject=subject)
    allowance = 0.0 if opened is None else (ctx.now() - opened).total_seconds()
    served = store.served_seconds(cur, judge_id=judge_id, entry_id=entry_id, subject=subject)
    return credit(before, reported, served=served, allowance=allowance, duration=duration)
