"""Judging progress of a campaign, counted by the database (a national round has 50 000
scorecards: the page reads the counts and one page of cards, never every pair).

The pairs that count are every judge × received entry with an assignment, a conflict or a
scorecard. A pair is *open* when the judge is assigned the entry and has no conflict with
it. A judge's counts are over their open pairs (recusals over all of them); an entry's
submitted and draft counts are over every scorecard it has (a card kept after a conflict
was declared still counts for the ranking, which reads submitted cards), its assigned
count over its open pairs. Every judge is listed (one without pairs with zeros), and every
received entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.records.progress import EntryProgress, JudgeProgress, ScorecardLine
from scoring.storage.rows import Cursor, fetch_records

_PAIRS = """
WITH ents AS (SELECT id, code, title FROM entries
              WHERE campaign_id = $campaign AND stage = 'received'),
pairs AS (
    SELECT judge_id, entry_id FROM assignments WHERE campaign_id = $campaign
    UNION SELECT judge_id, entry_id FROM scorecards WHERE campaign_id = $campaign
    UNION SELECT c.judge_id, c.entry_id FROM conflicts c JOIN ents ON ents.id = c.entry_id
),
facts AS MATERIALIZED (
    SELECT p.judge_id, p.entry_id, a.judge_id IS NOT NULL AND k.kind IS NULL AS open,
           k.kind AS conflict, s.status, s.source, s.watch_share
    FROM pairs p JOIN ents e ON e.id = p.entry_id
    LEFT JOIN assignments a ON a.judge_id = p.judge_id AND a.entry_id = p.entry_id
    LEFT JOIN conflicts k ON k.judge_id = p.judge_id AND k.entry_id = p.entry_id
    LEFT JOIN scorecards s ON s.judge_id = p.judge_id AND s.entry_id = p.entry_id
)
"""

_JUDGES = (
    _PAIRS
    + """
SELECT u.id AS judge_id, u.username, u.display_name,
       count(f.judge_id) FILTER (WHERE f.open) AS assigned,
       count(f.judge_id) FILTER (WHERE f.open AND f.status = 'submitted') AS submitted,
       count(f.judge_id) FILTER (WHERE f.open AND f.status = 'draft') AS drafts,
       count(f.judge_id) FILTER (WHERE f.conflict = 'recusal') AS recused,
       count(f.judge_id) FILTER (WHERE f.open AND f.source = 'paper') AS paper,
       avg(f.watch_share) FILTER (WHERE f.open AND f.status = 'submitted'
                                  AND f.source = 'app') AS mean_watch_share
FROM users u LEFT JOIN facts f ON f.judge_id = u.id
WHERE u.role = 'judge'
GROUP BY u.id, u.username, u.display_name
ORDER BY u.username, u.id
"""
)

_ENTRIES = (
    _PAIRS
    + """
SELECT e.id AS entry_id, e.code, e.title,
       count(f.entry_id) FILTER (WHERE f.open) AS assigned,
       count(f.entry_id) FILTER (WHERE f.status = 'submitted') AS submitted,
       count(f.entry_id) FILTER (WHERE f.status = 'draft') AS drafts
FROM ents e LEFT JOIN facts f ON f.entry_id = e.id
GROUP BY e.id, e.code, e.title
ORDER BY e.code
"""
)

_CARD_ROWS = """
FROM scorecards s
JOIN entries e ON e.id = s.entry_id AND e.stage = 'received'
JOIN users u ON u.id = s.judge_id
WHERE s.campaign_id = $campaign
  AND (CAST($judge AS INTEGER) IS NULL OR s.judge_id = CAST($judge AS INTEGER))
  AND contains(lower(e.code), lower(CAST($code AS TEXT)))
"""

_CARDS = (
    """
SELECT s.id AS scorecard_id, s.judge_id, u.username, u.display_name, s.entry_id, e.code,
       s.status, s.source, s.watch_share, s.updated_at, s.submitted_at, s.reopen_reason,
       (SELECT count(*) FROM marks m WHERE m.scorecard_id = s.id) AS marks_given
"""
    + _CARD_ROWS
    + "ORDER BY e.code, u.username, s.id LIMIT CAST($limit AS BIGINT)"
)


@dataclass(frozen=True)
class CardPage:
    """The scorecards asked for, in order (code, then judge), and how many match."""

    cards: list[ScorecardLine]
    total: int


def judge_progress(cur: Cursor, campaign_id: int) -> list[JudgeProgress]:
    """Every judge's counts in the campaign, by user name."""
    return fetch_records(cur, JudgeProgress, _JUDGES, {"campaign": campaign_id})


def entry_progress(cur: Cursor, campaign_id: int) -> list[EntryProgress]:
    """Every received entry's counts, by code."""
    return fetch_records(cur, EntryProgress, _ENTRIES, {"campaign": campaign_id})


def card_page(
    cur: Cursor,
    campaign_id: int,
    *,
    judge_id: int | None = None,
    code: str = "",
    limit: int | None = None,
) -> CardPage:
    """The campaign's scorecards (of one judge, and/or whose entry code contains ``code``,
    case folded), the first ``limit`` of them (all without one)."""
    params = {"campaign": campaign_id, "judge": judge_id, "code": code.strip()}
    cards = fetch_records(cur, ScorecardLine, _CARDS, params | {"limit": limit})
    if limit is None or len(cards) < limit:
        return CardPage(cards, len(cards))
    row = cur.execute("SELECT count(*) " + _CARD_ROWS, params).fetchone()
    return CardPage(cards, int(row[0]) if row else len(cards))
