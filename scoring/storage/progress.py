"""Judging progress of a campaign, aggregated in SQL."""

from __future__ import annotations

from scoring.records import EntryProgress, JudgeProgress, ScorecardLine
from scoring.storage.rows import Cursor, fetch_records


def judge_progress(cur: Cursor, campaign_id: int) -> list[JudgeProgress]:
    """Per judge: assigned (conflicts left out), submitted, drafts, recusals, paper cards."""
    return fetch_records(
        cur,
        JudgeProgress,
        """
        WITH open_pairs AS (
            SELECT a.judge_id, a.entry_id FROM assignments a
            WHERE a.campaign_id = ? AND NOT EXISTS (
                SELECT 1 FROM conflicts c WHERE c.judge_id = a.judge_id AND c.entry_id = a.entry_id)
        )
        SELECT u.id AS judge_id, u.username, u.display_name,
               (SELECT count(*) FROM open_pairs p WHERE p.judge_id = u.id) AS assigned,
               count(*) FILTER (WHERE s.status = 'submitted') AS submitted,
               count(*) FILTER (WHERE s.status = 'draft') AS drafts,
               (SELECT count(*) FROM conflicts c JOIN entries e ON e.id = c.entry_id
                 WHERE c.judge_id = u.id AND c.kind = 'recusal' AND e.campaign_id = ?) AS recused,
               count(*) FILTER (WHERE s.source = 'paper') AS paper,
               avg(s.watch_share) FILTER (WHERE s.status = 'submitted' AND s.source = 'app')
                   AS mean_watch_share
        FROM users u
        LEFT JOIN scorecards s ON s.judge_id = u.id AND s.campaign_id = ?
             AND EXISTS (SELECT 1 FROM open_pairs p WHERE p.judge_id = s.judge_id
                         AND p.entry_id = s.entry_id)
        WHERE u.role = 'judge'
        GROUP BY u.id, u.username, u.display_name
        ORDER BY u.username
        """,
        [campaign_id, campaign_id, campaign_id],
    )


def entry_progress(cur: Cursor, campaign_id: int) -> list[EntryProgress]:
    """Per entry: judges assigned (conflicts left out), scorecards submitted and drafts."""
    return fetch_records(
        cur,
        EntryProgress,
        """
        SELECT e.id AS entry_id, e.code, e.title,
               (SELECT count(*) FROM assignments a WHERE a.entry_id = e.id AND NOT EXISTS (
                    SELECT 1 FROM conflicts c
                    WHERE c.judge_id = a.judge_id AND c.entry_id = a.entry_id)) AS assigned,
               (SELECT count(*) FROM scorecards s
                 WHERE s.entry_id = e.id AND s.status = 'submitted') AS submitted,
               (SELECT count(*) FROM scorecards s
                 WHERE s.entry_id = e.id AND s.status = 'draft') AS drafts
        FROM entries e WHERE e.campaign_id = ? AND e.stage = 'received' ORDER BY e.code
        """,
        [campaign_id],
    )


def scorecard_lines(cur: Cursor, campaign_id: int) -> list[ScorecardLine]:
    """Every scorecard of a campaign with its judge, entry, state and coverage."""
    return fetch_records(
        cur,
        ScorecardLine,
        """
        SELECT s.id AS scorecard_id, s.judge_id, u.username, s.entry_id, e.code, s.status,
               s.source, s.watch_share, s.updated_at, s.submitted_at, s.reopen_reason,
               (SELECT count(*) FROM marks m WHERE m.scorecard_id = s.id) AS marks_given
        FROM scorecards s JOIN users u ON u.id = s.judge_id JOIN entries e ON e.id = s.entry_id
        WHERE s.campaign_id = ? ORDER BY e.code, u.username
        """,
        [campaign_id],
    )
