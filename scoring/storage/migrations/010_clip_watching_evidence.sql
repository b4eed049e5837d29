-- Evidence of watching for the calibration round's reference clips too (SPEC §4): a clip's
-- watched share is credited from what the media route sent the judge and the time since they
-- opened it, like an entry's. ``subject`` says which: 'entry' (``entry_id`` is an entry's
-- id) or 'clip' (``entry_id`` is a calibration clip's id), as in the signed media URLs.

-- The opening's key takes the subject: the table is made again.
CREATE TABLE entry_openings_by_subject (
    judge_id   INTEGER NOT NULL,
    subject    TEXT NOT NULL DEFAULT 'entry' CHECK (subject IN ('entry', 'clip')),
    entry_id   INTEGER NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (judge_id, subject, entry_id)
);
INSERT INTO entry_openings_by_subject (judge_id, subject, entry_id, opened_at)
SELECT judge_id, 'entry', entry_id, opened_at FROM entry_openings;
DROP TABLE entry_openings;
ALTER TABLE entry_openings_by_subject RENAME TO entry_openings;

ALTER TABLE served_parts ADD COLUMN subject TEXT DEFAULT 'entry';
