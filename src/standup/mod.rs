//! The standup domain: configuration, runs, answers, and the service that
//! opens, reminds and closes runs. It speaks to Slack only through the
//! [`crate::slack::api::SlackApi`] trait and to the database through
//! [`crate::store::Store`]; nothing here knows about HTTP.

pub mod answer_mode;
pub mod close;
pub mod command;
pub mod nudges;
pub mod owners;
pub mod recovery;
pub mod runs;
pub mod schedule;

use jiff::civil::Time;

use schedule::Days;

/// The three questions every standup starts with.
pub fn default_questions() -> Vec<String> {
    vec![
        "What did you do since the last standup?".into(),
        "What will you do today?".into(),
        "Anything blocking you?".into(),
    ]
}

pub const DEFAULT_NAME: &str = "standup";
pub const DEFAULT_CLOSE_AFTER_MINUTES: i64 = 180;
pub const DEFAULT_REMINDER_BEFORE_MINUTES: i64 = 60;

/// A channel's standup configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standup {
    pub id: i64,
    pub team_id: String,
    pub channel_id: String,
    pub name: String,
    pub questions: Vec<String>,
    pub days: Days,
    pub time: Time,
    pub tz: String,
    /// `None`: the channel's members at the time each run opens.
    pub participants: Option<Vec<String>>,
    pub close_after_minutes: i64,
    /// Close at this time of day (in `tz`) rather than after `close_after_minutes`.
    pub close_at: Option<Time>,
    pub reminder_before_minutes: i64,
    pub paused: bool,
    /// Nudge each member at `time` in their own zone rather than the standup's.
    pub per_member_tz: bool,
    /// Post a weekly report after Friday's run.
    pub weekly_report: bool,
    /// Ask for a 1–5 mood with the standup.
    pub mood: bool,
    pub next_run_at: Option<i64>,
    pub created_by: String,
    /// Set by `/standup delete`: the standup has left its channel, and its
    /// history stays until the retention period has passed.
    pub deleted_at: Option<i64>,
}

impl Standup {
    /// A standup with the defaults, scheduled on weekdays at 09:30 in `tz`.
    pub fn with_defaults(team_id: &str, channel_id: &str, created_by: &str, tz: &str) -> Standup {
        Standup {
            id: 0,
            team_id: team_id.into(),
            channel_id: channel_id.into(),
            name: DEFAULT_NAME.into(),
            questions: default_questions(),
            days: Days::WEEKDAYS,
            time: Time::new(9, 30, 0, 0).expect("09:30 is a valid time"),
            tz: tz.into(),
            participants: None,
            close_after_minutes: DEFAULT_CLOSE_AFTER_MINUTES,
            close_at: None,
            reminder_before_minutes: DEFAULT_REMINDER_BEFORE_MINUTES,
            paused: false,
            per_member_tz: false,
            weekly_report: false,
            mood: false,
            next_run_at: None,
            created_by: created_by.into(),
            deleted_at: None,
        }
    }

    /// The next scheduled opening strictly after `after` (epoch seconds).
    pub fn next_run_after(&self, after: i64) -> Option<i64> {
        let after = jiff::Timestamp::from_second(after).ok()?;
        schedule::next_occurrence(self.days, self.time, &self.tz, after).map(|t| t.as_second())
    }

    /// When a run opened at `opened_at` on `day` closes: at `close_at` that
    /// day (the next day if that time is not after `last_nudge`), or
    /// `close_after_minutes` after the last nudge.
    pub fn closes_at(&self, day: &str, last_nudge: i64) -> i64 {
        let by_duration = last_nudge + self.close_after_minutes * 60;
        let (Some(t), Ok(date)) = (self.close_at, day.parse::<jiff::civil::Date>()) else {
            return by_duration;
        };
        let zone = schedule::zone(&self.tz);
        let at = |d: jiff::civil::Date| {
            d.to_datetime(t)
                .to_zoned(zone.clone())
                .map(|z| z.timestamp().as_second())
                .ok()
        };
        match at(date) {
            Some(c) if c > last_nudge => c,
            _ => date.tomorrow().ok().and_then(at).unwrap_or(by_duration),
        }
    }

    pub fn schedule_text(&self) -> String {
        format!(
            "{} at {} ({})",
            self.days,
            self.time.strftime("%H:%M"),
            self.tz
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Claimed, parent message not yet posted.
    Opening,
    Open,
    Closing,
    Closed,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Opening => "opening",
            RunStatus::Open => "open",
            RunStatus::Closing => "closing",
            RunStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> RunStatus {
        match s {
            "opening" => RunStatus::Opening,
            "open" => RunStatus::Open,
            "closing" => RunStatus::Closing,
            _ => RunStatus::Closed,
        }
    }
}

/// One day's standup in one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub id: i64,
    pub team_id: String,
    pub standup_id: i64,
    pub channel_id: String,
    pub run_date: String,
    pub status: RunStatus,
    pub questions: Vec<String>,
    pub expected: Vec<String>,
    pub parent_ts: Option<String>,
    pub opened_at: i64,
    pub remind_at: Option<i64>,
    pub reminded: bool,
    pub closes_at: i64,
    pub closed_at: Option<i64>,
}

/// One answering message in a run's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub user_id: String,
    pub message_ts: String,
    pub body: String,
    pub answered_at: i64,
    pub edited_at: Option<i64>,
    /// Written after the run closed.
    pub late: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn a_run_closes_after_its_duration_or_at_its_time_of_day() {
        let mut s = Standup::with_defaults("T", "C", "U", "Europe/Berlin");
        let opened = ts("2026-11-25T08:30:00Z");
        assert_eq!(
            s.closes_at("2026-11-25", opened),
            ts("2026-11-25T11:30:00Z"),
            "three hours by default"
        );
        s.close_at = Some(Time::new(12, 0, 0, 0).unwrap());
        assert_eq!(
            s.closes_at("2026-11-25", opened),
            ts("2026-11-25T11:00:00Z"),
            "noon in Berlin"
        );
        // A close time not after the last nudge moves to the next day.
        assert_eq!(
            s.closes_at("2026-11-25", ts("2026-11-25T11:30:00Z")),
            ts("2026-11-26T11:00:00Z")
        );
    }
}
