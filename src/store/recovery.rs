//! What the bot needs to recover from a failure or a crash without losing
//! or doubling anything: one summary row per run, the retry state of a run
//! whose parent message could not be posted and of a standup whose scheduled
//! open failed, cancelled nudges of a run that is over, and taking over a
//! post claim a crash left without its `ts`.

use sqlx::Row;

use super::{get_i64, Store, StoreResult};

impl Store {
    /// Writes the summary of a run, replacing the one stored before (a close
    /// repeated after a crash, "Update summary"): a run has one row at most.
    pub async fn summary_upsert(
        &self,
        team_id: &str,
        run_id: i64,
        engine: &str,
        tokens_used: i64,
        body: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO summaries (team_id, run_id, engine, tokens_used, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (run_id) DO UPDATE SET engine = excluded.engine, tokens_used = excluded.tokens_used, body = excluded.body, created_at = excluded.created_at",
        )
        .bind(team_id)
        .bind(run_id)
        .bind(engine)
        .bind(tokens_used)
        .bind(body)
        .bind(self.now())
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Counts one more failed attempt to post a run's parent message and
    /// sets when to try again (`None`: no more tries). Returns the count, or
    /// `None` when the run is no longer opening.
    pub async fn run_open_failed(
        &self,
        team_id: &str,
        id: i64,
        retry_at: impl Fn(i64) -> Option<i64>,
    ) -> StoreResult<Option<i64>> {
        let row = sqlx::query("UPDATE runs SET open_failures = open_failures + 1 WHERE team_id = $1 AND id = $2 AND status = 'opening' RETURNING open_failures")
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(failures) = row.map(|r| get_i64(&r, "open_failures")) else {
            return Ok(None);
        };
        sqlx::query("UPDATE runs SET open_retry_at = $1 WHERE team_id = $2 AND id = $3 AND status = 'opening'")
            .bind(retry_at(failures))
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(Some(failures))
    }

    /// Runs whose parent message is due for another try, as (team, id).
    pub async fn runs_open_retry_due(&self, at: i64) -> StoreResult<Vec<(String, i64, i64)>> {
        let rows = sqlx::query("SELECT team_id, id, open_retry_at FROM runs WHERE status = 'opening' AND open_retry_at IS NOT NULL AND open_retry_at <= $1 ORDER BY open_retry_at LIMIT 100")
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    r.get("team_id"),
                    get_i64(r, "id"),
                    get_i64(r, "open_retry_at"),
                )
            })
            .collect())
    }

    /// Claims the retry planned for `retry_at`; true for the one caller that wins.
    pub async fn run_claim_open_retry(
        &self,
        team_id: &str,
        id: i64,
        retry_at: i64,
    ) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE runs SET open_retry_at = NULL WHERE team_id = $1 AND id = $2 AND status = 'opening' AND open_retry_at = $3")
            .bind(team_id)
            .bind(id)
            .bind(retry_at)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Gives up a run whose parent message could not be posted: it becomes
    /// `failed` (read back as closed), which frees the channel for a new run.
    pub async fn run_give_up_opening(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE runs SET status = 'failed', open_retry_at = NULL, closed_at = $1 WHERE team_id = $2 AND id = $3 AND status = 'opening'")
            .bind(self.now())
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.cache.forget_runs();
        Ok(r.rows_affected() == 1)
    }

    /// Forgets the unsent nudges of a run that is over: they will never be
    /// sent, and must not be counted as sent either.
    pub async fn nudges_cancel(&self, team_id: &str, run_id: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM nudges WHERE team_id = $1 AND run_id = $2 AND sent_at IS NULL")
            .bind(team_id)
            .bind(run_id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Counts one more failed scheduled open of a standup; returns the count.
    pub async fn standup_open_failed(&self, team_id: &str, id: i64) -> StoreResult<i64> {
        let row = sqlx::query("UPDATE standups SET open_failures = open_failures + 1 WHERE team_id = $1 AND id = $2 RETURNING open_failures")
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| get_i64(&r, "open_failures")).unwrap_or(0))
    }

    /// Makes a standup due again at `at`, unless it is due earlier already.
    pub async fn standup_retry_open(&self, team_id: &str, id: i64, at: i64) -> StoreResult<()> {
        sqlx::query("UPDATE standups SET next_run_at = $1 WHERE team_id = $2 AND id = $3 AND paused = 0 AND (next_run_at IS NULL OR next_run_at > $1)")
            .bind(at)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The failed scheduled opens are counted from zero again (after an open,
    /// or after the owner was told).
    pub async fn standup_open_failures_reset(&self, team_id: &str, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE standups SET open_failures = 0 WHERE team_id = $1 AND id = $2 AND open_failures > 0")
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Takes over a post claim that has had no `ts` since before `cutoff`
    /// (its poster crashed between the Web API call and the record): true
    /// for the one caller that wins, who then posts under the same key.
    pub async fn post_take_over_stale(
        &self,
        team_id: &str,
        key: &str,
        cutoff: i64,
    ) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE posts SET created_at = $1 WHERE team_id = $2 AND post_key = $3 AND ts IS NULL AND created_at < $4")
            .bind(self.now())
            .bind(team_id)
            .bind(key)
            .bind(cutoff)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }
}
