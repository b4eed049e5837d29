-- JuryDesk schema, version 1 (the base every later migration builds on).
-- All times are TIMESTAMPTZ and stored in UTC; the app shows them in Asia/Shanghai.
-- No FOREIGN KEY clauses: DuckDB refuses updates of a referenced row's indexed columns,
-- so the store keeps references consistent itself, inside one transaction per save.

CREATE TABLE installation (
    key   TEXT PRIMARY KEY,          -- e.g. active_campaign_id, demo
    value TEXT NOT NULL
);

CREATE SEQUENCE campaign_ids START 1;
CREATE TABLE campaigns (
    id                    INTEGER PRIMARY KEY DEFAULT nextval('campaign_ids'),
    name                  TEXT NOT NULL,
    submission_deadline   TIMESTAMPTZ,
    scoring_deadline      TIMESTAMPTZ,
    shortlist_size        INTEGER NOT NULL DEFAULT 5,
    expert_weight         DOUBLE NOT NULL DEFAULT 0.7,
    method                TEXT NOT NULL DEFAULT 'zscore',
    min_judges            INTEGER NOT NULL DEFAULT 3,
    blind_mode            BOOLEAN NOT NULL DEFAULT TRUE,
    watch_share_required  DOUBLE NOT NULL DEFAULT 0.9,
    assignment_per_entry  INTEGER,             -- NULL: every judge scores every entry
    assignment_seed       BIGINT,
    ranking_cutoff        TIMESTAMPTZ,         -- NULL: now
    is_demo               BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at           TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE user_ids START 1;
CREATE TABLE users (
    id             INTEGER PRIMARY KEY DEFAULT nextval('user_ids'),
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL CHECK (role IN ('judge', 'coordinator', 'admin')),
    password_hash  TEXT NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    language       TEXT,
    sessions_valid_after  TIMESTAMPTZ,     -- login cookies issued before this are refused
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE login_attempt_ids START 1;
CREATE TABLE login_attempts (
    id        BIGINT PRIMARY KEY DEFAULT nextval('login_attempt_ids'),
    username  TEXT NOT NULL,             -- as typed (lower-cased), known user or not
    attempted_at  TIMESTAMPTZ NOT NULL,
    result    TEXT NOT NULL CHECK (result IN ('ok', 'bad_credentials', 'locked', 'disabled'))
);

CREATE SEQUENCE entry_ids START 1;
CREATE TABLE entries (
    id                    INTEGER PRIMARY KEY DEFAULT nextval('entry_ids'),
    campaign_id           INTEGER NOT NULL,
    code                  TEXT NOT NULL,
    title                 TEXT NOT NULL,
    category              TEXT NOT NULL CHECK (category IN ('micro_video', 'micro_animation')),
    duration_declared     TEXT NOT NULL DEFAULT '',
    producer              TEXT NOT NULL DEFAULT '',
    shot_date             DATE,
    completed_date        DATE,
    synopsis              TEXT NOT NULL DEFAULT '',
    copy_text             TEXT NOT NULL DEFAULT '',
    place                 TEXT NOT NULL DEFAULT '',
    people                TEXT NOT NULL DEFAULT '',
    event                 TEXT NOT NULL DEFAULT '',
    result                TEXT NOT NULL DEFAULT '',
    intro                 TEXT NOT NULL DEFAULT '',
    submitter             TEXT NOT NULL DEFAULT '',
    submitter_type        TEXT NOT NULL DEFAULT '',
    recommender           TEXT NOT NULL DEFAULT '',
    contact               TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    cqo_case              BOOLEAN NOT NULL DEFAULT FALSE,
    media_file            TEXT NOT NULL DEFAULT '',   -- file name as declared in the table
    media_sha256          TEXT,                       -- stored original, NULL until matched
    subtitle_sha256       TEXT,                       -- optional .srt, stored like media
    platform_links        TEXT NOT NULL DEFAULT '',   -- "douyin=https://…; samr=https://…"
    copyright_pledge      BOOLEAN NOT NULL DEFAULT FALSE,
    no_major_incident     BOOLEAN NOT NULL DEFAULT FALSE,
    lawfully_established  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    UNIQUE (campaign_id, code)
);

CREATE TABLE media_files (
    sha256            TEXT PRIMARY KEY,          -- the stored file's name is this hash
    size_bytes        BIGINT NOT NULL,
    original_name     TEXT NOT NULL,             -- metadata only, never a path
    stored_at         TIMESTAMPTZ NOT NULL,
    container         TEXT,                      -- mp4 | mov | other
    video_codec       TEXT,
    audio_codec       TEXT,
    width             INTEGER,                   -- display size, rotation applied
    height            INTEGER,
    rotation          INTEGER,
    duration_s        DOUBLE,
    fps               DOUBLE,
    bit_rate          BIGINT,
    probe             JSON,                      -- everything the probe read
    preview_status    TEXT NOT NULL DEFAULT 'pending'
                      CHECK (preview_status IN ('pending', 'running', 'done', 'failed')),
    preview_progress  DOUBLE NOT NULL DEFAULT 0,
    preview_error     TEXT
);

CREATE SEQUENCE rule_set_ids START 1;
CREATE TABLE rule_sets (
    id           INTEGER PRIMARY KEY DEFAULT nextval('rule_set_ids'),
    campaign_id  INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    rules        JSON NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (campaign_id, version)
);

CREATE TABLE findings (
    entry_id     INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('ok', 'warning', 'error')),
    message_key  TEXT NOT NULL,
    params       JSON NOT NULL,
    rule_set_id  INTEGER,
    computed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entry_id, position)
);

