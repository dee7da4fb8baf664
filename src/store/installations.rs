//! Installations of the app by OAuth (multi-workspace mode), the workspaces
//! seen under an org-wide install, and the pending OAuth states.
//!
//! The store only ever sees *sealed* tokens (base64 of nonce and AEAD
//! ciphertext, see `install::crypto`): encryption happens before a token
//! reaches this module, so no query here can write one in clear.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_i64, Store, StoreResult};

/// One installation as stored (tokens sealed).
#[derive(Clone, PartialEq, Eq)]
pub struct StoredInstallation {
    /// The team id, or the enterprise id of an org-wide install.
    pub install_key: String,
    pub team_id: Option<String>,
    pub enterprise_id: Option<String>,
    pub is_enterprise: bool,
    pub app_id: Option<String>,
    pub bot_user_id: String,
    pub bot_id: Option<String>,
    pub url: Option<String>,
    pub scopes: String,
    pub installer_user_id: Option<String>,
    /// `None` once the tokens were revoked or the app uninstalled.
    pub bot_token_sealed: Option<String>,
    pub refresh_token_sealed: Option<String>,
    pub token_expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Every table that holds a workspace's data (each has `team_id`), purged
/// after an uninstall once the retention period has passed.
const TEAM_TABLES: &[&str] = &[
    "answers",
    "nudges",
    "summaries",
    "action_items",
    "blockers",
    "moods",
    "absences",
    "holidays",
    "ticket_targets",
    "runs",
    "standups",
    "digest_runs",
    "thread_summaries",
    "channel_messages",
    "digests",
    "posts",
    "inbox",
    "held_replies",
    "bot_liveness",
];

/// `/slack/install` needs no login, so anyone can start flows: past this
/// many pending in ten minutes (far more than real installs) new ones are
/// refused rather than letting the table grow without bound.
pub const MAX_PENDING_STATES: i64 = 10_000;

const COLUMNS: &str = "install_key, team_id, enterprise_id, is_enterprise, app_id, bot_user_id, bot_id, url, scopes, installer_user_id, bot_token_sealed, refresh_token_sealed, token_expires_at, revoked_at";

fn installation_from_row(r: &AnyRow) -> StoredInstallation {
    let opt_i64 = |col: &str| -> Option<i64> {
        r.try_get::<Option<i64>, _>(col)
            .or_else(|_| r.try_get::<Option<i32>, _>(col).map(|v| v.map(i64::from)))
            .unwrap_or(None)
    };
    StoredInstallation {
        install_key: r.get("install_key"),
        team_id: r.get("team_id"),
        enterprise_id: r.get("enterprise_id"),
        is_enterprise: get_i64(r, "is_enterprise") != 0,
        app_id: r.get("app_id"),
        bot_user_id: r.get("bot_user_id"),
        bot_id: r.get("bot_id"),
        url: r.get("url"),
        scopes: r.get("scopes"),
        installer_user_id: r.get("installer_user_id"),
        bot_token_sealed: r.get("bot_token_sealed"),
        refresh_token_sealed: r.get("refresh_token_sealed"),
        token_expires_at: opt_i64("token_expires_at"),
        revoked_at: opt_i64("revoked_at"),
    }
}

impl Store {
    /// Stores an installation; a reinstall replaces the previous one and
    /// clears its revocation.
    pub async fn installation_upsert(&self, i: &StoredInstallation) -> StoreResult<()> {
        let now = self.now();
        sqlx::query(
            "INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise, app_id, bot_user_id, bot_id, url, scopes, installer_user_id, bot_token_sealed, refresh_token_sealed, token_expires_at, installed_at, updated_at, revoked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, NULL)
             ON CONFLICT (install_key) DO UPDATE SET team_id = $2, enterprise_id = $3, is_enterprise = $4, app_id = $5, bot_user_id = $6, bot_id = $7, url = $8, scopes = $9, installer_user_id = $10, bot_token_sealed = $11, refresh_token_sealed = $12, token_expires_at = $13, updated_at = $14, revoked_at = NULL",
        )
        .bind(&i.install_key)
        .bind(&i.team_id)
        .bind(&i.enterprise_id)
        .bind(i64::from(i.is_enterprise))
        .bind(&i.app_id)
        .bind(&i.bot_user_id)
        .bind(&i.bot_id)
        .bind(&i.url)
        .bind(&i.scopes)
        .bind(&i.installer_user_id)
        .bind(&i.bot_token_sealed)
        .bind(&i.refresh_token_sealed)
        .bind(i.token_expires_at)
        .bind(now)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// The installation serving `team`: its own, or the org-wide one it was
    /// seen under. Revoked ones included (the caller checks the token).
    pub async fn installation_for_team(
        &self,
        team: &str,
    ) -> StoreResult<Option<StoredInstallation>> {
        let sql = format!("SELECT {COLUMNS} FROM installations WHERE install_key = $1 OR install_key = (SELECT install_key FROM installation_teams WHERE team_id = $1) ORDER BY CASE WHEN install_key = $1 THEN 0 ELSE 1 END LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(installation_from_row))
    }

    /// Every installation whose tokens are live (checked against the key at start).
    pub async fn installations_active(&self) -> StoreResult<Vec<StoredInstallation>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM installations WHERE bot_token_sealed IS NOT NULL ORDER BY install_key"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(installation_from_row).collect())
    }

    /// The teams of every live installation, and the workspaces seen under
    /// an org-wide one.
    pub async fn installation_teams(&self) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT install_key AS team FROM installations WHERE bot_token_sealed IS NOT NULL
             UNION SELECT t.team_id AS team FROM installation_teams t JOIN installations i ON i.install_key = t.install_key WHERE i.bot_token_sealed IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("team")).collect())
    }

    /// Remembers that `team` is served by the org-wide install `key`.
    pub async fn installation_link_team(&self, team: &str, key: &str) -> StoreResult<()> {
        sqlx::query("INSERT INTO installation_teams (team_id, install_key) VALUES ($1, $2) ON CONFLICT (team_id) DO UPDATE SET install_key = $2")
            .bind(team)
            .bind(key)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The new token pair after a refresh (token rotation).
    pub async fn installation_set_tokens(
        &self,
        key: &str,
        bot_token_sealed: &str,
        refresh_token_sealed: Option<&str>,
        expires_at: Option<i64>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE installations SET bot_token_sealed = $1, refresh_token_sealed = $2, token_expires_at = $3, updated_at = $4 WHERE install_key = $5 AND bot_token_sealed IS NOT NULL")
            .bind(bot_token_sealed)
            .bind(refresh_token_sealed)
            .bind(expires_at)
            .bind(self.now())
            .bind(key)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// `app_uninstalled` / `tokens_revoked`: deletes the tokens and stops
    /// the work of every workspace the installation serves, in one
    /// transaction: schedules and digests are no longer due, open runs and
    /// pending digests end, unsent nudges go. Nothing is left for the
    /// scheduler to find, so nothing runs without a token or retries forever.
    /// Returns whether an installation was revoked now.
    pub async fn installation_revoke(&self, key: &str) -> StoreResult<bool> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let revoked = sqlx::query("UPDATE installations SET bot_token_sealed = NULL, refresh_token_sealed = NULL, token_expires_at = NULL, revoked_at = $1, updated_at = $1 WHERE install_key = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(key)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        let teams = "(SELECT CAST($1 AS TEXT) UNION SELECT team_id FROM installation_teams WHERE install_key = $1)";
        let stops = [
            format!("UPDATE standups SET next_run_at = NULL WHERE team_id IN {teams}"),
            format!("UPDATE digests SET enabled = 0, next_due_at = NULL WHERE team_id IN {teams}"),
            format!("UPDATE digest_runs SET status = 'cancelled' WHERE status <> 'posted' AND team_id IN {teams}"),
            format!("DELETE FROM nudges WHERE sent_at IS NULL AND team_id IN {teams}"),
        ];
        for sql in stops {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE runs SET status = 'closed', closed_at = $2 WHERE status <> 'closed' AND team_id IN {teams}")))
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// Deletes every row of the workspaces whose installation was revoked
    /// before `cutoff` (the retention period has passed), then the
    /// installation itself. Returns how many installations went.
    pub async fn installations_purge_revoked(&self, cutoff: i64) -> StoreResult<u64> {
        let keys: Vec<String> = sqlx::query(
            "SELECT install_key FROM installations WHERE revoked_at IS NOT NULL AND revoked_at < $1",
        )
        .bind(cutoff)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.get("install_key"))
        .collect();
        let teams = "(SELECT CAST($1 AS TEXT) UNION SELECT team_id FROM installation_teams WHERE install_key = $1)";
        for key in &keys {
            let mut tx = self.pool.begin().await?;
            for table in TEAM_TABLES {
                let sql = format!("DELETE FROM {table} WHERE team_id IN {teams}");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
            for sql in [
                "DELETE FROM installation_teams WHERE install_key = $1",
                "DELETE FROM installations WHERE install_key = $1",
            ] {
                sqlx::query(sql).bind(key).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        Ok(keys.len() as u64)
    }

    /// Remembers a pending OAuth state (its hash) until `expires_at`;
    /// `false` (nothing stored) when [`MAX_PENDING_STATES`] are pending.
    pub async fn oauth_state_insert(&self, hash: &str, expires_at: i64) -> StoreResult<bool> {
        // Expired states are dropped here, so the table stays as small as
        // the number of flows started in the last ten minutes.
        sqlx::query("DELETE FROM oauth_states WHERE expires_at <= $1")
            .bind(self.now())
            .execute(&self.pool)
            .await?;
        let pending = sqlx::query("SELECT COUNT(*) AS n FROM oauth_states")
            .fetch_one(&self.pool)
            .await?;
        if get_i64(&pending, "n") >= MAX_PENDING_STATES {
            return Ok(false);
        }
        sqlx::query("INSERT INTO oauth_states (state_hash, expires_at) VALUES ($1, $2)")
            .bind(hash)
            .bind(expires_at)
            .execute(&self.pool)
            .await
            .map(|_| true)
    }

    /// Uses up a state: true only for the first caller, before it expires.
    pub async fn oauth_state_take(&self, hash: &str) -> StoreResult<bool> {
        let r = sqlx::query("DELETE FROM oauth_states WHERE state_hash = $1 AND expires_at > $2")
            .bind(hash)
            .bind(self.now())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }
}
