//! Meetings: the workspace's member names, kept a few minutes so that a run
//! of transcripts does not read the whole of `users.list` each time, and the
//! action items of a meeting's notes.

use sqlx::Row;

use super::followup::{item_from_row, ITEM_COLS};
use super::{Store, StoreResult};
use crate::followup::ActionItem;

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

    /// The action items stored from one source outside a standup (a
    /// meeting's notes, by their link), done ones included, oldest first.
    pub async fn items_from_source(
        &self,
        team_id: &str,
        link: &str,
    ) -> StoreResult<Vec<ActionItem>> {
        let sql = format!("SELECT {ITEM_COLS} FROM action_items WHERE team_id = $1 AND run_id IS NULL AND source_link = $2 ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(link)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(item_from_row).collect())
    }
}
