//! Post claims: before the bot posts a message that must appear once (a
//! run's parent message, a summary, a nudge), it claims a key naming that
//! message. Only the claimer posts, then records the `ts`. A crash between
//! the Web API call and the record leaves a claim without `ts`: such a
//! message is *not* posted again — a missing nudge is better than two.

use sqlx::Row;

use super::{Store, StoreResult};

impl Store {
    /// True when this caller won the claim and must post.
    pub async fn post_claim(&self, team_id: &str, key: &str) -> StoreResult<bool> {
        let r = sqlx::query("INSERT INTO posts (team_id, post_key, created_at) VALUES ($1, $2, $3) ON CONFLICT (team_id, post_key) DO NOTHING")
            .bind(team_id)
            .bind(key)
            .bind(self.now())
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn post_record(
        &self,
        team_id: &str,
        key: &str,
        channel: &str,
        ts: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE posts SET channel_id = $1, ts = $2 WHERE team_id = $3 AND post_key = $4",
        )
        .bind(channel)
        .bind(ts)
        .bind(team_id)
        .bind(key)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Gives a claim back after a failed post, so a later attempt may post.
    pub async fn post_release(&self, team_id: &str, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM posts WHERE team_id = $1 AND post_key = $2 AND ts IS NULL")
            .bind(team_id)
            .bind(key)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The (channel, ts) recorded for a key, if it was posted.
    pub async fn post_get(
        &self,
        team_id: &str,
        key: &str,
    ) -> StoreResult<Option<(String, String)>> {
        let row = sqlx::query("SELECT channel_id, ts FROM posts WHERE team_id = $1 AND post_key = $2 AND ts IS NOT NULL")
            .bind(team_id)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| (r.get("channel_id"), r.get("ts"))))
    }
}
