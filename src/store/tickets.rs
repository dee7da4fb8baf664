//! Per-channel issue tracker targets.

use sqlx::Row;

use super::{Store, StoreResult};

impl Store {
    pub async fn ticket_target_set(
        &self,
        team_id: &str,
        channel_id: &str,
        kind: &str,
        target: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO ticket_targets (team_id, channel_id, kind, target) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (team_id, channel_id) DO UPDATE SET kind = excluded.kind, target = excluded.target",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(kind)
        .bind(target)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// (kind, target) of a channel: ("github", "owner/repo") or ("jira", "KEY").
    pub async fn ticket_target(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<Option<(String, String)>> {
        let row = sqlx::query(
            "SELECT kind, target FROM ticket_targets WHERE team_id = $1 AND channel_id = $2",
        )
        .bind(team_id)
        .bind(channel_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| (r.get("kind"), r.get("target"))))
    }
}
