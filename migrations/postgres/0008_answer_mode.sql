-- Answers by DM (PostgreSQL flavour; keep in step with migrations/sqlite).

-- How a standup collects answers: 'thread' (replies in the run's thread, the
-- only way before this column, hence the default), 'dm' (replies to the
-- nudge DM, which the bot posts into the thread) or 'private' (replies to the
-- nudge DM; only the summary is posted).
ALTER TABLE standups ADD COLUMN answer_mode TEXT NOT NULL DEFAULT 'thread';

-- Which run a member's DM answered. Edits and deletions of that DM arrive
-- with its channel and ts only, and must reach the same run's answer even
-- when the member has been nudged for another run since.
CREATE TABLE dm_answers (
    team_id    TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    message_ts TEXT    NOT NULL,
    run_id     BIGINT  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL,
    PRIMARY KEY (team_id, channel_id, message_ts)
);

-- A reply in the thread of a nudge (or reminder) DM names its run: the
-- bot finds the DM it posted by channel and ts.
CREATE INDEX posts_by_message ON posts (team_id, channel_id, ts);
