-- Multi-workspace installs by OAuth (issue 13; keep in step with migrations/sqlite).
-- One row per installation: a workspace (install_key = its team id) or an
-- Enterprise Grid org-wide install (install_key = the enterprise id).
-- Tokens are never stored in clear: *_sealed hold base64(nonce || AEAD
-- ciphertext) with the install key as associated data (src/install/crypto.rs).
-- After app_uninstalled / tokens_revoked the tokens are set to NULL and
-- revoked_at is set; the workspace's data is purged after the retention period.
CREATE TABLE installations (
    install_key         TEXT    PRIMARY KEY,
    team_id             TEXT,
    enterprise_id       TEXT,
    is_enterprise       BIGINT NOT NULL DEFAULT 0,
    app_id              TEXT,
    bot_user_id         TEXT    NOT NULL,
    bot_id              TEXT,
    url                 TEXT,
    scopes              TEXT    NOT NULL DEFAULT '',
    installer_user_id   TEXT,
    bot_token_sealed    TEXT,
    refresh_token_sealed TEXT,
    -- Epoch seconds; NULL when token rotation is off (the token never expires).
    token_expires_at    BIGINT,
    installed_at        BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    revoked_at          BIGINT
);

-- The workspaces seen under an org-wide install: data rows carry the
-- workspace's team id, and the scheduler finds the installation from it.
CREATE TABLE installation_teams (
    team_id     TEXT PRIMARY KEY,
    install_key TEXT NOT NULL
);

-- Pending "Add to Slack" flows: only a SHA-256 of each state is kept
-- (src/install/state.rs says why), deleted when used or expired.
CREATE TABLE oauth_states (
    state_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
