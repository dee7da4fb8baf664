//! Digest settings, the per-(channel, day) digest claims, and the bot's
//! liveness mark. Received channel messages and thread summaries are in
//! [`messages`].
//!
//! Like every claim in this store, taking a digest is one statement whose
//! row count says who won, so replicas and restarts never post one twice.

mod messages;

pub use messages::{MessageWrite, StoredMessage, ThreadSummaryRow};

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_i64, Store, StoreResult};
use crate::digest::{Digest, DEFAULT_TIME};

/// A (channel, day) digest: claimed, then posting, then posted (or empty, or failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestRun {
    pub team_id: String,
    pub channel_id: String,
    pub day: String,
    pub window_start: i64,
    pub window_end: i64,
    pub status: String,
    pub attempts: i64,
    pub claimed_at: i64,
    pub posted_channel: Option<String>,
    pub posted_ts: Option<String>,
}

const DIGEST_COLS: &str = "id, team_id, channel_id, target_id, time_of_day, tz, enabled, next_due_at, covered_from, created_by";
const RUN_COLS: &str = "team_id, channel_id, day, window_start, window_end, status, attempts, claimed_at, posted_channel, posted_ts";

fn digest_from_row(r: &AnyRow) -> Digest {
    let time: String = r.get("time_of_day");
    Digest {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        channel_id: r.get("channel_id"),
        target_id: r.try_get("target_id").ok().flatten(),
        time: time.parse().unwrap_or(DEFAULT_TIME),
        tz: r.get("tz"),
        enabled: get_i64(r, "enabled") != 0,
        next_due_at: r.try_get::<Option<i64>, _>("next_due_at").ok().flatten(),
        covered_from: get_i64(r, "covered_from"),
        created_by: r.get("created_by"),
    }
}

fn run_from_row(r: &AnyRow) -> DigestRun {
    DigestRun {
        team_id: r.get("team_id"),
        channel_id: r.get("channel_id"),
        day: r.get("day"),
        window_start: get_i64(r, "window_start"),
        window_end: get_i64(r, "window_end"),
        status: r.get("status"),
        attempts: get_i64(r, "attempts"),
        claimed_at: get_i64(r, "claimed_at"),
        posted_channel: r.try_get("posted_channel").ok().flatten(),
        posted_ts: r.try_get("posted_ts").ok().flatten(),
    }
}

