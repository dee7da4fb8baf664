//! Where and when each standup channel's weekly stakeholder update goes.

use sqlx::Row;

use super::{Store, StoreResult};

/// One channel's weekly update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderRow {
    pub team_id: String,
    /// The standup channel the update is about.
    pub channel_id: String,
    /// Where it is posted.
    pub target: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// Minutes after local midnight.
    pub minute: i64,
    pub tz: String,
    pub created_by: String,
}

impl Store {
    pub async fn stakeholder_set(&self, r: &StakeholderRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO stakeholder_updates (team_id, channel_id, target, weekday, minute, tz, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, channel_id) DO UPDATE SET \
             target = excluded.target, weekday = excluded.weekday, minute = excluded.minute, \
             tz = excluded.tz, created_by = excluded.created_by",
        )
        .bind(&r.team_id)
        .bind(&r.channel_id)
        .bind(&r.target)
        .bind(r.weekday)
        .bind(r.minute)
        .bind(&r.tz)
        .bind(&r.created_by)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Turns a channel's update off; false when it was not on.
    pub async fn stakeholder_off(&self, team_id: &str, channel_id: &str) -> StoreResult<bool> {
        let r =
            sqlx::query("DELETE FROM stakeholder_updates WHERE team_id = $1 AND channel_id = $2")
                .bind(team_id)
                .bind(channel_id)
                .execute(&self.pool)
                .await?;
        Ok(r.rows_affected() > 0)
    }

    /// Every update that is on (a few per workspace at most).
    pub async fn stakeholder_all(&self) -> StoreResult<Vec<StakeholderRow>> {
        let rows = sqlx::query(
            "SELECT team_id, channel_id, target, weekday, minute, tz, created_by \
             FROM stakeholder_updates ORDER BY team_id, channel_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| StakeholderRow {
                team_id: r.get("team_id"),
                channel_id: r.get("channel_id"),
                target: r.get("target"),
                weekday: r.get("weekday"),
                minute: r.get("minute"),
                tz: r.get("tz"),
                created_by: r.get("created_by"),
            })
            .collect())
    }
}

impl Store {
    /// The stored summary (JSON) of a run, if it has one.
    pub async fn summary_body(&self, team_id: &str, run_id: i64) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT body FROM summaries WHERE team_id = $1 AND run_id = $2")
            .bind(team_id)
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get("body")))
    }
}
