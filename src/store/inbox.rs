//! The durable inbox: a request from Slack is written here before it is
//! acknowledged, under a key that a redelivery repeats (the `event_id` of an
//! event, the `trigger_id` of an interaction). A second insert of the same key
//! does nothing, which is what makes event handling exactly-once across
//! retries, restarts and replicas. Rows not yet processed are picked up again
//! (at start, and by a periodic sweep) once their lease has run out, so an
//! event acknowledged just before a crash is not lost, and one a live
//! replica is handling is not handled twice.
//!
//! One kind of event has no row here: a standup answer to a run the bot
//! knows, whose whole handling is its row in `answers`. That row is its
//! durable record, and the message's key there (`team_id, run_id,
//! message_ts`) recognises its redeliveries (`Store::answer_insert`,
//! `store::batch`).

use sqlx::Row;

use super::batch::NewItem;
use super::{get_i64, Store, StoreResult};

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
    ///
    /// Concurrent calls are committed together (see `store::batch`): each
    /// caller still returns only once its row is committed.
    pub async fn inbox_insert(
        &self,
        team_id: &str,
        dedup_key: &str,
        kind: &str,
        payload: impl Into<String>,
    ) -> StoreResult<Option<i64>> {
        let item = NewItem {
            team_id: team_id.to_string(),
            dedup_key: dedup_key.to_string(),
            kind: kind.to_string(),
            payload: payload.into(),
            received_at: self.now(),
        };
        self.batches.insert_inbox(&self.pool, item).await
    }

    /// Marks an item handled and drops its payload: only the key is needed
    /// from now on (to recognise a redelivery), and message text — a deleted
    /// message's included — should not outlive its handling.
    pub async fn inbox_mark_processed(&self, id: i64) -> StoreResult<()> {
        self.batches
            .mark_processed(&self.pool, id, self.now())
            .await
    }

    /// Counts a failed attempt; the item stays pending until MAX_ATTEMPTS.
    pub async fn inbox_mark_failed(&self, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE inbox SET attempts = attempts + 1 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Takes the items received but not processed whose lease has run out,
    /// and leases them to the caller for `lease_secs`.
    ///
    /// The replica that received an item holds it for `lease_secs` from
    /// `received_at` (it is handling it); whoever replays it holds it for
    /// `lease_secs` from `claimed_at`. Without the lease, a replica starting
    /// while another was handling an item would handle it a second time.
    /// The lease is checked again by the `UPDATE` itself, so of two replicas
    /// claiming at once only one gets each row. `retries` also takes items
    /// whose handler failed (at start); without it only items nobody
    /// finished (the periodic sweep after a replica died mid-handling).
    pub async fn inbox_claim_expired(
        &self,
        lease_secs: i64,
        retries: bool,
        limit: i64,
    ) -> StoreResult<Vec<InboxItem>> {
        let now = self.now();
        let max_attempts = if retries { MAX_ATTEMPTS } else { 1 };
        let rows = sqlx::query(
            "UPDATE inbox SET claimed_at = $1 \
             WHERE processed_at IS NULL AND attempts < $2 AND COALESCE(claimed_at, received_at) <= $3 \
             AND id IN (SELECT id FROM inbox WHERE processed_at IS NULL AND attempts < $2 \
                        AND COALESCE(claimed_at, received_at) <= $3 ORDER BY id LIMIT $4) \
             RETURNING id, team_id, kind, payload",
        )
        .bind(now)
        .bind(max_attempts)
        .bind(now - lease_secs)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut items: Vec<InboxItem> = rows
            .iter()
            .map(|r| InboxItem {
                id: get_i64(r, "id"),
                team_id: r.get("team_id"),
                kind: r.get("kind"),
                payload: r.get("payload"),
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Ok(items)
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
