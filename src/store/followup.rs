//! Action items and blockers that outlive the run they came from.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_i64, Store, StoreResult};
use crate::followup::{ActionItem, ItemStatus, OpenBlocker};

fn opt_i64(r: &AnyRow, col: &str) -> Option<i64> {
    r.try_get::<Option<i64>, _>(col).ok().flatten()
}

pub(super) fn item_from_row(r: &AnyRow) -> ActionItem {
    ActionItem {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        channel_id: r.get("channel_id"),
        run_id: opt_i64(r, "run_id"),
        owner: r.get("owner"),
        text: r.get("body"),
        due: r.try_get("due").ok().flatten(),
        status: ItemStatus::parse(&r.get::<String, _>("status")),
        snoozed_until: opt_i64(r, "snoozed_until"),
        source_link: r.try_get("source_link").ok().flatten(),
        manager: r.get("manager"),
        issue_url: r.try_get("issue_url").ok().flatten(),
        created_at: get_i64(r, "created_at"),
        done_by: r.try_get("done_by").ok().flatten(),
    }
}

pub(super) fn blocker_from_row(r: &AnyRow) -> OpenBlocker {
    OpenBlocker {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        channel_id: r.get("channel_id"),
        standup_id: get_i64(r, "standup_id"),
        user_id: r.get("user_id"),
        text: r.get("body"),
        blocked_by: r.try_get("blocked_by").ok().flatten(),
        opened_on: r.get("opened_on"),
        opened_run: get_i64(r, "opened_run"),
        resolved: r.get::<String, _>("status") == "resolved",
    }
}

pub(super) const ITEM_COLS: &str = "id, team_id, channel_id, run_id, owner, body, due, status, snoozed_until, source_link, manager, issue_url, created_at, done_by";
pub(super) const BLOCKER_COLS: &str =
    "id, team_id, channel_id, standup_id, user_id, body, blocked_by, opened_on, opened_run, status";

