-- The calibration round (试评): reference clips every judge scores before the real round,
-- on the same rubric. Kept in tables of their own, which no ranking, export, progress or
-- reliability query reads, so calibration marks can never reach a result.
CREATE SEQUENCE calibration_clip_ids START 1;
CREATE TABLE calibration_clips (
    id            INTEGER PRIMARY KEY DEFAULT nextval('calibration_clip_ids'),
    campaign_id   INTEGER NOT NULL,
    title         TEXT NOT NULL DEFAULT '',   -- the coordinators' name for it; never shown to judges
    media_sha256  TEXT NOT NULL,              -- a stored original, like an entry's video
    added_by      TEXT NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL
);

-- One row per campaign once a clip is added; open while closed_at is NULL.
CREATE TABLE calibration_rounds (
    campaign_id  INTEGER PRIMARY KEY,
    note         TEXT NOT NULL DEFAULT '',    -- what the panel agreed in the discussion
    note_by      TEXT,
    note_at      TIMESTAMPTZ,
    opened_by    TEXT NOT NULL,
    opened_at    TIMESTAMPTZ NOT NULL,
    closed_by    TEXT,
    closed_at    TIMESTAMPTZ
);

CREATE SEQUENCE calibration_card_ids START 1;
CREATE TABLE calibration_cards (
    id            INTEGER PRIMARY KEY DEFAULT nextval('calibration_card_ids'),
    campaign_id   INTEGER NOT NULL,
    clip_id       INTEGER NOT NULL,
    judge_id      INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    comment       TEXT NOT NULL DEFAULT '',
    watch_share   DOUBLE,
    watch_ranges  JSON,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    submitted_at  TIMESTAMPTZ,
    UNIQUE (judge_id, clip_id)
);

CREATE TABLE calibration_marks (
    card_id        INTEGER NOT NULL,
    criterion_key  TEXT NOT NULL,
    value          DOUBLE NOT NULL CHECK (value >= 0 AND value <= 10),
    PRIMARY KEY (card_id, criterion_key)
);
