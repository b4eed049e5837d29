-- What the server itself saw of a judge's watching (SPEC §4): when the judge first opened
-- an entry, and which parts of its video the media route sent to them. A played range the
-- browser reports is credited only where those parts were sent, and never more in all
-- than the time since the entry was opened.
CREATE TABLE entry_openings (
    judge_id   INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,            -- server time of the first opening
    PRIMARY KEY (judge_id, entry_id)
);
CREATE SEQUENCE served_part_ids START 1;
CREATE TABLE served_parts (
    id          BIGINT PRIMARY KEY DEFAULT nextval('served_part_ids'),
    judge_id    INTEGER NOT NULL,
    entry_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL,                  -- the file sent: 'preview' or 'clean'
    byte_start  BIGINT NOT NULL,
    byte_end    BIGINT NOT NULL,                -- exclusive: the bytes handed to the network
    start_s     DOUBLE NOT NULL,                -- the part of the video those bytes carry
    end_s       DOUBLE NOT NULL,
    served_at   TIMESTAMPTZ NOT NULL
);
