-- Owners (PostgreSQL flavour; keep in step with migrations/sqlite).

-- Who may change a standup, besides the workspace's admins and owners.
-- Whoever first sets a standup up is its first owner; `/standup owners
-- add|remove` and the setup form manage the rest.
CREATE TABLE standup_owners (
    team_id    TEXT    NOT NULL,
    standup_id BIGINT  NOT NULL REFERENCES standups (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL,
    added_by   TEXT    NOT NULL,
    added_at   BIGINT  NOT NULL,
    PRIMARY KEY (team_id, standup_id, user_id)
);

-- Standups set up before owners existed get their creator as owner: the
-- person the bot already treats as "who set it up" (action items, failure
-- DMs). Not "anyone may change it until an owner is set": the first
-- passer-by would then take the standup over. Admins can always act, so no
-- standup is left without someone able to change it.
INSERT INTO standup_owners (team_id, standup_id, user_id, added_by, added_at)
    SELECT team_id, id, created_by, created_by, created_at FROM standups;

-- A deleted standup keeps its row (its runs, answers and summaries follow
-- the retention period, see retention.rs) but leaves its channel: it is
-- renamed out of the way of UNIQUE (team_id, channel_id, name) and has no
-- next run.
ALTER TABLE standups ADD COLUMN deleted_at BIGINT;
