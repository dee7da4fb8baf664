//! What members said in a run: answers, moods, and the stored summary.

use sqlx::Row;

use crate::standup::Answer;
use crate::store::batch::AnswerWrite;
use crate::store::{get_i64, Store, StoreResult};

/// An answer to store: the columns [`Store::answer_insert`] and
/// [`Store::answer_upsert`] write.
#[derive(Debug, Clone, Copy)]
pub struct NewAnswer<'a> {
    pub team_id: &'a str,
    pub run_id: i64,
    pub user_id: &'a str,
    pub message_ts: &'a str,
    pub body: &'a str,
    pub late: bool,
    pub at: i64,
}

impl From<NewAnswer<'_>> for AnswerWrite {
    fn from(a: NewAnswer<'_>) -> AnswerWrite {
        AnswerWrite {
            team_id: a.team_id.to_string(),
            run_id: a.run_id,
            user_id: a.user_id.to_string(),
            message_ts: a.message_ts.to_string(),
            body: a.body.to_string(),
            late: a.late,
            at: a.at,
        }
    }
}

impl Store {
    /// Stores a new answer unless its message is stored already — a
    /// redelivery of the event, or an edit that came first — and says
    /// whether it was new. A standup answer's event is deduplicated by
    /// this, not by the inbox (see `store::batch`).
    ///
    /// Committed together with concurrent writes (see `store::batch`): the
    /// caller returns once its row is committed.
    pub async fn answer_insert(&self, answer: NewAnswer<'_>) -> StoreResult<bool> {
        self.batches.insert_answer(&self.pool, answer.into()).await
    }

    /// Stores an answer; a repeated message ts updates it (an edit or a replay).
    #[allow(clippy::too_many_arguments)] // one argument per column written
    pub async fn answer_upsert(
        &self,
        team_id: &str,
        run_id: i64,
        user_id: &str,
        message_ts: &str,
        body: &str,
        late: bool,
        at: i64,
    ) -> StoreResult<()> {
        // Committed together with concurrent answers (see `store::batch`).
        let answer = NewAnswer {
            team_id,
            run_id,
            user_id,
            message_ts,
            body,
            late,
            at,
        };
        self.batches.upsert_answer(&self.pool, answer.into()).await
    }

    /// Marks an answer deleted and erases its text at once: a deletion in
    /// Slack is the author taking it back, so only the fact that there was an
    /// answer is kept, not what it said.
    pub async fn answer_delete(
        &self,
        team_id: &str,
        run_id: i64,
        message_ts: &str,
    ) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE answers SET deleted = 1, body = '' WHERE team_id = $1 AND run_id = $2 AND message_ts = $3",
        )
        .bind(team_id)
        .bind(run_id)
        .bind(message_ts)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() > 0)
    }

    /// A run's live answers, oldest first.
    pub async fn answers_for_run(&self, team_id: &str, run_id: i64) -> StoreResult<Vec<Answer>> {
        let rows = sqlx::query(
            "SELECT user_id, message_ts, body, answered_at, edited_at, late FROM answers WHERE team_id = $1 AND run_id = $2 AND deleted = 0 ORDER BY message_ts",
        )
        .bind(team_id)
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Answer {
                user_id: r.get("user_id"),
                message_ts: r.get("message_ts"),
                body: r.get("body"),
                answered_at: get_i64(r, "answered_at"),
                edited_at: r.try_get::<Option<i64>, _>("edited_at").ok().flatten(),
                late: get_i64(r, "late") != 0,
            })
            .collect())
    }

    /// Records (or changes) a member's mood for a run.
    pub async fn mood_set(
        &self,
        team_id: &str,
        run_id: i64,
        user_id: &str,
        score: i64,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO moods (team_id, run_id, user_id, score) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, user_id) DO UPDATE SET score = excluded.score")
            .bind(team_id)
            .bind(run_id)
            .bind(user_id)
            .bind(score)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The moods given in a run.
    pub async fn moods_for_run(&self, team_id: &str, run_id: i64) -> StoreResult<Vec<i64>> {
        let rows = sqlx::query("SELECT score FROM moods WHERE team_id = $1 AND run_id = $2")
            .bind(team_id)
            .bind(run_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| get_i64(r, "score")).collect())
    }
}
