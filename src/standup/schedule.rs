//! When standups happen: a set of weekdays, a time of day and an IANA time
//! zone. Computing the next run is done in the standup's zone with jiff, so
//! daylight-saving changes move the UTC instant, never the local time.

use std::fmt;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A set of weekdays, Monday = bit 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(u8);

const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Days {
    pub const WEEKDAYS: Days = Days(0b0001_1111);

    pub fn contains(self, d: Weekday) -> bool {
        self.0 & (1 << (d.to_monday_zero_offset() as u8)) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = (0..7)
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| NAMES[i])
            .collect();
        f.write_str(&names.join(","))
    }
}

fn day_index(name: &str) -> Option<usize> {
    let n = name.trim().to_lowercase();
    let n = n.get(..3)?;
    NAMES.iter().position(|d| *d == n)
}

/// Parses `mon-fri`, `mon,wed,fri`, `tue-thu,sat`, `weekdays`, `daily`.
pub fn parse_days(s: &str) -> Result<Days, String> {
    let lower = s.trim().to_lowercase();
    match lower.as_str() {
        "weekdays" | "workdays" => return Ok(Days::WEEKDAYS),
        "daily" | "everyday" | "every-day" | "all" => return Ok(Days(0b0111_1111)),
        _ => {}
    }
    let bad = || {
        format!("`{s}` is not a set of days; write e.g. `mon-fri`, `mon,wed,fri` or `weekdays`.")
    };
    let mut bits = 0u8;
    for part in lower.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day_index(a).ok_or_else(bad)?, day_index(b).ok_or_else(bad)?);
                let mut i = a;
                // Ranges may wrap the week end: fri-mon.
                loop {
                    bits |= 1 << i;
                    if i == b {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            None => bits |= 1 << day_index(part).ok_or_else(bad)?,
        }
    }
    if bits == 0 {
        return Err(bad());
    }
    Ok(Days(bits))
}

impl std::str::FromStr for Days {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_days(s)
    }
}

/// The zone by name, UTC when the name is unknown (it was validated when stored).
pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// The local date of an instant in a zone.
pub fn local_date(at: Timestamp, tz: &str) -> Date {
    at.to_zoned(zone(tz)).date()
}

/// The first instant strictly after `after` that falls on one of `days` at
/// `time` in `tz`. `None` only when `days` is empty.
pub fn next_occurrence(days: Days, time: Time, tz: &str, after: Timestamp) -> Option<Timestamp> {
    if days.is_empty() {
        return None;
    }
    let zone = zone(tz);
    let start = after.to_zoned(zone.clone()).date();
    for offset in 0..8i64 {
        let date = start.checked_add(offset.days()).ok()?;
        if !days.contains(date.weekday()) {
            continue;
        }
        // In a DST gap the time is moved forward; in a fold the earlier instant is used.
        let at = date
            .to_datetime(time)
            .to_zoned(zone.clone())
            .ok()?
            .timestamp();
        if at > after {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn days_parse_ranges_lists_and_words() {
        assert_eq!(
            parse_days("mon-fri").unwrap().to_string(),
            "mon,tue,wed,thu,fri"
        );
        assert_eq!(
            parse_days("Mon,Wed,Fri").unwrap().to_string(),
            "mon,wed,fri"
        );
        assert_eq!(
            parse_days("fri-mon").unwrap().to_string(),
            "mon,fri,sat,sun"
        );
        assert_eq!(parse_days("weekdays").unwrap(), Days::WEEKDAYS);
        assert!(parse_days("someday").is_err());
    }

    #[test]
    fn next_run_is_in_the_standups_zone() {
        // Wednesday 2026-11-25 07:00 UTC = 08:00 Berlin: today's 09:30 Berlin run is next.
        let next = next_occurrence(
            Days::WEEKDAYS,
            Time::new(9, 30, 0, 0).unwrap(),
            "Europe/Berlin",
            ts("2026-11-25T07:00:00Z"),
        )
        .unwrap();
        assert_eq!(next, ts("2026-11-25T08:30:00Z"));
        // Friday after the run: next is Monday.
        let next = next_occurrence(
            Days::WEEKDAYS,
            Time::new(9, 30, 0, 0).unwrap(),
            "Europe/Berlin",
            ts("2026-11-27T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(next, ts("2026-11-30T08:30:00Z"));
    }

    #[test]
    fn daylight_saving_keeps_the_local_time() {
        // Berlin leaves DST on 2026-10-25: 09:30 local is 07:30Z before, 08:30Z after.
        let t = Time::new(9, 30, 0, 0).unwrap();
        let daily = parse_days("daily").unwrap();
        assert_eq!(
            next_occurrence(daily, t, "Europe/Berlin", ts("2026-10-24T12:00:00Z")).unwrap(),
            ts("2026-10-25T08:30:00Z")
        );
        assert_eq!(
            next_occurrence(daily, t, "Europe/Berlin", ts("2026-10-23T12:00:00Z")).unwrap(),
            ts("2026-10-24T07:30:00Z")
        );
    }
}
