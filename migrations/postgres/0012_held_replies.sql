-- Thread replies held while a run's parent message is being posted, postgres
-- flavour (keep in step with migrations/sqlite). Slack can deliver an
-- answer in the thread before chat.postMessage has told the bot the parent's
-- ts; such a reply is kept here and matched the moment the run records its
-- ts (see standup::runs::record_answer). Rows are deleted once matched, or
-- after an hour when no run claimed them (a reply in some other thread).
CREATE TABLE held_replies (
    team_id    TEXT    NOT NULL,
    channel_id TEXT    NOT NULL,
    thread_ts  TEXT    NOT NULL,
    ts         TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    held_at    BIGINT  NOT NULL,
    PRIMARY KEY (team_id, channel_id, ts)
);
CREATE INDEX held_replies_thread ON held_replies (team_id, channel_id, thread_ts);
