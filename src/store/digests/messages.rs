//! Messages received in channels with a digest on, and thread summaries
//! waiting for "Share in thread". Both hold what people wrote, so both are
//! purged after the retention period, and a deletion removes the text at
//! once (the row stays as a tombstone so a late event cannot revive it).

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::digest::ts_secs;
use crate::store::{get_i64, Store, StoreResult};

/// A stored human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    pub ts: String,
    /// The thread it replies to; `None` for a top-level message.
    pub thread_ts: Option<String>,
    pub user_id: String,
    pub body: String,
}

/// How a message reached us, which decides what an existing row keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageWrite {
    /// A new-message event: never overwrites (events may arrive out of
    /// order, and an edit or a fetched copy is newer).
    New,
    /// An edit event: replaces the text.
    Edit,
    /// Read back from Slack during a backfill: Slack's current text wins.
    Fetched,
}

/// A thread summary as shown to the person who asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadSummaryRow {
    pub id: i64,
    pub channel_id: String,
    pub thread_ts: String,
    pub user_id: String,
    pub text: String,
    /// Block Kit JSON, without the "Share in thread" button.
    pub blocks: String,
}

fn message_from_row(r: &AnyRow) -> StoredMessage {
    StoredMessage {
        ts: r.get("ts"),
        thread_ts: r.try_get("thread_ts").ok().flatten(),
        user_id: r.get("user_id"),
        body: r.get("body"),
    }
}

/// The parent of a reply; a thread's root is stored as top-level.
fn reply_parent<'a>(ts: &str, thread_ts: Option<&'a str>) -> Option<&'a str> {
    thread_ts.filter(|t| *t != ts)
}

impl Store {
    /// Stores a message or its current text (see [`MessageWrite`]). A
    /// deleted message stays deleted.
    pub async fn channel_message_upsert(
        &self,
        team_id: &str,
        channel_id: &str,
        msg: &StoredMessage,
        at: i64,
        how: MessageWrite,
    ) -> StoreResult<()> {
        let sql = match how {
            MessageWrite::New => "INSERT INTO channel_messages (team_id, channel_id, ts, ts_secs, thread_ts, user_id, body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (team_id, channel_id, ts) DO NOTHING",
            MessageWrite::Edit => "INSERT INTO channel_messages (team_id, channel_id, ts, ts_secs, thread_ts, user_id, body, received_at, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             ON CONFLICT (team_id, channel_id, ts) DO UPDATE SET body = excluded.body, user_id = excluded.user_id, edited_at = excluded.edited_at WHERE channel_messages.deleted = 0",
            MessageWrite::Fetched => "INSERT INTO channel_messages (team_id, channel_id, ts, ts_secs, thread_ts, user_id, body, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (team_id, channel_id, ts) DO UPDATE SET body = excluded.body, user_id = excluded.user_id WHERE channel_messages.deleted = 0",
        };
        sqlx::query(sql)
            .bind(team_id)
            .bind(channel_id)
            .bind(&msg.ts)
            .bind(ts_secs(&msg.ts))
            .bind(reply_parent(&msg.ts, msg.thread_ts.as_deref()))
            .bind(&msg.user_id)
            .bind(&msg.body)
            .bind(at)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Removes a deleted message's text, leaving a tombstone.
    pub async fn channel_message_delete(
        &self,
        team_id: &str,
        channel_id: &str,
        ts: &str,
        at: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO channel_messages (team_id, channel_id, ts, ts_secs, thread_ts, user_id, body, deleted, received_at) VALUES ($1, $2, $3, $4, NULL, '', '', 1, $5) \
             ON CONFLICT (team_id, channel_id, ts) DO UPDATE SET body = '', deleted = 1",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(ts)
        .bind(ts_secs(ts))
        .bind(at)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Messages with `start <= ts < end`, in order, at most `limit`.
    pub async fn channel_messages_window(
        &self,
        team_id: &str,
        channel_id: &str,
        window: (i64, i64),
        limit: i64,
    ) -> StoreResult<Vec<StoredMessage>> {
        let rows = sqlx::query(
            "SELECT ts, thread_ts, user_id, body FROM channel_messages WHERE team_id = $1 AND channel_id = $2 \
             AND ts_secs >= $3 AND ts_secs < $4 AND deleted = 0 ORDER BY ts_secs, ts LIMIT $5",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(window.0)
        .bind(window.1)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(message_from_row).collect())
    }

    /// The ts of every message known deleted in the window (so a backfill
    /// does not bring them back).
    pub async fn channel_messages_deleted(
        &self,
        team_id: &str,
        channel_id: &str,
        window: (i64, i64),
    ) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT ts FROM channel_messages WHERE team_id = $1 AND channel_id = $2 AND ts_secs >= $3 AND ts_secs < $4 AND deleted = 1",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(window.0)
        .bind(window.1)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("ts")).collect())
    }

    /// Forgets a channel's messages (its digest was switched off).
    pub async fn channel_messages_forget(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM channel_messages WHERE team_id = $1 AND channel_id = $2")
            .bind(team_id)
            .bind(channel_id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected())
    }

    /// The retention purge: messages written before `cutoff`, and thread
    /// summaries made before it.
    pub async fn channel_messages_purge(&self, cutoff: i64) -> StoreResult<u64> {
        let messages = sqlx::query("DELETE FROM channel_messages WHERE ts_secs < $1")
            .bind(cutoff)
            .execute(&self.pool)
            .await?;
        let summaries = sqlx::query("DELETE FROM thread_summaries WHERE created_at < $1")
            .bind(cutoff)
            .execute(&self.pool)
            .await?;
        Ok(messages.rows_affected() + summaries.rows_affected())
    }

    pub async fn thread_summary_insert(
        &self,
        team_id: &str,
        s: &ThreadSummaryRow,
        at: i64,
    ) -> StoreResult<i64> {
        let row = sqlx::query(
            "INSERT INTO thread_summaries (team_id, channel_id, thread_ts, user_id, text, blocks, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(team_id)
        .bind(&s.channel_id)
        .bind(&s.thread_ts)
        .bind(&s.user_id)
        .bind(&s.text)
        .bind(&s.blocks)
        .bind(at)
        .fetch_one(&self.pool)
        .await?;
        Ok(get_i64(&row, "id"))
    }

    pub async fn thread_summary_get(
        &self,
        team_id: &str,
        id: i64,
    ) -> StoreResult<Option<ThreadSummaryRow>> {
        let row = sqlx::query(
            "SELECT id, channel_id, thread_ts, user_id, text, blocks FROM thread_summaries WHERE team_id = $1 AND id = $2",
        )
        .bind(team_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| ThreadSummaryRow {
            id: get_i64(&r, "id"),
            channel_id: r.get("channel_id"),
            thread_ts: r.get("thread_ts"),
            user_id: r.get("user_id"),
            text: r.get("text"),
            blocks: r.get("blocks"),
        }))
    }
}
