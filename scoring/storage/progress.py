"""Judging progress of a campaign: every judge × entry pair that matters, in one query."""

from __future__ import annotations

from scoring.records import ProgressPair
from scoring.storage.rows import Cursor, fetch_records


def progress_pairs(cur: Cursor, campaign_id: int) -> list[ProgressPair]:
    """Every judge × entry with an assignment, a conflict or a scorecard (with its state and
    the number of marks given); then each judge and each entry of the campaign without one."""
    return fetch_records(
        cur,
        ProgressPair,
        """
        WITH ents AS (SELECT id, code, title FROM entries
                      WHERE campaign_id = $campaign AND stage = 'received'),
        cards AS MATERIALIZED (
            SELECT s.id, s.judge_id, s.entry_id, s.status, s.source, s.watch_share,
                   s.updated_at, s.submitted_at, s.reopen_reason, count(m.criterion_key) AS marks
            FROM scorecards s LEFT JOIN marks m ON m.scorecard_id = s.id
            WHERE s.campaign_id = $campaign
            GROUP BY ALL
        ),
        pairs AS MATERIALIZED (  -- read three times below: computed once
            SELECT judge_id, entry_id FROM assignments WHERE campaign_id = $campaign
            UNION SELECT judge_id, entry_id FROM cards
            UNION SELECT c.judge_id, c.entry_id FROM conflicts c JOIN ents ON ents.id = c.entry_id
        )
        SELECT p.judge_id, u.username, u.display_name, u.role = 'judge' AS is_judge,
               p.entry_id, e.code, e.title, a.judge_id IS NOT NULL AS assigned,
               k.kind AS conflict, s.id AS scorecard_id, s.status, s.source, s.watch_share,
               coalesce(s.marks, 0) AS marks_given, s.updated_at, s.submitted_at,
               s.reopen_reason
        FROM pairs p JOIN users u ON u.id = p.judge_id JOIN ents e ON e.id = p.entry_id
        LEFT JOIN assignments a ON a.judge_id = p.judge_id AND a.entry_id = p.entry_id
        LEFT JOIN conflicts k ON k.judge_id = p.judge_id AND k.entry_id = p.entry_id
        LEFT JOIN cards s ON s.judge_id = p.judge_id AND s.entry_id = p.entry_id
        UNION ALL
        SELECT u.id, u.username, u.display_name, TRUE, NULL, '', '', FALSE, NULL, NULL,
               NULL, NULL, NULL, 0, NULL, NULL, NULL
        FROM users u
        WHERE u.role = 'judge' AND u.id NOT IN (SELECT judge_id FROM pairs)
        UNION ALL
        SELECT NULL, '', '', FALSE, e.id, e.code, e.title, FALSE, NULL, NULL,
               NULL, NULL, NULL, 0, NULL, NULL, NULL
        FROM ents e WHERE e.id NOT IN (SELECT entry_id FROM pairs)
        """,
        {"campaign": campaign_id},
    )