impl Store {
    pub async fn digest_get(&self, team_id: &str, channel_id: &str) -> StoreResult<Option<Digest>> {
        let sql =
            format!("SELECT {DIGEST_COLS} FROM digests WHERE team_id = $1 AND channel_id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(digest_from_row))
    }

    /// Switches a channel's digest on (or changes it). A digest that was
    /// already on keeps its `covered_from`: its record has no new gap.
    pub async fn digest_save_on(&self, d: &Digest, at: i64) -> StoreResult<Option<Digest>> {
        sqlx::query(
            "INSERT INTO digests (team_id, channel_id, target_id, time_of_day, tz, enabled, next_due_at, covered_from, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $9) \
             ON CONFLICT (team_id, channel_id) DO UPDATE SET target_id = excluded.target_id, time_of_day = excluded.time_of_day, \
             tz = excluded.tz, next_due_at = excluded.next_due_at, updated_at = excluded.updated_at, \
             covered_from = CASE WHEN digests.enabled = 1 THEN digests.covered_from ELSE excluded.covered_from END, enabled = 1",
        )
        .bind(&d.team_id)
        .bind(&d.channel_id)
        .bind(d.target_id.as_deref())
        .bind(d.time.strftime("%H:%M").to_string())
        .bind(&d.tz)
        .bind(d.next_due_at)
        .bind(d.covered_from)
        .bind(&d.created_by)
        .bind(at)
        .execute(&self.pool)
        .await?;
        // After the write, so a reader cannot cache the old row again.
        self.cache.forget_digest(&d.team_id, &d.channel_id);
        self.digest_get(&d.team_id, &d.channel_id).await
    }

    /// Switches a digest off and forgets the channel's stored messages;
    /// false when it was not on.
    pub async fn digest_off(&self, team_id: &str, channel_id: &str, at: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE digests SET enabled = 0, next_due_at = NULL, updated_at = $3 WHERE team_id = $1 AND channel_id = $2 AND enabled = 1")
            .bind(team_id)
            .bind(channel_id)
            .bind(at)
            .execute(&self.pool)
            .await?;
        self.cache.forget_digest(team_id, channel_id);
        self.channel_messages_forget(team_id, channel_id).await?;
        Ok(r.rows_affected() == 1)
    }

    /// Whether messages of this channel are recorded (its digest is on).
    pub async fn digest_enabled(&self, team_id: &str, channel_id: &str) -> StoreResult<bool> {
        if let Some(on) = self.cache.digest(team_id, channel_id) {
            return Ok(on);
        }
        let row = sqlx::query(
            "SELECT 1 FROM digests WHERE team_id = $1 AND channel_id = $2 AND enabled = 1",
        )
        .bind(team_id)
        .bind(channel_id)
        .fetch_optional(&self.pool)
        .await?;
        self.cache.set_digest(team_id, channel_id, row.is_some());
        Ok(row.is_some())
    }

    /// Digests whose time has come; served by the `digests_due` index.
    pub async fn digests_due(&self, at: i64, limit: i64) -> StoreResult<Vec<Digest>> {
        let sql = format!("SELECT {DIGEST_COLS} FROM digests WHERE next_due_at IS NOT NULL AND next_due_at <= $1 AND enabled = 1 ORDER BY next_due_at LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(digest_from_row).collect())
    }

    /// Moves the next digest time forward, only if no other replica did.
    pub async fn digest_advance(
        &self,
        team_id: &str,
        id: i64,
        from: i64,
        to: Option<i64>,
    ) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE digests SET next_due_at = $1 WHERE team_id = $2 AND id = $3 AND next_due_at = $4 AND enabled = 1")
            .bind(to)
            .bind(team_id)
            .bind(id)
            .bind(from)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// After a backfill from `from`: the record is complete since then,
    /// unless a new gap was marked after the backfill started (`started`).
    pub async fn digest_mark_covered(
        &self,
        team_id: &str,
        id: i64,
        from: i64,
        started: i64,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE digests SET covered_from = $3 WHERE team_id = $1 AND id = $2 AND covered_from > $3 AND covered_from <= $4")
            .bind(team_id)
            .bind(id)
            .bind(from)
            .bind(started)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Events were missed until `since` (the bot was down): every digest of
    /// the team is complete only from then on.
    pub async fn digests_mark_gap(&self, team_id: &str, since: i64) -> StoreResult<u64> {
        let r = sqlx::query("UPDATE digests SET covered_from = $2 WHERE team_id = $1 AND enabled = 1 AND covered_from < $2")
            .bind(team_id)
            .bind(since)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    /// Claims the digest of (channel, day); true when this caller must post it.
    pub async fn digest_run_claim(
        &self,
        team_id: &str,
        channel_id: &str,
        day: &str,
        window: (i64, i64),
        at: i64,
    ) -> StoreResult<bool> {
        let r = sqlx::query("INSERT INTO digest_runs (team_id, channel_id, day, window_start, window_end, status, claimed_at) VALUES ($1, $2, $3, $4, $5, 'claimed', $6) ON CONFLICT (team_id, channel_id, day) DO NOTHING")
            .bind(team_id)
            .bind(channel_id)
            .bind(day)
            .bind(window.0)
            .bind(window.1)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Claims whose worker has not finished within the lease (crashed, or a
    /// failed attempt waiting for its retry).
    pub async fn digest_runs_stale(&self, before: i64, limit: i64) -> StoreResult<Vec<DigestRun>> {
        let sql = format!("SELECT {RUN_COLS} FROM digest_runs WHERE status = 'claimed' AND claimed_at < $1 ORDER BY claimed_at LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(before)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    /// Takes over a stale claim; true for the one caller that got it.
    pub async fn digest_run_retake(&self, run: &DigestRun, at: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE digest_runs SET claimed_at = $4 WHERE team_id = $1 AND channel_id = $2 AND day = $3 AND status = 'claimed' AND claimed_at = $5")
            .bind(&run.team_id)
            .bind(&run.channel_id)
            .bind(&run.day)
            .bind(at)
            .bind(run.claimed_at)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Sets a run's status: `posting` (right before the Web API call: never
    /// retried after a crash), `posted`, `empty`.
    pub async fn digest_run_set(
        &self,
        run: &DigestRun,
        status: &str,
        posted: Option<(&str, &str)>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE digest_runs SET status = $4, posted_channel = $5, posted_ts = $6 WHERE team_id = $1 AND channel_id = $2 AND day = $3")
            .bind(&run.team_id)
            .bind(&run.channel_id)
            .bind(&run.day)
            .bind(status)
            .bind(posted.map(|p| p.0))
            .bind(posted.map(|p| p.1))
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// A failed attempt: back to `claimed` for a retry after the lease, or
    /// `failed` after `max_attempts`.
    pub async fn digest_run_release(
        &self,
        run: &DigestRun,
        at: i64,
        max_attempts: i64,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE digest_runs SET status = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE 'claimed' END, attempts = attempts + 1, claimed_at = $4 WHERE team_id = $1 AND channel_id = $2 AND day = $3")
            .bind(&run.team_id)
            .bind(&run.channel_id)
            .bind(&run.day)
            .bind(at)
            .bind(max_attempts)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    pub async fn digest_run_get(
        &self,
        team_id: &str,
        channel_id: &str,
        day: &str,
    ) -> StoreResult<Option<DigestRun>> {
        let sql = format!(
            "SELECT {RUN_COLS} FROM digest_runs WHERE team_id = $1 AND channel_id = $2 AND day = $3"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .bind(day)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// The channel's most recent digest, for `/digest status`.
    pub async fn digest_run_last(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<Option<DigestRun>> {
        let sql = format!("SELECT {RUN_COLS} FROM digest_runs WHERE team_id = $1 AND channel_id = $2 ORDER BY window_end DESC LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// Digest claims older than `cutoff` (they name days, not content).
    pub async fn digest_runs_purge(&self, cutoff: i64) -> StoreResult<u64> {
        let r = sqlx::query(
            "DELETE FROM digest_runs WHERE window_end < $1 AND status NOT IN ('claimed', 'posting')",
        )
        .bind(cutoff)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected())
    }

    /// When the bot was last seen running for this workspace.
    pub async fn liveness_get(&self, team_id: &str) -> StoreResult<Option<i64>> {
        let row = sqlx::query("SELECT last_alive FROM bot_liveness WHERE team_id = $1")
            .bind(team_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| get_i64(&r, "last_alive")))
    }

    pub async fn liveness_set(&self, team_id: &str, at: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO bot_liveness (team_id, last_alive) VALUES ($1, $2) ON CONFLICT (team_id) DO UPDATE SET last_alive = excluded.last_alive")
            .bind(team_id)
            .bind(at)
            .execute(&self.pool)
            .await
            .map(drop)
    }
}
