//! Daily channel digests: once a day, what a channel discussed, decided,
//! who is blocked, who will do what and what is still open, each point
//! linked to the message it came from.
//!
//! The day is built from the messages received as events ([`ingest`]), so a
//! digest normally costs no history calls; only a gap in that record (the
//! digest was just switched on, or the bot was down) is filled from
//! `conversations.history`/`conversations.replies` ([`collect`]). Each
//! (channel, day) is claimed in the database before it is posted
//! ([`daily`]), so restarts and replicas never post a digest twice.

pub mod collect;
pub mod command;
pub mod conversation;
pub mod daily;
pub mod ingest;
pub mod sources;
pub mod upkeep;

use jiff::civil::Time;
use jiff::{Timestamp, ToSpan};

use crate::standup::schedule::zone;

/// The digest time when `/digest on` names none.
pub const DEFAULT_TIME: Time = Time::constant(17, 0, 0, 0);

/// A channel's daily digest settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub id: i64,
    pub team_id: String,
    pub channel_id: String,
    /// Where the digest is posted instead of the channel itself.
    pub target_id: Option<String>,
    pub time: Time,
    /// IANA zone the time is in (validated when stored).
    pub tz: String,
    pub enabled: bool,
    pub next_due_at: Option<i64>,
    /// Since when every message of the channel has been received as an
    /// event; a digest window starting earlier has a gap to backfill.
    pub covered_from: i64,
    pub created_by: String,
}

impl Digest {
    /// The channel the digest is posted to.
    pub fn destination(&self) -> &str {
        self.target_id.as_deref().unwrap_or(&self.channel_id)
    }

    /// The first digest time strictly after `after` (epoch seconds). Local
    /// time is kept across daylight-saving changes: a time in a DST gap is
    /// moved forward, a time in a fold takes the earlier instant.
    pub fn next_due_after(&self, after: i64) -> Option<i64> {
        let after_ts = Timestamp::from_second(after).ok()?;
        let zone = zone(&self.tz);
        let start = after_ts.to_zoned(zone.clone()).date();
        for offset in 0..3i64 {
            let date = start.checked_add(offset.days()).ok()?;
            let at = date.to_datetime(self.time).to_zoned(zone.clone()).ok()?;
            if at.timestamp().as_second() > after {
                return Some(at.timestamp().as_second());
            }
        }
        None
    }

    /// The window a digest due at `due` covers: from the same local time the
    /// day before (23 or 25 hours around a DST change) up to `due`.
    pub fn window(&self, due: i64) -> (i64, i64) {
        let start = Timestamp::from_second(due)
            .ok()
            .and_then(|t| t.to_zoned(zone(&self.tz)).checked_sub(1.day()).ok())
            .map(|z| z.timestamp().as_second())
            .unwrap_or(due - 24 * 3600);
        (start, due)
    }

    /// The local date a digest due at `due` is for, `YYYY-MM-DD`.
    pub fn day(&self, due: i64) -> String {
        local_day(due, &self.tz)
    }
}

/// The local date of an instant in a zone, `YYYY-MM-DD`.
pub fn local_day(at: i64, tz: &str) -> String {
    Timestamp::from_second(at)
        .map(|t| t.to_zoned(zone(tz)).date().to_string())
        .unwrap_or_default()
}

/// Seconds of a Slack `ts` (`"1732550060.000200"` → 1732550060); 0 when it
/// is not a ts, which puts it outside every window.
pub fn ts_secs(ts: &str) -> i64 {
    ts.split('.')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(tz: &str) -> Digest {
        Digest {
            id: 1,
            team_id: "T1".into(),
            channel_id: "C1".into(),
            target_id: None,
            time: DEFAULT_TIME,
            tz: tz.into(),
            enabled: true,
            next_due_at: None,
            covered_from: 0,
            created_by: "U1".into(),
        }
    }

    fn secs(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn next_due_is_the_local_time_today_or_tomorrow() {
        let d = digest("Europe/Paris");
        // 10:00 Paris (09:00Z) → 17:00 Paris the same day.
        assert_eq!(
            d.next_due_after(secs("2026-11-25T09:00:00Z")),
            Some(secs("2026-11-25T16:00:00Z"))
        );
        // Exactly at the due time → tomorrow.
        assert_eq!(
            d.next_due_after(secs("2026-11-25T16:00:00Z")),
            Some(secs("2026-11-26T16:00:00Z"))
        );
    }

    #[test]
    fn the_window_is_a_local_day_even_across_dst() {
        let d = digest("Europe/Berlin");
        // Berlin leaves DST on 2026-10-25: that day has 25 hours.
        let due = secs("2026-10-25T16:00:00Z");
        let (start, end) = d.window(due);
        assert_eq!(end, due);
        assert_eq!(start, secs("2026-10-24T15:00:00Z"));
        assert_eq!(d.day(due), "2026-10-25");
    }

    #[test]
    fn ts_seconds() {
        assert_eq!(ts_secs("1732550060.000200"), 1_732_550_060);
        assert_eq!(ts_secs("garbage"), 0);
    }
}
