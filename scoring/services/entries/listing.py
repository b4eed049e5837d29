"""Reading entries: one entry by id (or a clear "not found"), the coordinators' table."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from scoring.enums import EntryStage
from scoring.errors import NotFound
from scoring.records.entries import Entry, EntrySummary
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import entries as store
from scoring.storage.rows import Cursor


def entry_table(ctx: Context, *, actor: Actor, campaign_id: int) -> list[EntrySummary]:
    """Every entry of the campaign with media facts and scorecard counts (staff only)."""
    require_role(actor, *STAFF)
    return ctx.db.read(lambda cur: store.entry_summaries(cur, campaign_id))


def _folded(text: str) -> str:
    """Full-width letters and digits as half-width, case ignored (Ｇｓ-2023 finds GS-2023)."""
    return unicodedata.normalize("NFKC", text).casefold()


def search_entries(entries: Sequence[EntrySummary], text: str) -> list[EntrySummary]:
    """The entries whose code, title, producer, submitter or recommender hold every word of
    ``text`` (in any of them); all entries when ``text`` is blank."""
    words = _folded(text).split()
    if not words:
        return list(entries)
    found = []
    for e in entries:
        haystack = _folded("\n".join((e.code, e.title, e.producer, e.submitter, e.recommender)))
        if all(word in haystack for word in words):
            found.append(e)
    return found


def existing_entry(cur: Cursor, entry_id: int) -> Entry:
    """The received entry with this id; NotFound when there is none (a recommending unit's
    draft is not the office's to open, judge, score or rank)."""
    entry = store.get_entry(cur, entry_id)
    if entry is None or entry.stage is not EntryStage.RECEIVED:
        raise NotFound("error.entry_unknown", entry=entry_id)
    return entry
