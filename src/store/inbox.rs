//! The durable inbox: a request from Slack is written here before it is
//! acknowledged, under a key that a redelivery repeats (the `event_id` of an
//! event, the `trigger_id` of an interaction). A second insert of the same key
//! does nothing, which is what makes event handling exactly-once across
//! retries, restarts and replicas. Rows not yet processed are picked up again
//! (at start, and by a periodic sweep) once their lease has run out, so an
//! event acknowledged just before a crash is not lost, and one a live
//! replica is handling is not handled twice.

use std::collections::HashMap;

use sqlx::{AnyConnection, Row};

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
        payload: &str,
    ) -> StoreResult<Option<i64>> {
        let item = NewItem {
            team_id: team_id.to_string(),
            dedup_key: dedup_key.to_string(),
            kind: kind.to_string(),
            payload: payload.to_string(),
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

/// One multi-row insert; `Some(id)` for the rows it created, in item order.
/// A key repeated within the batch is new only for its first caller.
pub(super) async fn insert_rows(
    conn: &mut AnyConnection,
    items: &[NewItem],
) -> StoreResult<Vec<Option<i64>>> {
    let sql = format!(
        "INSERT INTO inbox (team_id, dedup_key, kind, payload, received_at) VALUES {} \
         ON CONFLICT (team_id, dedup_key) DO NOTHING RETURNING id, team_id, dedup_key",
        super::batch::values_placeholders(items.len(), 5)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for item in items {
        query = query
            .bind(item.team_id.as_str())
            .bind(item.dedup_key.as_str())
            .bind(item.kind.as_str())
            .bind(item.payload.as_str())
            .bind(item.received_at);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut created: HashMap<(String, String), i64> = rows
        .iter()
        .map(|r| ((r.get("team_id"), r.get("dedup_key")), get_i64(r, "id")))
        .collect();
    Ok(items
        .iter()
        .map(|i| created.remove(&(i.team_id.clone(), i.dedup_key.clone())))
        .collect())
}

/// Marks items handled and drops their payloads, in one statement, at the
/// time the first of them was submitted.
pub(super) async fn mark_rows_processed(
    conn: &mut AnyConnection,
    ids: &[(i64, i64)],
) -> StoreResult<()> {
    let at = ids.first().map(|(_, at)| *at).unwrap_or_default();
    // $1 is the time; the ids follow as $2…
    let list: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "UPDATE inbox SET processed_at = $1, payload = '' WHERE id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(at);
    for (id, _) in ids {
        query = query.bind(*id);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}
