//! Answers by DM: a standup's answer mode, which run a member's DM answers,
//! and the record of the DMs taken as answers.

use sqlx::Row;

use crate::standup::answer_mode::AnswerMode;
use crate::store::{get_i64, Store, StoreResult};

/// A DM taken as an answer: the run it answers and its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmAnswer {
    pub run_id: i64,
    pub user_id: String,
}

impl Store {
    /// A standup's answer mode (`thread` for a standup that is gone).
    pub async fn standup_answer_mode(
        &self,
        team_id: &str,
        standup_id: i64,
    ) -> StoreResult<AnswerMode> {
        let row = sqlx::query("SELECT answer_mode FROM standups WHERE team_id = $1 AND id = $2")
            .bind(team_id)
            .bind(standup_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .and_then(|r| AnswerMode::parse(&r.get::<String, _>("answer_mode")))
            .unwrap_or_default())
    }

    pub async fn standup_set_answer_mode(
        &self,
        team_id: &str,
        standup_id: i64,
        mode: AnswerMode,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE standups SET answer_mode = $1 WHERE team_id = $2 AND id = $3")
            .bind(mode.as_str())
            .bind(team_id)
            .bind(standup_id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// The run of the nudge or reminder DM posted as `ts` in `channel` to
    /// `user` (its post key is `run:<id>:nudge:<user>` or `run:<id>:remind:<user>`).
    pub async fn dm_run_of_nudge(
        &self,
        team_id: &str,
        channel: &str,
        ts: &str,
        user: &str,
    ) -> StoreResult<Option<i64>> {
        let rows = sqlx::query(
            "SELECT post_key FROM posts WHERE team_id = $1 AND channel_id = $2 AND ts = $3",
        )
        .bind(team_id)
        .bind(channel)
        .bind(ts)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .find_map(|r| run_of_dm_key(&r.get::<String, _>("post_key"), user)))
    }

    /// The open run, in a DM mode, whose nudge reached `user` last.
    pub async fn dm_latest_open_run(&self, team_id: &str, user: &str) -> StoreResult<Option<i64>> {
        let row = sqlx::query(
            "SELECT r.id FROM runs r \
             JOIN standups s ON s.id = r.standup_id \
             JOIN nudges n ON n.run_id = r.id AND n.user_id = $2 \
             WHERE r.team_id = $1 AND r.status = 'open' AND s.answer_mode <> 'thread' AND n.sent_at IS NOT NULL \
             ORDER BY n.sent_at DESC, r.id DESC LIMIT 1",
        )
        .bind(team_id)
        .bind(user)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| get_i64(&r, "id")))
    }

    /// Records that the DM `ts` in `channel` answers `run_id`; a replay keeps
    /// the first record. Returns the record that holds.
    pub async fn dm_answer_record(
        &self,
        team_id: &str,
        channel: &str,
        ts: &str,
        answer: &DmAnswer,
    ) -> StoreResult<DmAnswer> {
        sqlx::query(
            "INSERT INTO dm_answers (team_id, channel_id, message_ts, run_id, user_id) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (team_id, channel_id, message_ts) DO NOTHING",
        )
        .bind(team_id)
        .bind(channel)
        .bind(ts)
        .bind(answer.run_id)
        .bind(&answer.user_id)
        .execute(&self.pool)
        .await?;
        self.dm_answer_get(team_id, channel, ts)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// The ts of every DM taken as an answer of a run (they are not in its thread).
    pub async fn dm_answers_of_run(
        &self,
        team_id: &str,
        run_id: i64,
    ) -> StoreResult<std::collections::HashSet<String>> {
        let rows =
            sqlx::query("SELECT message_ts FROM dm_answers WHERE team_id = $1 AND run_id = $2")
                .bind(team_id)
                .bind(run_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.iter().map(|r| r.get("message_ts")).collect())
    }

    /// The run a DM answered, if it was taken as an answer.
    pub async fn dm_answer_get(
        &self,
        team_id: &str,
        channel: &str,
        ts: &str,
    ) -> StoreResult<Option<DmAnswer>> {
        let row = sqlx::query(
            "SELECT run_id, user_id FROM dm_answers WHERE team_id = $1 AND channel_id = $2 AND message_ts = $3",
        )
        .bind(team_id)
        .bind(channel)
        .bind(ts)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| DmAnswer {
            run_id: get_i64(&r, "run_id"),
            user_id: r.get("user_id"),
        }))
    }
}

/// The run id in a nudge or reminder key of `user`.
fn run_of_dm_key(key: &str, user: &str) -> Option<i64> {
    let rest = key.strip_prefix("run:")?;
    let (id, rest) = rest.split_once(':')?;
    let (kind, to) = rest.split_once(':')?;
    ((kind == "nudge" || kind == "remind") && to == user)
        .then(|| id.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::run_of_dm_key;

    #[test]
    fn only_the_members_own_nudges_and_reminders_name_a_run() {
        assert_eq!(run_of_dm_key("run:7:nudge:U1", "U1"), Some(7));
        assert_eq!(run_of_dm_key("run:7:remind:U1", "U1"), Some(7));
        assert_eq!(run_of_dm_key("run:7:nudge:U2", "U1"), None);
        assert_eq!(run_of_dm_key("run:7:parent", "U1"), None);
        assert_eq!(run_of_dm_key("run:x:nudge:U1", "U1"), None);
    }
}
