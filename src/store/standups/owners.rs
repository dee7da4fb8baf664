//! Who owns a standup: the people who may change it besides the
//! workspace's admins (see `standup::owners` for the rule).

use sqlx::Row;

use crate::store::{Store, StoreResult};

const INSERT_OWNER: &str =
    "INSERT INTO standup_owners (team_id, standup_id, user_id, added_by, added_at) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team_id, standup_id, user_id) DO NOTHING";
const DELETE_OWNER: &str =
    "DELETE FROM standup_owners WHERE team_id = $1 AND standup_id = $2 AND user_id = $3";

impl Store {
    /// The owners of a standup, in the order they were added.
    pub async fn standup_owners(&self, team_id: &str, standup_id: i64) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT user_id FROM standup_owners WHERE team_id = $1 AND standup_id = $2 ORDER BY added_at, user_id",
        )
        .bind(team_id)
        .bind(standup_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get("user_id")).collect())
    }

    /// Adds owners (those who are owners already stay as they were).
    pub async fn standup_owners_add(
        &self,
        team_id: &str,
        standup_id: i64,
        users: &[String],
        added_by: &str,
    ) -> StoreResult<()> {
        self.standup_owners_change(team_id, standup_id, users, &[], added_by)
            .await
    }

    /// Removes owners.
    pub async fn standup_owners_remove(
        &self,
        team_id: &str,
        standup_id: i64,
        users: &[String],
    ) -> StoreResult<()> {
        self.standup_owners_change(team_id, standup_id, &[], users, "")
            .await
    }

    /// Makes `users` the owners (the setup form's owners field): the new
    /// ones are added, the others removed.
    pub async fn standup_owners_set(
        &self,
        team_id: &str,
        standup_id: i64,
        users: &[String],
        set_by: &str,
    ) -> StoreResult<()> {
        let gone: Vec<String> = self
            .standup_owners(team_id, standup_id)
            .await?
            .into_iter()
            .filter(|u| !users.contains(u))
            .collect();
        self.standup_owners_change(team_id, standup_id, users, &gone, set_by)
            .await
    }

    /// Adds and removes owners in one transaction, so a reader never sees
    /// a standup half-way between two sets of owners.
    async fn standup_owners_change(
        &self,
        team_id: &str,
        standup_id: i64,
        add: &[String],
        remove: &[String],
        by: &str,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for user in remove {
            sqlx::query(DELETE_OWNER)
                .bind(team_id)
                .bind(standup_id)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        for user in add {
            sqlx::query(INSERT_OWNER)
                .bind(team_id)
                .bind(standup_id)
                .bind(user)
                .bind(by)
                .bind(self.now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }
}
