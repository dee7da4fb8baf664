-- API tokens for the MCP server and the HTTP API, PostgreSQL flavour (keep
-- in step with migrations/sqlite). Only the SHA-256 of a token is kept: the
-- token itself is printed once by `scrumbot token create`.
CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    team_id      TEXT    NOT NULL,
    -- Whose token it is: mark_action_item_done acts as this person.
    user_id      TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    -- 1: reading only (no mark_action_item_done, no POST).
    read_only    BIGINT  NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_team ON api_tokens (team_id, id);
