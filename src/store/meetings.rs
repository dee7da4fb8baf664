//! The workspace's member names, kept a few minutes so that a run of
//! transcripts does not read the whole of `users.list` each time.

use sqlx::Row;

use super::{Store, StoreResult};

impl Store {
    /// The names stored for `team_id` at or after `fresh_since` (epoch secs),
    /// as the JSON they were put in with.
    pub async fn member_names_get(
        &self,
        team_id: &str,
        fresh_since: i64,
    ) -> StoreResult<Option<String>> {
        let row =
            sqlx::query("SELECT names FROM member_names WHERE team_id = $1 AND fetched_at >= $2")
                .bind(team_id)
                .bind(fresh_since)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.get("names")))
    }

    pub async fn member_names_put(&self, team_id: &str, names: &str, at: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO member_names (team_id, names, fetched_at) VALUES ($1, $2, $3) \
             ON CONFLICT (team_id) DO UPDATE SET names = excluded.names, fetched_at = excluded.fetched_at",
        )
        .bind(team_id)
        .bind(names)
        .bind(at)
        .execute(&self.pool)
        .await
        .map(drop)
    }
}
