//! Follow-through: action items and blockers that outlive the day.
//!
//! At a run's close the summary's action items are stored, and its blockers
//! are carried over: a member still blocked keeps the same blocker (its age
//! grows), one whose answer says it is resolved (or who reports no blocker)
//! has it closed. The next nudge asks a blocked member first whether they
//! still are. Buttons on the "Action items" message change an item in the
//! database and then the message in place.

pub mod report;
pub mod tracking;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Open,
    Done,
}

impl ItemStatus {
    pub fn parse(s: &str) -> ItemStatus {
        if s == "done" {
            ItemStatus::Done
        } else {
            ItemStatus::Open
        }
    }
}

/// A stored action item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub id: i64,
    pub team_id: String,
    pub channel_id: String,
    pub run_id: Option<i64>,
    pub owner: String,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    pub status: ItemStatus,
    pub snoozed_until: Option<i64>,
    pub source_link: Option<String>,
    /// Who may manage it besides the owner: the person who set up the standup.
    pub manager: String,
    pub issue_url: Option<String>,
    pub created_at: i64,
    /// Who marked it done (absent while open, and for items done before
    /// this was recorded).
    pub done_by: Option<String>,
}

impl ActionItem {
    /// Only the owner or the standup's manager may change an item.
    pub fn may_be_changed_by(&self, user: &str) -> bool {
        user == self.owner || user == self.manager
    }

    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == ItemStatus::Open
            && self
                .due
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok())
                .is_some_and(|d| d < today)
    }
}

/// A blocker carried across runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBlocker {
    pub id: i64,
    pub team_id: String,
    pub channel_id: String,
    pub standup_id: i64,
    pub user_id: String,
    pub text: String,
    pub blocked_by: Option<String>,
    /// The run date it was first reported, `YYYY-MM-DD`.
    pub opened_on: String,
    pub opened_run: i64,
    pub resolved: bool,
}

impl OpenBlocker {
    /// Working days (Monday–Friday) from the day it was reported to `today`:
    /// reported Monday, it is "blocked 2 days" on Wednesday.
    pub fn age_in_working_days(&self, today: Date) -> i64 {
        let Ok(start) = self.opened_on.parse::<Date>() else {
            return 0;
        };
        working_days_between(start, today)
    }
}

/// Weekdays in `(from, to]`.
pub fn working_days_between(from: Date, to: Date) -> i64 {
    let mut days = 0;
    let mut d = from;
    // Bounded: a blocker older than ten years is counted as ten years.
    for _ in 0..3660 {
        if d >= to {
            break;
        }
        d = match d.checked_add(1.day()) {
            Ok(next) => next,
            Err(_) => break,
        };
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            days += 1;
        }
    }
    days
}

/// The team's average mood, only when at least three people gave one:
/// one person's mood is never shown.
pub fn team_mood(scores: &[i64]) -> Option<(f64, usize)> {
    (scores.len() >= 3).then(|| {
        (
            scores.iter().sum::<i64>() as f64 / scores.len() as f64,
            scores.len(),
        )
    })
}

/// How long a blocker must be open to be listed first in the channel post.
pub const LONG_STANDING_WORKING_DAYS: i64 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn working_days_skip_weekends() {
        assert_eq!(working_days_between(d("2026-11-23"), d("2026-11-25")), 2); // Mon → Wed
        assert_eq!(working_days_between(d("2026-11-27"), d("2026-11-30")), 1); // Fri → Mon
        assert_eq!(working_days_between(d("2026-11-25"), d("2026-11-25")), 0);
    }
}
