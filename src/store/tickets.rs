//! Per-channel issue tracker targets, and the cache of ticket statuses
//! shown in summaries.

use sqlx::Row;

use super::{Store, StoreResult};
use crate::render::tickets::TicketView;

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

impl Store {
    /// A ticket's status fetched at most `max_age_secs` ago (by the store's
    /// clock), or none.
    pub async fn ticket_status_cached(
        &self,
        team_id: &str,
        ticket: &str,
        max_age_secs: i64,
    ) -> StoreResult<Option<TicketView>> {
        let row = sqlx::query(
            "SELECT url, title, status, done FROM ticket_statuses \
             WHERE team_id = $1 AND ticket = $2 AND fetched_at >= $3",
        )
        .bind(team_id)
        .bind(ticket)
        .bind(self.now() - max_age_secs)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| TicketView {
            reference: ticket
                .split_once(':')
                .map_or(ticket, |(_, reference)| reference)
                .to_string(),
            url: r.get("url"),
            title: r.get("title"),
            status: r.get("status"),
            done: r.get::<i64, _>("done") != 0,
        }))
    }

    /// Stores a status just fetched, replacing an older one.
    pub async fn ticket_status_put(
        &self,
        team_id: &str,
        ticket: &str,
        view: &TicketView,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO ticket_statuses (team_id, ticket, url, title, status, done, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, ticket) DO UPDATE SET \
             url = excluded.url, title = excluded.title, status = excluded.status, \
             done = excluded.done, fetched_at = excluded.fetched_at",
        )
        .bind(team_id)
        .bind(ticket)
        .bind(view.url.as_deref())
        .bind(&view.title)
        .bind(&view.status)
        .bind(i64::from(view.done))
        .bind(self.now())
        .execute(&self.pool)
        .await
        .map(drop)
    }
}

impl Store {
    /// Drops a team's statuses older than `max_age_secs`: the cache holds
    /// only what it may still serve.
    pub async fn ticket_statuses_prune(&self, team_id: &str, max_age_secs: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM ticket_statuses WHERE team_id = $1 AND fetched_at < $2")
            .bind(team_id)
            .bind(self.now() - max_age_secs)
            .execute(&self.pool)
            .await
            .map(drop)
    }
}