impl Store {
    /// Stores an action item once per (run, owner, text).
    pub async fn item_insert(&self, item: &ActionItem) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO action_items (team_id, channel_id, run_id, owner, body, due, source_link, manager, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (team_id, run_id, owner, body) DO NOTHING",
        )
        .bind(&item.team_id)
        .bind(&item.channel_id)
        .bind(item.run_id)
        .bind(&item.owner)
        .bind(&item.text)
        .bind(item.due.as_deref())
        .bind(item.source_link.as_deref())
        .bind(&item.manager)
        .bind(item.created_at)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    pub async fn item_get(&self, team_id: &str, id: i64) -> StoreResult<Option<ActionItem>> {
        let sql = format!("SELECT {ITEM_COLS} FROM action_items WHERE team_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(item_from_row))
    }

    pub async fn items_for_run(&self, team_id: &str, run_id: i64) -> StoreResult<Vec<ActionItem>> {
        let sql = format!(
            "SELECT {ITEM_COLS} FROM action_items WHERE team_id = $1 AND run_id = $2 ORDER BY id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(run_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(item_from_row).collect())
    }

    /// Open items of a channel, oldest first.
    pub async fn items_open_in_channel(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<Vec<ActionItem>> {
        let sql = format!("SELECT {ITEM_COLS} FROM action_items WHERE team_id = $1 AND channel_id = $2 AND status = 'open' ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(item_from_row).collect())
    }

    /// Open items of a person across channels.
    pub async fn items_open_for(&self, team_id: &str, owner: &str) -> StoreResult<Vec<ActionItem>> {
        let sql = format!("SELECT {ITEM_COLS} FROM action_items WHERE team_id = $1 AND owner = $2 AND status = 'open' ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(item_from_row).collect())
    }

    /// Marks an item done by `by` (shown on the item as "done by @by").
    pub async fn item_set_done(
        &self,
        team_id: &str,
        id: i64,
        at: i64,
        by: &str,
    ) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE action_items SET status = 'done', done_at = $1, done_by = $4 WHERE team_id = $2 AND id = $3 AND status = 'open'")
            .bind(at)
            .bind(team_id)
            .bind(id)
            .bind(by)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn item_reassign(&self, team_id: &str, id: i64, owner: &str) -> StoreResult<()> {
        sqlx::query("UPDATE action_items SET owner = $1 WHERE team_id = $2 AND id = $3")
            .bind(owner)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    pub async fn item_snooze(
        &self,
        team_id: &str,
        id: i64,
        until: i64,
        due: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE action_items SET snoozed_until = $1, due = $2 WHERE team_id = $3 AND id = $4",
        )
        .bind(until)
        .bind(due)
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    pub async fn item_set_issue(&self, team_id: &str, id: i64, url: &str) -> StoreResult<()> {
        sqlx::query("UPDATE action_items SET issue_url = $1 WHERE team_id = $2 AND id = $3")
            .bind(url)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The open blocker of a member in a standup, if any.
    pub async fn blocker_open_for(
        &self,
        team_id: &str,
        standup_id: i64,
        user_id: &str,
    ) -> StoreResult<Option<OpenBlocker>> {
        let sql = format!("SELECT {BLOCKER_COLS} FROM blockers WHERE team_id = $1 AND standup_id = $2 AND user_id = $3 AND status = 'open' ORDER BY id LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(blocker_from_row))
    }

    pub async fn blocker_get(&self, team_id: &str, id: i64) -> StoreResult<Option<OpenBlocker>> {
        let sql = format!("SELECT {BLOCKER_COLS} FROM blockers WHERE team_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(blocker_from_row))
    }

    pub async fn blockers_open_in_standup(
        &self,
        team_id: &str,
        standup_id: i64,
    ) -> StoreResult<Vec<OpenBlocker>> {
        let sql = format!("SELECT {BLOCKER_COLS} FROM blockers WHERE team_id = $1 AND standup_id = $2 AND status = 'open' ORDER BY opened_on, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(blocker_from_row).collect())
    }

    pub async fn blockers_open_for_user(
        &self,
        team_id: &str,
        user_id: &str,
    ) -> StoreResult<Vec<OpenBlocker>> {
        let sql = format!("SELECT {BLOCKER_COLS} FROM blockers WHERE team_id = $1 AND user_id = $2 AND status = 'open' ORDER BY opened_on, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(blocker_from_row).collect())
    }

    pub async fn blocker_insert(&self, b: &OpenBlocker) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO blockers (team_id, channel_id, standup_id, user_id, body, blocked_by, opened_on, opened_run, last_run) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(&b.team_id)
        .bind(&b.channel_id)
        .bind(b.standup_id)
        .bind(&b.user_id)
        .bind(&b.text)
        .bind(b.blocked_by.as_deref())
        .bind(&b.opened_on)
        .bind(b.opened_run)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Records that a blocker is still there in a later run (its text may have changed).
    pub async fn blocker_seen(
        &self,
        team_id: &str,
        id: i64,
        run_id: i64,
        text: &str,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE blockers SET last_run = $1, body = $2 WHERE team_id = $3 AND id = $4")
            .bind(run_id)
            .bind(text)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    pub async fn blocker_resolve(&self, team_id: &str, id: i64, at: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE blockers SET status = 'resolved', resolved_at = $1 WHERE team_id = $2 AND id = $3 AND status = 'open'")
            .bind(at)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Channels of a team with a daily digest on (for the App Home tab).
    pub async fn digest_channels(&self, team_id: &str) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT channel_id FROM digests WHERE team_id = $1 AND enabled = 1 ORDER BY channel_id",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("channel_id")).collect())
    }

    /// Blockers of a standup opened in `[from, to)` (dates) and resolved in `[from_ts, to_ts)`.
    pub async fn blocker_counts(
        &self,
        team_id: &str,
        standup_id: i64,
        from: &str,
        to: &str,
        from_ts: i64,
        to_ts: i64,
    ) -> StoreResult<(i64, i64)> {
        let row = sqlx::query(
            "SELECT SUM(CASE WHEN opened_on >= $3 AND opened_on < $4 THEN 1 ELSE 0 END) AS opened, \
                    SUM(CASE WHEN resolved_at >= $5 AND resolved_at < $6 THEN 1 ELSE 0 END) AS closed \
             FROM blockers WHERE team_id = $1 AND standup_id = $2",
        )
        .bind(team_id)
        .bind(standup_id)
        .bind(from)
        .bind(to)
        .bind(from_ts)
        .bind(to_ts)
        .fetch_one(&self.pool)
        .await?;
        Ok((get_i64(&row, "opened"), get_i64(&row, "closed")))
    }

    /// Action items of a channel created and done in `[from_ts, to_ts)`.
    pub async fn item_counts(
        &self,
        team_id: &str,
        channel_id: &str,
        from_ts: i64,
        to_ts: i64,
    ) -> StoreResult<(i64, i64)> {
        let row = sqlx::query(
            "SELECT SUM(CASE WHEN created_at >= $3 AND created_at < $4 THEN 1 ELSE 0 END) AS opened, \
                    SUM(CASE WHEN done_at >= $3 AND done_at < $4 THEN 1 ELSE 0 END) AS closed \
             FROM action_items WHERE team_id = $1 AND channel_id = $2",
        )
        .bind(team_id)
        .bind(channel_id)
        .bind(from_ts)
        .bind(to_ts)
        .fetch_one(&self.pool)
        .await?;
        Ok((get_i64(&row, "opened"), get_i64(&row, "closed")))
    }
}
