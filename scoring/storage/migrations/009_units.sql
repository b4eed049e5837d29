-- Recommending units (推荐单位) in the app: a 'unit' role, works a unit registers and
-- forwards, the scanned copyright pledge (附件3) of a work, and each unit's liaison (附件2).

-- A role check cannot be altered in place: the users table is made again with 'unit' allowed.
CREATE TABLE users_with_units (
    id             INTEGER PRIMARY KEY DEFAULT nextval('user_ids'),
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL CHECK (role IN ('judge', 'coordinator', 'admin', 'unit')),
    password_hash  TEXT NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    language       TEXT,
    sessions_valid_after  TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
INSERT INTO users_with_units
SELECT id, username, display_name, unit, role, password_hash, disabled, language,
       sessions_valid_after, created_at, updated_at
  FROM users;
DROP TABLE users;
ALTER TABLE users_with_units RENAME TO users;

-- unit: the recommending unit whose account registered the work ('' for works the office
-- registered itself). stage: 'draft' while only that unit sees it, 'received' once it is in
-- the office's hands (forwarded, or registered by the office); judging, ranking, exports
-- and views read 'received' works only.
ALTER TABLE entries ADD COLUMN unit TEXT DEFAULT '';
ALTER TABLE entries ADD COLUMN stage TEXT DEFAULT 'received';
ALTER TABLE entries ADD COLUMN forwarded_at TIMESTAMPTZ;
ALTER TABLE entries ADD COLUMN pledge_sha256 TEXT;

-- A scanned 附件3 (PDF or JPEG, recognised by its first bytes), stored like the videos
-- under its sha256; the name is metadata only.
CREATE TABLE pledge_files (
    sha256         TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg')),
    size_bytes     BIGINT NOT NULL,
    original_name  TEXT NOT NULL,
    stored_at      TIMESTAMPTZ NOT NULL
);

-- 附件2 联络员反馈表: one liaison per unit and campaign, kept by the unit's own users.
CREATE TABLE unit_contacts (
    campaign_id   INTEGER NOT NULL,
    unit          TEXT NOT NULL,
    name          TEXT NOT NULL,
    contact_unit  TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL DEFAULT '',
    mobile        TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (campaign_id, unit)
);
