//! Thread replies held while a run's parent message is being posted: Slack
//! can deliver an answer before `chat.postMessage` has returned the parent's
//! `ts`, and such a reply would otherwise find no run (see
//! `standup::runs::record_answer` for the order that makes this sound).

use sqlx::Row;

use super::{run_from_row, RUN_COLS};
use crate::ids::{ChannelId, TeamId, Ts, UserId};
use crate::standup::runs::ThreadReply;
use crate::standup::{Run, RunStatus};
use crate::store::{Store, StoreResult};

/// A held reply not claimed by a run within this long answered some other
/// thread: it is deleted.
const HELD_FOR_SECS: i64 = 3600;

/// What the database says of a reply's thread, read in one statement.
#[derive(Debug)]
pub enum ReplyThread {
    /// The thread is this run's.
    Run(Box<Run>),
    /// No run has this thread, but one in the channel is still posting its
    /// parent message: the reply may be its answer.
    Opening,
    None,
}

impl Store {
    /// The run of thread `thread_ts`, read from the database (not the read
    /// cache, whose "no run" may be a second old).
    pub async fn reply_thread(
        &self,
        team_id: &str,
        channel_id: &str,
        thread_ts: &str,
    ) -> StoreResult<ReplyThread> {
        let sql = format!(
            "SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND channel_id = $2 AND (parent_ts = $3 OR status = 'opening')"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .bind(thread_ts)
            .fetch_all(&self.pool)
            .await?;
        let runs: Vec<Run> = rows.iter().map(run_from_row).collect();
        if let Some(run) = runs
            .iter()
            .find(|r| r.parent_ts.as_deref() == Some(thread_ts))
        {
            return Ok(ReplyThread::Run(Box::new(run.clone())));
        }
        Ok(match runs.iter().any(|r| r.status == RunStatus::Opening) {
            true => ReplyThread::Opening,
            false => ReplyThread::None,
        })
    }

    /// Keeps a reply until a run records `reply.thread_ts` (an edit replaces it).
    pub async fn reply_hold(&self, reply: &ThreadReply) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO held_replies (team_id, channel_id, thread_ts, ts, user_id, body, held_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, channel_id, ts) \
             DO UPDATE SET thread_ts = excluded.thread_ts, user_id = excluded.user_id, body = excluded.body, held_at = excluded.held_at",
        )
        .bind(reply.team.as_str())
        .bind(reply.channel.as_str())
        .bind(reply.thread_ts.as_str())
        .bind(reply.ts.as_str())
        .bind(reply.user.as_str())
        .bind(&reply.text)
        .bind(self.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The replies held for thread `thread_ts`, oldest first. Also drops the
    /// channel's held replies nobody claimed in time.
    pub async fn replies_held(
        &self,
        team_id: &str,
        channel_id: &str,
        thread_ts: &str,
    ) -> StoreResult<Vec<ThreadReply>> {
        sqlx::query(
            "DELETE FROM held_replies WHERE team_id = $1 AND channel_id = $2 AND held_at < $3",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(self.now() - HELD_FOR_SECS)
        .execute(&self.pool)
        .await?;
        let rows = sqlx::query(
            "SELECT ts, user_id, body FROM held_replies WHERE team_id = $1 AND channel_id = $2 AND thread_ts = $3 ORDER BY ts",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(thread_ts)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| ThreadReply {
                team: TeamId::new(team_id),
                channel: ChannelId::new(channel_id),
                user: UserId::new(r.get::<String, _>("user_id")),
                ts: Ts::new(r.get::<String, _>("ts")),
                thread_ts: Ts::new(thread_ts),
                text: r.get("body"),
            })
            .collect())
    }

    /// Forgets the held reply `ts` (matched, or deleted in Slack).
    pub async fn reply_release(
        &self,
        team_id: &str,
        channel_id: &str,
        ts: &str,
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM held_replies WHERE team_id = $1 AND channel_id = $2 AND ts = $3")
            .bind(team_id)
            .bind(channel_id)
            .bind(ts)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
