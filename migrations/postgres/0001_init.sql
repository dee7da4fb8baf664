-- scrumbot schema, PostgreSQL flavour (keep in step with migrations/sqlite).
-- Every table holding workspace data carries team_id; timestamps are epoch seconds.

-- Durable inbox: every request from Slack is stored here before it is
-- acknowledged, keyed so that a redelivery is recognised (exactly-once).
CREATE TABLE inbox (
    id           BIGSERIAL PRIMARY KEY,
    team_id      TEXT    NOT NULL,
    dedup_key    TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    received_at  BIGINT NOT NULL,
    processed_at BIGINT,
    attempts     BIGINT NOT NULL DEFAULT 0,
    UNIQUE (team_id, dedup_key)
);
CREATE INDEX inbox_pending ON inbox (processed_at, id);

-- What the bot posted, by a key naming why it posted (e.g. run:7:parent):
-- the claim is taken before the Web API call, so nothing is posted twice.
CREATE TABLE posts (
    team_id    TEXT    NOT NULL,
    post_key   TEXT    NOT NULL,
    channel_id TEXT,
    ts         TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, post_key)
);

CREATE TABLE standups (
    id                      BIGSERIAL PRIMARY KEY,
    team_id                 TEXT    NOT NULL,
    channel_id              TEXT    NOT NULL,
    name                    TEXT    NOT NULL,
    questions               TEXT    NOT NULL,
    days                    TEXT    NOT NULL,
    time_of_day             TEXT    NOT NULL,
    tz                      TEXT    NOT NULL,
    participants            TEXT,
    close_after_minutes     BIGINT NOT NULL DEFAULT 180,
    -- HH:MM in tz: close at this time of day instead of after a duration.
    close_at                TEXT,
    reminder_before_minutes BIGINT NOT NULL DEFAULT 60,
    paused                  BIGINT NOT NULL DEFAULT 0,
    -- 1: each member is nudged at the standup time in their own time zone.
    per_member_tz           BIGINT NOT NULL DEFAULT 0,
    -- 1: a weekly report is posted after Friday's run closes.
    weekly_report           BIGINT NOT NULL DEFAULT 0,
    -- 1: members are asked for their mood (1–5) with the standup.
    mood                    BIGINT NOT NULL DEFAULT 0,
    next_run_at             BIGINT,
    created_by              TEXT    NOT NULL,
    created_at              BIGINT NOT NULL,
    UNIQUE (team_id, channel_id, name)
);
CREATE INDEX standups_next_run ON standups (next_run_at);

CREATE TABLE runs (
    id           BIGSERIAL PRIMARY KEY,
    team_id      TEXT    NOT NULL,
    standup_id   BIGINT NOT NULL REFERENCES standups (id) ON DELETE CASCADE,
    channel_id   TEXT    NOT NULL,
    run_date     TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    questions    TEXT    NOT NULL,
    expected     TEXT    NOT NULL,
    parent_ts    TEXT,
    opened_at    BIGINT NOT NULL,
    remind_at    BIGINT,
    reminded     BIGINT NOT NULL DEFAULT 0,
    closes_at    BIGINT NOT NULL,
    closed_at    BIGINT,
    UNIQUE (team_id, standup_id, run_date)
);
CREATE INDEX runs_open_due ON runs (status, closes_at);
CREATE INDEX runs_thread ON runs (team_id, channel_id, parent_ts);

-- When each member of a run is to be nudged (in their own time zone, or at
-- the open); sent_at is set once the DM went out.
CREATE TABLE nudges (
    team_id  TEXT    NOT NULL,
    run_id   BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    user_id  TEXT    NOT NULL,
    due_at   BIGINT NOT NULL,
    sent_at  BIGINT,
    PRIMARY KEY (run_id, user_id)
);
CREATE INDEX nudges_due ON nudges (sent_at, due_at);

-- One row per answering message; an edit updates it, a deletion marks it.
CREATE TABLE answers (
    id          BIGSERIAL PRIMARY KEY,
    team_id     TEXT    NOT NULL,
    run_id      BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    user_id     TEXT    NOT NULL,
    message_ts  TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    answered_at BIGINT NOT NULL,
    edited_at   BIGINT,
    deleted     BIGINT NOT NULL DEFAULT 0,
    -- Written after the run closed: kept, shown on "Update summary".
    late        BIGINT NOT NULL DEFAULT 0,
    UNIQUE (team_id, run_id, message_ts)
);
CREATE INDEX answers_run ON answers (run_id, user_id);

CREATE TABLE holidays (
    team_id    TEXT    NOT NULL,
    standup_id BIGINT NOT NULL REFERENCES standups (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    PRIMARY KEY (standup_id, day)
);

-- A member away for a date range (both ends included) or skipping one day.
CREATE TABLE absences (
    id        BIGSERIAL PRIMARY KEY,
    team_id   TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    from_day  TEXT NOT NULL,
    to_day    TEXT NOT NULL,
    reason    TEXT NOT NULL
);
CREATE INDEX absences_user ON absences (team_id, user_id, to_day);

CREATE TABLE summaries (
    id           BIGSERIAL PRIMARY KEY,
    team_id      TEXT    NOT NULL,
    run_id       BIGINT REFERENCES runs (id) ON DELETE CASCADE,
    engine       TEXT    NOT NULL,
    tokens_used  BIGINT NOT NULL DEFAULT 0,
    body         TEXT    NOT NULL,
    created_at   BIGINT NOT NULL
);

-- Follow-through: action items and blockers outlive the run they came from.
CREATE TABLE action_items (
    id            BIGSERIAL PRIMARY KEY,
    team_id       TEXT    NOT NULL,
    channel_id    TEXT    NOT NULL,
    run_id        BIGINT,
    owner         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    due           TEXT,
    status        TEXT    NOT NULL DEFAULT 'open',
    snoozed_until BIGINT,
    source_link   TEXT,
    -- Besides the owner, this person (who set up the standup) may manage it.
    manager       TEXT    NOT NULL,
    issue_url     TEXT,
    created_at    BIGINT NOT NULL,
    done_at       BIGINT
);
CREATE UNIQUE INDEX action_items_once ON action_items (team_id, run_id, owner, body);
CREATE INDEX action_items_owner ON action_items (team_id, owner, status);
CREATE INDEX action_items_channel ON action_items (team_id, channel_id, status);

CREATE TABLE blockers (
    id          BIGSERIAL PRIMARY KEY,
    team_id     TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    standup_id  BIGINT NOT NULL,
    user_id     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    blocked_by  TEXT,
    opened_on   TEXT    NOT NULL,
    opened_run  BIGINT NOT NULL,
    last_run    BIGINT NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'open',
    resolved_at BIGINT
);
CREATE INDEX blockers_open ON blockers (team_id, standup_id, status);
CREATE INDEX blockers_user ON blockers (team_id, user_id, status);

-- Where "Create issue" files an action item, per channel: GitHub or Jira.
CREATE TABLE ticket_targets (
    team_id    TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    target     TEXT NOT NULL,
    PRIMARY KEY (team_id, channel_id)
);

-- Mood answers (1–5), one per member and run; shown only as a team average.
CREATE TABLE moods (
    team_id TEXT    NOT NULL,
    run_id  BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    user_id TEXT    NOT NULL,
    score   BIGINT NOT NULL,
    PRIMARY KEY (run_id, user_id)
);
