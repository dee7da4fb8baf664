//! The life of a run (claimed, opened, reminded, closed) and the queries
//! that find runs by thread, channel, due time or date.

use super::{run_from_row, standup_from_row, to_json, RUN_COLS, STANDUP_COLS};
use crate::standup::{Run, Standup};
use crate::store::{get_i64, Store, StoreResult};

impl Store {
    /// Claims a run for (standup, date); `None` when it already exists.
    pub async fn run_insert(&self, run: &Run) -> StoreResult<Option<i64>> {
        let row = sqlx::query(
            "INSERT INTO runs (team_id, standup_id, channel_id, run_date, status, questions, expected, opened_at, remind_at, closes_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (team_id, standup_id, run_date) DO NOTHING RETURNING id",
        )
        .bind(&run.team_id)
        .bind(run.standup_id)
        .bind(&run.channel_id)
        .bind(&run.run_date)
        .bind(run.status.as_str())
        .bind(to_json(&run.questions))
        .bind(to_json(&run.expected))
        .bind(run.opened_at)
        .bind(run.remind_at)
        .bind(run.closes_at)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| get_i64(&r, "id")))
    }

    pub async fn run_get(&self, team_id: &str, id: i64) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// Records the parent message and opens the run for answers.
    pub async fn run_set_open(&self, team_id: &str, id: i64, parent_ts: &str) -> StoreResult<()> {
        sqlx::query("UPDATE runs SET parent_ts = $1, status = 'open' WHERE team_id = $2 AND id = $3 AND status = 'opening'")
            .bind(parent_ts)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        // After the write, so a reader cannot cache the old row again.
        self.cache.forget_runs();
        Ok(())
    }

    /// The open (or opening) run of one standup: a channel may hold several
    /// standups, each with its own run.
    pub async fn run_open_for_standup(
        &self,
        team_id: &str,
        standup_id: i64,
    ) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 AND status IN ('open', 'opening') ORDER BY id DESC LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// The run whose parent message is `parent_ts`, whatever its status.
    pub async fn run_by_thread(
        &self,
        team_id: &str,
        channel_id: &str,
        parent_ts: &str,
    ) -> StoreResult<Option<Run>> {
        let run = self.run_of_thread(team_id, channel_id, parent_ts).await?;
        Ok(run.map(|run| Run::clone(&run)))
    }

    /// [`Store::run_by_thread`] as the read cache shares it, for the
    /// ingress's per-reply lookup (no copy of the run per event).
    pub async fn run_of_thread(
        &self,
        team_id: &str,
        channel_id: &str,
        parent_ts: &str,
    ) -> StoreResult<Option<std::sync::Arc<Run>>> {
        if let Some(run) = self.cache.run(team_id, channel_id, parent_ts) {
            return Ok(run);
        }
        let sql = format!(
            "SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND channel_id = $2 AND parent_ts = $3"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .bind(parent_ts)
            .fetch_optional(&self.pool)
            .await?;
        let run = row.as_ref().map(|r| std::sync::Arc::new(run_from_row(r)));
        self.cache
            .set_run(team_id, channel_id, parent_ts, run.clone());
        Ok(run)
    }

    pub async fn runs_due_close(&self, at: i64) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    pub async fn runs_due_reminder(&self, at: i64) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status = 'open' AND reminded = 0 AND remind_at IS NOT NULL AND remind_at <= $1 ORDER BY remind_at LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    /// Runs left half-opened or half-closed by a crash.
    pub async fn runs_in_transition(&self) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status IN ('opening', 'closing') ORDER BY id LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    /// Moves an open run to closing; true for the one caller that wins.
    pub async fn run_claim_close(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE runs SET status = 'closing' WHERE team_id = $1 AND id = $2 AND status = 'open'",
        )
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.cache.forget_runs();
        Ok(r.rows_affected() == 1)
    }

    pub async fn run_mark_closed(&self, team_id: &str, id: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE runs SET status = 'closed', closed_at = $1 WHERE team_id = $2 AND id = $3",
        )
        .bind(self.now())
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.cache.forget_runs();
        Ok(())
    }

    /// Claims the reminder of a run; true for the one caller that wins.
    pub async fn run_claim_reminder(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE runs SET reminded = 1 WHERE team_id = $1 AND id = $2 AND reminded = 0",
        )
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// The last closed run of a standup before `run_id` (for "last time you said…").
    pub async fn run_previous(
        &self,
        team_id: &str,
        standup_id: i64,
        run_id: i64,
    ) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 AND id < $3 AND status = 'closed' ORDER BY id DESC LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// Every standup of a team with its newest run (for the App Home tab).
    pub async fn standups_with_latest_run(
        &self,
        team_id: &str,
    ) -> StoreResult<Vec<(Standup, Option<Run>)>> {
        let sql =
            format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 200");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for standup in rows.iter().map(standup_from_row) {
            let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 ORDER BY id DESC LIMIT 1");
            let run = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(team_id)
                .bind(standup.id)
                .fetch_optional(&self.pool)
                .await?;
            out.push((standup, run.as_ref().map(run_from_row)));
        }
        Ok(out)
    }

    /// Runs of a standup whose date falls in `[from, to]` (dates as YYYY-MM-DD).
    pub async fn runs_between(
        &self,
        team_id: &str,
        standup_id: i64,
        from: &str,
        to_exclusive: &str,
    ) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 AND run_date >= $3 AND run_date < $4 ORDER BY run_date, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .bind(from)
            .bind(to_exclusive)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }
}
