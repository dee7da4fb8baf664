-- Daily channel digests and thread summaries, SQLite flavour (keep in step
-- with migrations/postgres). Every table carries team_id; timestamps are epoch seconds.

-- A channel's daily digest: when (local time in tz), where it is posted, and
-- since when the messages received as events are complete (covered_from).
CREATE TABLE digests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id      TEXT    NOT NULL,
    channel_id   TEXT    NOT NULL,
    -- Post into this channel instead of the digested one.
    target_id    TEXT,
    time_of_day  TEXT    NOT NULL,
    tz           TEXT    NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 1,
    next_due_at  INTEGER,
    covered_from INTEGER NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (team_id, channel_id)
);
CREATE INDEX digests_due ON digests (next_due_at);

-- Human messages received as events in channels with a digest on (new,
-- edited, thread replies). A deletion keeps the row as a tombstone with
-- the text removed, so a late event or a backfill cannot bring it back.
CREATE TABLE channel_messages (
    team_id     TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    ts          TEXT    NOT NULL,
    ts_secs     INTEGER NOT NULL,
    thread_ts   TEXT,
    user_id     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    edited_at   INTEGER,
    PRIMARY KEY (team_id, channel_id, ts)
);
CREATE INDEX channel_messages_window ON channel_messages (team_id, channel_id, ts_secs);
CREATE INDEX channel_messages_age ON channel_messages (ts_secs);

-- One row per channel and day, claimed before the digest is posted:
-- claimed -> posting -> posted | empty | failed.
CREATE TABLE digest_runs (
    team_id      TEXT    NOT NULL,
    channel_id   TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    window_end   INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    claimed_at   INTEGER NOT NULL,
    posted_channel TEXT,
    posted_ts    TEXT,
    PRIMARY KEY (team_id, channel_id, day)
);
CREATE INDEX digest_runs_status ON digest_runs (status, claimed_at);

-- A thread summary shown ephemerally; "Share in thread" posts it from here.
CREATE TABLE thread_summaries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    thread_ts  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    blocks     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX thread_summaries_age ON thread_summaries (created_at);

-- When the bot was last seen running, per workspace: a start long after it
-- means events were missed, and digests backfill that gap from history.
CREATE TABLE bot_liveness (
    team_id    TEXT    PRIMARY KEY,
    last_alive INTEGER NOT NULL
);
