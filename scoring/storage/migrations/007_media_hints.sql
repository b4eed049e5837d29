-- Media hints (loudness, silence, black and frozen pictures, the video signature) measured
-- from each stored original in the background; for coordinators only, never a score input.
-- No row yet: the file waits to be measured.
CREATE TABLE media_hints (
    sha256       TEXT PRIMARY KEY,          -- the media_files row measured
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'failed')),
    progress     DOUBLE NOT NULL DEFAULT 0,
    error        TEXT,                      -- ffmpeg's reason when it failed
    measures     JSON,                      -- loudness and the stretches, in seconds
    signature    BLOB,                      -- ffmpeg's MPEG-7 video signature (binary form)
    measured_at  TIMESTAMPTZ
);
-- Pairs of stored originals that show the same film (re-encoded, resized or trimmed);
-- sha_a < sha_b, ranges [[a_start, a_end, b_start, b_end], ...] in seconds.
CREATE TABLE media_matches (
    sha_a   TEXT NOT NULL,
    sha_b   TEXT NOT NULL,
    ranges  JSON NOT NULL,
    whole   BOOLEAN NOT NULL,                -- most of the shorter film is in the other
    PRIMARY KEY (sha_a, sha_b),
    CHECK (sha_a < sha_b)
);
