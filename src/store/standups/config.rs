//! A standup's configuration, and the claim of its due runs by the scheduler.

use super::{standup_from_row, to_json, STANDUP_COLS};
use crate::standup::Standup;
use crate::store::{Backend, Store, StoreResult};

impl Store {
    pub async fn standup_get(
        &self,
        team_id: &str,
        channel_id: &str,
        name: &str,
    ) -> StoreResult<Option<Standup>> {
        let sql = format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 AND channel_id = $2 AND name = $3 AND deleted_at IS NULL");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(standup_from_row))
    }

    pub async fn standup_by_id(&self, team_id: &str, id: i64) -> StoreResult<Option<Standup>> {
        let sql = format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(standup_from_row))
    }

    /// The standups of a channel (not deleted), oldest first.
    pub async fn standups_in_channel(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<Vec<Standup>> {
        let sql = format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 AND channel_id = $2 AND deleted_at IS NULL ORDER BY id LIMIT 100");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(standup_from_row).collect())
    }

    /// Deletes a standup from its channel: it stops being scheduled and its
    /// name is free again (the row is renamed `NAME#ID`, which no valid
    /// name can be), while its runs and answers stay until retention purges
    /// them. True for the one caller that deleted it.
    pub async fn standup_delete(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE standups SET deleted_at = $1, next_run_at = NULL, paused = 1, name = name || '#' || CAST(id AS TEXT) \
             WHERE team_id = $2 AND id = $3 AND deleted_at IS NULL",
        )
        .bind(self.now())
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Inserts a standup, or returns the one that already exists for that
    /// channel and name. A new standup's creator is its first owner.
    pub async fn standup_insert(&self, s: &Standup) -> StoreResult<Standup> {
        let inserted = sqlx::query(
            "INSERT INTO standups (team_id, channel_id, name, questions, days, time_of_day, tz, participants, close_after_minutes, reminder_before_minutes, paused, next_run_at, created_by, created_at, per_member_tz) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (team_id, channel_id, name) DO NOTHING",
        )
        .bind(&s.team_id)
        .bind(&s.channel_id)
        .bind(&s.name)
        .bind(to_json(&s.questions))
        .bind(s.days.to_string())
        .bind(s.time.strftime("%H:%M").to_string())
        .bind(&s.tz)
        .bind(s.participants.as_deref().map(to_json))
        .bind(s.close_after_minutes)
        .bind(s.reminder_before_minutes)
        .bind(i64::from(s.paused))
        .bind(s.next_run_at)
        .bind(&s.created_by)
        .bind(self.now())
        .bind(i64::from(s.per_member_tz))
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1;
        let stored = self
            .standup_get(&s.team_id, &s.channel_id, &s.name)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        if inserted {
            let creator = std::slice::from_ref(&s.created_by);
            self.standup_owners_add(&s.team_id, stored.id, creator, &s.created_by)
                .await?;
        }
        Ok(stored)
    }

    /// Saves every configurable field of a stored standup.
    pub async fn standup_update(&self, s: &Standup) -> StoreResult<()> {
        sqlx::query(
            "UPDATE standups SET questions = $1, days = $2, time_of_day = $3, tz = $4, participants = $5, close_after_minutes = $6, \
             reminder_before_minutes = $7, paused = $8, next_run_at = $9, per_member_tz = $12, weekly_report = $13, mood = $14, close_at = $15 WHERE team_id = $10 AND id = $11",
        )
        .bind(to_json(&s.questions))
        .bind(s.days.to_string())
        .bind(s.time.strftime("%H:%M").to_string())
        .bind(&s.tz)
        .bind(s.participants.as_deref().map(to_json))
        .bind(s.close_after_minutes)
        .bind(s.reminder_before_minutes)
        .bind(i64::from(s.paused))
        .bind(s.next_run_at)
        .bind(&s.team_id)
        .bind(s.id)
        .bind(i64::from(s.per_member_tz))
        .bind(i64::from(s.weekly_report))
        .bind(i64::from(s.mood))
        .bind(s.close_at.map(|t| t.strftime("%H:%M").to_string()))
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Standups whose next run is due; served by the `standups_next_run` index.
    pub async fn standups_due(&self, at: i64, limit: i64) -> StoreResult<Vec<Standup>> {
        let sql = format!("SELECT {STANDUP_COLS} FROM standups WHERE next_run_at IS NOT NULL AND next_run_at <= $1 AND paused = 0 ORDER BY next_run_at LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(standup_from_row).collect())
    }

    /// Claims the standups due at `at` for this caller and moves each one's
    /// next run forward. The returned standups keep the due time they were
    /// claimed for in `next_run_at`.
    ///
    /// On PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`, so
    /// replicas ticking at once split the due work instead of racing for it;
    /// on SQLite (one writer) each row is claimed by a conditional update.
    pub async fn standups_claim_due(&self, at: i64, limit: i64) -> StoreResult<Vec<Standup>> {
        if self.backend == Backend::Sqlite {
            let mut claimed = Vec::new();
            for s in self.standups_due(at, limit).await? {
                if self
                    .standup_advance(&s.team_id, s.id, s.next_run_at, s.next_run_after(at))
                    .await?
                {
                    claimed.push(s);
                }
            }
            return Ok(claimed);
        }
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "SELECT {STANDUP_COLS} FROM standups WHERE next_run_at IS NOT NULL AND next_run_at <= $1 AND paused = 0 \
             ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        let due: Vec<Standup> = rows.iter().map(standup_from_row).collect();
        for s in &due {
            sqlx::query("UPDATE standups SET next_run_at = $1 WHERE id = $2")
                .bind(s.next_run_after(at))
                .bind(s.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(due)
    }

    /// Moves a standup's next run forward, only if no other replica did it first.
    pub async fn standup_advance(
        &self,
        team_id: &str,
        id: i64,
        from: Option<i64>,
        to: Option<i64>,
    ) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE standups SET next_run_at = $1 WHERE team_id = $2 AND id = $3 AND next_run_at = $4")
            .bind(to)
            .bind(team_id)
            .bind(id)
            .bind(from)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }
}
