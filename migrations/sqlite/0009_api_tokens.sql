-- API tokens for the MCP server and the HTTP API, SQLite flavour (keep in
-- step with migrations/postgres). Only the SHA-256 of a token is kept: the
-- token itself is printed once by `scrumbot token create`.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id      TEXT    NOT NULL,
    -- Whose token it is: mark_action_item_done acts as this person.
    user_id      TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    -- 1: reading only (no mark_action_item_done, no POST).
    read_only    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX api_tokens_team ON api_tokens (team_id, id);