CREATE TABLE rubric_criteria (
    campaign_id     INTEGER NOT NULL,
    key             TEXT NOT NULL,
    position        INTEGER NOT NULL,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_zh  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    weight          DOUBLE NOT NULL CHECK (weight > 0),
    PRIMARY KEY (campaign_id, key)
);

CREATE TABLE assignments (
    campaign_id  INTEGER NOT NULL,
    judge_id     INTEGER NOT NULL,
    entry_id     INTEGER NOT NULL,
    assigned_at  TIMESTAMPTZ NOT NULL,
    seed         BIGINT,
    PRIMARY KEY (judge_id, entry_id)
);

CREATE TABLE conflicts (
    judge_id     INTEGER NOT NULL,
    entry_id     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('unit', 'recusal')),
    reason       TEXT NOT NULL DEFAULT '',
    declared_by  TEXT NOT NULL,
    declared_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (judge_id, entry_id)
);

CREATE SEQUENCE scorecard_ids START 1;
CREATE TABLE scorecards (
    id             INTEGER PRIMARY KEY DEFAULT nextval('scorecard_ids'),
    campaign_id    INTEGER NOT NULL,
    judge_id       INTEGER NOT NULL,
    entry_id       INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    comment        TEXT NOT NULL DEFAULT '',
    watch_share    DOUBLE,                      -- 0–1 of the video actually played; NULL for paper
    watch_ranges   JSON,                        -- [[start_s, end_s], …]
    source         TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'paper')),
    entered_by     INTEGER,                     -- user who typed it (coordinator for paper)
    reopen_reason  TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    submitted_at   TIMESTAMPTZ,
    UNIQUE (judge_id, entry_id)
);

CREATE TABLE marks (
    scorecard_id   INTEGER NOT NULL,
    criterion_key  TEXT NOT NULL,
    value          DOUBLE NOT NULL CHECK (value >= 0 AND value <= 10),
    PRIMARY KEY (scorecard_id, criterion_key)
);

CREATE SEQUENCE scorecard_change_ids START 1;
CREATE TABLE scorecard_changes (
    id            BIGINT PRIMARY KEY DEFAULT nextval('scorecard_change_ids'),
    scorecard_id  INTEGER NOT NULL,
    changed_by    TEXT NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    field         TEXT NOT NULL,                -- a criterion key, 'comment' or 'status'
    old_value     TEXT,
    new_value     TEXT
);

-- No primary key: the importer decides what is a duplicate or a conflict (and says so),
-- and a million-row import should not pay for an index it never needs.
CREATE TABLE view_snapshots (
    entry_id     INTEGER NOT NULL,
    platform     TEXT NOT NULL,
    captured_at  TIMESTAMPTZ NOT NULL,
    views        BIGINT NOT NULL,
    likes        BIGINT,
    comments     BIGINT,
    shares       BIGINT,
    import_id    INTEGER
);

CREATE SEQUENCE import_ids START 1;
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY DEFAULT nextval('import_ids'),
    campaign_id     INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('entries', 'views', 'scores')),
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    rows_read       INTEGER NOT NULL,
    rows_imported   INTEGER NOT NULL,
    rows_duplicate  INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    username        TEXT NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE override_ids START 1;
CREATE TABLE overrides (
    id             INTEGER PRIMARY KEY DEFAULT nextval('override_ids'),
    campaign_id    INTEGER NOT NULL,
    entry_id       INTEGER NOT NULL,
    kind           TEXT NOT NULL
                   CHECK (kind IN ('shortlist_in', 'shortlist_out', 'neutralise_audience')),
    reason         TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    revoked_by     TEXT,
    revoked_at     TIMESTAMPTZ,
    revoke_reason  TEXT
);

-- Append-only: the code has INSERT and SELECT for this table and nothing else.
CREATE SEQUENCE audit_ids START 1;
CREATE TABLE audit_log (
    id           BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'),
    logged_at    TIMESTAMPTZ NOT NULL,
    actor        TEXT NOT NULL,                 -- a username, or 'cli:<os user>' / 'system'
    campaign_id  INTEGER,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL DEFAULT '',
    details      JSON NOT NULL
);
