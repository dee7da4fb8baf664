-- Meetings and the weekly stakeholder update (keep in step with
-- migrations/postgres).

-- The workspace's member names from users.list, to match meeting speakers;
-- one row per workspace, refreshed when older than a few minutes.
CREATE TABLE member_names (
    team_id    TEXT    PRIMARY KEY,
    -- JSON: [{"id", "real_name", "display_name"}]
    names      TEXT    NOT NULL,
    fetched_at INTEGER NOT NULL
);

-- One weekly stakeholder update per standup channel, posted to `target`.
CREATE TABLE stakeholder_updates (
    team_id    TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    -- 1 = Monday … 7 = Sunday, and minutes after local midnight.
    weekday    INTEGER NOT NULL DEFAULT 5,
    minute     INTEGER NOT NULL DEFAULT 960,
    tz         TEXT    NOT NULL DEFAULT 'UTC',
    created_by TEXT    NOT NULL,
    PRIMARY KEY (team_id, channel_id)
);
