//! Standups, runs, answers, holidays and absences.
//!
//! Claims are single statements whose row count says who won
//! (`INSERT … ON CONFLICT DO NOTHING`, `UPDATE … WHERE status = 'open'`), so
//! two replicas ticking at once never open or close the same run twice.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_i64, Store, StoreResult};
use crate::standup::schedule::Days;
use crate::standup::{Answer, Run, RunStatus, Standup};

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn standup_from_row(r: &AnyRow) -> Standup {
    let participants: Option<String> = r.try_get("participants").ok().flatten();
    let time: String = r.get("time_of_day");
    let days: String = r.get("days");
    Standup {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        channel_id: r.get("channel_id"),
        name: r.get("name"),
        questions: json_list(&r.get::<String, _>("questions")),
        days: days.parse().unwrap_or(Days::WEEKDAYS),
        time: time
            .parse()
            .unwrap_or_else(|_| jiff::civil::Time::new(9, 30, 0, 0).expect("valid")),
        tz: r.get("tz"),
        participants: participants.map(|p| json_list(&p)),
        close_after_minutes: get_i64(r, "close_after_minutes"),
        close_at: r
            .try_get::<Option<String>, _>("close_at")
            .ok()
            .flatten()
            .and_then(|t| t.parse().ok()),
        reminder_before_minutes: get_i64(r, "reminder_before_minutes"),
        paused: get_i64(r, "paused") != 0,
        per_member_tz: get_i64(r, "per_member_tz") != 0,
        weekly_report: get_i64(r, "weekly_report") != 0,
        mood: get_i64(r, "mood") != 0,
        next_run_at: r.try_get::<Option<i64>, _>("next_run_at").ok().flatten(),
        created_by: r.get("created_by"),
    }
}

fn run_from_row(r: &AnyRow) -> Run {
    Run {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        standup_id: get_i64(r, "standup_id"),
        channel_id: r.get("channel_id"),
        run_date: r.get("run_date"),
        status: RunStatus::parse(&r.get::<String, _>("status")),
        questions: json_list(&r.get::<String, _>("questions")),
        expected: json_list(&r.get::<String, _>("expected")),
        parent_ts: r.try_get("parent_ts").ok().flatten(),
        opened_at: get_i64(r, "opened_at"),
        remind_at: r.try_get::<Option<i64>, _>("remind_at").ok().flatten(),
        reminded: get_i64(r, "reminded") != 0,
        closes_at: get_i64(r, "closes_at"),
        closed_at: r.try_get::<Option<i64>, _>("closed_at").ok().flatten(),
    }
}

const STANDUP_COLS: &str = "id, team_id, channel_id, name, questions, days, time_of_day, tz, participants, close_after_minutes, close_at, reminder_before_minutes, paused, per_member_tz, weekly_report, mood, next_run_at, created_by";
const RUN_COLS: &str = "id, team_id, standup_id, channel_id, run_date, status, questions, expected, parent_ts, opened_at, remind_at, reminded, closes_at, closed_at";

impl Store {
    pub async fn standup_get(
        &self,
        team_id: &str,
        channel_id: &str,
        name: &str,
    ) -> StoreResult<Option<Standup>> {
        let sql = format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 AND channel_id = $2 AND name = $3");
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

    /// Inserts a standup, or returns the one that already exists for that channel and name.
    pub async fn standup_insert(&self, s: &Standup) -> StoreResult<Standup> {
        sqlx::query(
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
        .await?;
        self.standup_get(&s.team_id, &s.channel_id, &s.name)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
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
        if self.backend == super::Backend::Sqlite {
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

    /// Claims a run for (standup, date); `None` when it already exists.
    pub async fn run_insert(&self, run: &Run) -> StoreResult<Option<i64>> {
        let row = sqlx::query(
            "INSERT INTO runs (team_id, standup_id, channel_id, run_date, status, questions, expected, opened_at, remind_at, closes_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (team_id, standup_id, run_date) DO NOTHING RETURNING id",
        )
        .bind(&run.team_id)
        .bind(run.standup_id)
        .bind(&run.channel_id)
        .bind(&run.run_date)
        .bind(run.status.as_str())
        .bind(to_json(&run.questions))
        .bind(to_json(&run.expected))
        .bind(run.opened_at)
        .bind(run.remind_at)
        .bind(run.closes_at)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| get_i64(&r, "id")))
    }

    pub async fn run_get(&self, team_id: &str, id: i64) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// Records the parent message and opens the run for answers.
    pub async fn run_set_open(&self, team_id: &str, id: i64, parent_ts: &str) -> StoreResult<()> {
        sqlx::query("UPDATE runs SET parent_ts = $1, status = 'open' WHERE team_id = $2 AND id = $3 AND status = 'opening'")
            .bind(parent_ts)
            .bind(team_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        // After the write, so a reader cannot cache the old row again.
        self.cache.forget_runs();
        Ok(())
    }

    /// The open run of a channel (the newest, if several standups are open).
    pub async fn run_open_in_channel(
        &self,
        team_id: &str,
        channel_id: &str,
    ) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND channel_id = $2 AND status IN ('open', 'opening') ORDER BY id DESC LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
    }

    /// The run whose parent message is `parent_ts`, whatever its status.
    pub async fn run_by_thread(
        &self,
        team_id: &str,
        channel_id: &str,
        parent_ts: &str,
    ) -> StoreResult<Option<Run>> {
        if let Some(run) = self.cache.run(team_id, channel_id, parent_ts) {
            return Ok(run);
        }
        let sql = format!(
            "SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND channel_id = $2 AND parent_ts = $3"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(channel_id)
            .bind(parent_ts)
            .fetch_optional(&self.pool)
            .await?;
        let run = row.as_ref().map(run_from_row);
        self.cache
            .set_run(team_id, channel_id, parent_ts, run.clone());
        Ok(run)
    }

    pub async fn runs_due_close(&self, at: i64) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    pub async fn runs_due_reminder(&self, at: i64) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status = 'open' AND reminded = 0 AND remind_at IS NOT NULL AND remind_at <= $1 ORDER BY remind_at LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    /// Runs left half-opened or half-closed by a crash.
    pub async fn runs_in_transition(&self) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE status IN ('opening', 'closing') ORDER BY id LIMIT 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
    }

    /// Moves an open run to closing; true for the one caller that wins.
    pub async fn run_claim_close(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE runs SET status = 'closing' WHERE team_id = $1 AND id = $2 AND status = 'open'",
        )
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.cache.forget_runs();
        Ok(r.rows_affected() == 1)
    }

    pub async fn run_mark_closed(&self, team_id: &str, id: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE runs SET status = 'closed', closed_at = $1 WHERE team_id = $2 AND id = $3",
        )
        .bind(self.now())
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.cache.forget_runs();
        Ok(())
    }

