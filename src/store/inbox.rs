//! The durable inbox: a request from Slack is written here before it is
//! acknowledged, under a key that a redelivery repeats (the `event_id` of an
//! event, the `trigger_id` of an interaction). A second insert of the same key
//! does nothing, which is what makes event handling exactly-once across
//! retries, restarts and replicas. Rows not yet processed are picked up again
//! at start, so an event acknowledged just before a crash is not lost.

use sqlx::Row;

use super::{get_i64, now, Store, StoreResult};

#[derive(Debug, Clone)]
pub struct InboxItem {
    pub id: i64,
    pub team_id: String,
    pub kind: String,
    pub payload: String,
}

/// How many times a failing item is tried before it is set aside.
pub const MAX_ATTEMPTS: i64 = 5;

impl Store {
    /// Stores a request; `Some(id)` when it is new, `None` for a redelivery.
    pub async fn inbox_insert(
        &self,
        team_id: &str,
        dedup_key: &str,
        kind: &str,
        payload: &str,
    ) -> StoreResult<Option<i64>> {
        let row = sqlx::query(
            "INSERT INTO inbox (team_id, dedup_key, kind, payload, received_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (team_id, dedup_key) DO NOTHING RETURNING id",
        )
        .bind(team_id)
        .bind(dedup_key)
        .bind(kind)
        .bind(payload)
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| get_i64(&r, "id")))
    }

    /// Marks an item handled and drops its payload: only the key is needed
    /// from now on (to recognise a redelivery), and message text — a deleted
    /// message's included — should not outlive its handling.
    pub async fn inbox_mark_processed(&self, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE inbox SET processed_at = $1, payload = '' WHERE id = $2")
            .bind(now())
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Counts a failed attempt; the item stays pending until MAX_ATTEMPTS.
    pub async fn inbox_mark_failed(&self, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE inbox SET attempts = attempts + 1 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Items received but not processed (a crash between ack and handling).
    pub async fn inbox_pending(&self, limit: i64) -> StoreResult<Vec<InboxItem>> {
        let rows = sqlx::query(
            "SELECT id, team_id, kind, payload FROM inbox WHERE processed_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2",
        )
        .bind(MAX_ATTEMPTS)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| InboxItem {
                id: get_i64(r, "id"),
                team_id: r.get("team_id"),
                kind: r.get("kind"),
                payload: r.get("payload"),
            })
            .collect())
    }

    /// Forgets processed items older than `cutoff`; redeliveries come within minutes.
    pub async fn inbox_purge(&self, cutoff: i64) -> StoreResult<u64> {
        let r =
            sqlx::query("DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < $1")
                .bind(cutoff)
                .execute(&self.pool)
                .await?;
        Ok(r.rows_affected())
    }
}
