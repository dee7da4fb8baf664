//! Standups, runs, answers, holidays and absences: the row readers and
//! column lists shared by the files below, one file per part of the life of
//! a standup (`config`, `owners`, `runs`, `answers`, `calendar`, `nudges`).
//!
//! Claims are single statements whose row count says who won
//! (`INSERT … ON CONFLICT DO NOTHING`, `UPDATE … WHERE status = 'open'`), so
//! two replicas ticking at once never open or close the same run twice.

use sqlx::any::AnyRow;
use sqlx::Row;

mod answer_mode;
pub use answer_mode::DmAnswer;
mod answers;
pub use answers::NewAnswer;
mod calendar;
mod config;
mod held;
pub use held::ReplyThread;
mod nudges;
mod owners;
mod runs;

use super::get_i64;
use crate::standup::schedule::Days;
use crate::standup::{Run, RunStatus, Standup};

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

pub(super) fn standup_from_row(r: &AnyRow) -> Standup {
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
        deleted_at: r.try_get::<Option<i64>, _>("deleted_at").ok().flatten(),
    }
}

pub(super) fn run_from_row(r: &AnyRow) -> Run {
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

pub(super) const STANDUP_COLS: &str = "id, team_id, channel_id, name, questions, days, time_of_day, tz, participants, close_after_minutes, close_at, reminder_before_minutes, paused, per_member_tz, weekly_report, mood, next_run_at, created_by, deleted_at";
pub(super) const RUN_COLS: &str = "id, team_id, standup_id, channel_id, run_date, status, questions, expected, parent_ts, opened_at, remind_at, reminded, closes_at, closed_at";