    /// Claims the reminder of a run; true for the one caller that wins.
    pub async fn run_claim_reminder(&self, team_id: &str, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE runs SET reminded = 1 WHERE team_id = $1 AND id = $2 AND reminded = 0",
        )
        .bind(team_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// The last closed run of a standup before `run_id` (for "last time you said…").
    pub async fn run_previous(
        &self,
        team_id: &str,
        standup_id: i64,
        run_id: i64,
    ) -> StoreResult<Option<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 AND id < $3 AND status = 'closed' ORDER BY id DESC LIMIT 1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .bind(run_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(run_from_row))
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
        let answer = super::batch::AnswerWrite {
            team_id: team_id.to_string(),
            run_id,
            user_id: user_id.to_string(),
            message_ts: message_ts.to_string(),
            body: body.to_string(),
            late,
            at,
        };
        let pool = self.pool.clone();
        self.batches
            .answers
            .submit(answer, move |answers| {
                super::batch::upsert_answers(pool, answers)
            })
            .await
    }

    pub async fn answer_delete(
        &self,
        team_id: &str,
        run_id: i64,
        message_ts: &str,
    ) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE answers SET deleted = 1 WHERE team_id = $1 AND run_id = $2 AND message_ts = $3",
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

    pub async fn summary_insert(
        &self,
        team_id: &str,
        run_id: Option<i64>,
        engine: &str,
        tokens_used: i64,
        body: &str,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO summaries (team_id, run_id, engine, tokens_used, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(team_id)
            .bind(run_id)
            .bind(engine)
            .bind(tokens_used)
            .bind(body)
            .bind(self.now())
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Plans when each member of a run is nudged.
    pub async fn nudges_plan(
        &self,
        team_id: &str,
        run_id: i64,
        plan: &[(String, i64)],
    ) -> StoreResult<()> {
        for (user, due) in plan {
            sqlx::query("INSERT INTO nudges (team_id, run_id, user_id, due_at) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, user_id) DO NOTHING")
                .bind(team_id)
                .bind(run_id)
                .bind(user)
                .bind(due)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Unsent nudges due by `at`, as (team, run id, user), oldest first.
    pub async fn nudges_due(&self, at: i64, limit: i64) -> StoreResult<Vec<(String, i64, String)>> {
        let rows = sqlx::query("SELECT team_id, run_id, user_id FROM nudges WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2")
            .bind(at)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("team_id"), get_i64(r, "run_id"), r.get("user_id")))
            .collect())
    }

    /// Unsent nudges of one run due by `at`.
    pub async fn nudges_due_for_run(
        &self,
        team_id: &str,
        run_id: i64,
        at: i64,
    ) -> StoreResult<Vec<String>> {
        let rows = sqlx::query("SELECT user_id FROM nudges WHERE team_id = $1 AND run_id = $2 AND sent_at IS NULL AND due_at <= $3 ORDER BY user_id")
            .bind(team_id)
            .bind(run_id)
            .bind(at)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get("user_id")).collect())
    }

    pub async fn nudge_mark_sent(
        &self,
        team_id: &str,
        run_id: i64,
        user_id: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE nudges SET sent_at = $1 WHERE team_id = $2 AND run_id = $3 AND user_id = $4",
        )
        .bind(self.now())
        .bind(team_id)
        .bind(run_id)
        .bind(user_id)
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Every standup of a team with its newest run (for the App Home tab).
    pub async fn standups_with_latest_run(
        &self,
        team_id: &str,
    ) -> StoreResult<Vec<(Standup, Option<Run>)>> {
        let sql =
            format!("SELECT {STANDUP_COLS} FROM standups WHERE team_id = $1 ORDER BY id LIMIT 200");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for standup in rows.iter().map(standup_from_row) {
            let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 ORDER BY id DESC LIMIT 1");
            let run = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(team_id)
                .bind(standup.id)
                .fetch_optional(&self.pool)
                .await?;
            out.push((standup, run.as_ref().map(run_from_row)));
        }
        Ok(out)
    }

    /// Runs of a standup whose date falls in `[from, to]` (dates as YYYY-MM-DD).
    pub async fn runs_between(
        &self,
        team_id: &str,
        standup_id: i64,
        from: &str,
        to_exclusive: &str,
    ) -> StoreResult<Vec<Run>> {
        let sql = format!("SELECT {RUN_COLS} FROM runs WHERE team_id = $1 AND standup_id = $2 AND run_date >= $3 AND run_date < $4 ORDER BY run_date, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(standup_id)
            .bind(from)
            .bind(to_exclusive)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(run_from_row).collect())
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
