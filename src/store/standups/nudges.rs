//! The planned nudges of a run's members, and their sending.

use sqlx::Row;

use crate::store::{get_i64, Store, StoreResult};

impl Store {
    /// Plans when each member of a run is nudged.
    pub async fn nudges_plan(
        &self,
        team_id: &str,
        run_id: i64,
        plan: &[(String, i64)],
    ) -> StoreResult<()> {
        for (user, due) in plan {
            sqlx::query("INSERT INTO nudges (team_id, run_id, user_id, due_at) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, user_id) DO NOTHING")
                .bind(team_id)
                .bind(run_id)
                .bind(user)
                .bind(due)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Unsent nudges due by `at`, as (team, run id, user), oldest first.
    pub async fn nudges_due(&self, at: i64, limit: i64) -> StoreResult<Vec<(String, i64, String)>> {
        let rows = sqlx::query("SELECT team_id, run_id, user_id FROM nudges WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2")
            .bind(at)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("team_id"), get_i64(r, "run_id"), r.get("user_id")))
            .collect())
    }

    /// Unsent nudges of one run due by `at`.
    pub async fn nudges_due_for_run(
        &self,
        team_id: &str,
        run_id: i64,
        at: i64,
    ) -> StoreResult<Vec<String>> {
        let rows = sqlx::query("SELECT user_id FROM nudges WHERE team_id = $1 AND run_id = $2 AND sent_at IS NULL AND due_at <= $3 ORDER BY user_id")
            .bind(team_id)
            .bind(run_id)
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get("user_id")).collect())
    }

    pub async fn nudge_mark_sent(
        &self,
        team_id: &str,
        run_id: i64,
        user_id: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE nudges SET sent_at = $1 WHERE team_id = $2 AND run_id = $3 AND user_id = $4",
        )
        .bind(self.now())
        .bind(team_id)
        .bind(run_id)
        .bind(user_id)
        .execute(&self.pool)
        .await
        .map(drop)
    }
}
