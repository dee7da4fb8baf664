//! Days without a standup: holidays of a standup, absences of a member.

use sqlx::Row;

use crate::store::{Store, StoreResult};

impl Store {
    pub async fn holiday_add(
        &self,
        team_id: &str,
        standup_id: i64,
        day: &str,
    ) -> StoreResult<bool> {
        let r = sqlx::query("INSERT INTO holidays (team_id, standup_id, day) VALUES ($1, $2, $3) ON CONFLICT (standup_id, day) DO NOTHING")
            .bind(team_id)
            .bind(standup_id)
            .bind(day)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn holiday_remove(
        &self,
        team_id: &str,
        standup_id: i64,
        day: &str,
    ) -> StoreResult<bool> {
        let r =
            sqlx::query("DELETE FROM holidays WHERE team_id = $1 AND standup_id = $2 AND day = $3")
                .bind(team_id)
                .bind(standup_id)
                .bind(day)
                .execute(&self.pool)
                .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn holidays(&self, team_id: &str, standup_id: i64) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT day FROM holidays WHERE team_id = $1 AND standup_id = $2 ORDER BY day",
        )
        .bind(team_id)
        .bind(standup_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("day")).collect())
    }

    pub async fn absence_add(
        &self,
        team_id: &str,
        user_id: &str,
        from_day: &str,
        to_day: &str,
        reason: &str,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO absences (team_id, user_id, from_day, to_day, reason) VALUES ($1, $2, $3, $4, $5)")
            .bind(team_id)
            .bind(user_id)
            .bind(from_day)
            .bind(to_day)
            .bind(reason)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Users of a team away or skipping on `day` (dates compare as YYYY-MM-DD text).
    pub async fn absent_on(&self, team_id: &str, day: &str) -> StoreResult<Vec<String>> {
        let rows = sqlx::query("SELECT DISTINCT user_id FROM absences WHERE team_id = $1 AND from_day <= $2 AND to_day >= $2")
            .bind(team_id)
            .bind(day)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get("user_id")).collect())
    }
}
