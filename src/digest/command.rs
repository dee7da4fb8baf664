//! The `/digest` grammar: the text either parses into a [`DigestCommand`] or
//! into a [`UsageError`] that says what was wrong and shows the usage.
//! Parsing changes nothing, so a wrong command never half-applies.

pub use crate::usage::UsageError;
use jiff::civil::Time;

use crate::standup::command::{parse_time, parse_tz};

pub const USAGE: &str = "\
*Usage:* `/digest <command>`
• `/digest on [HH:MM] [time zone] [to #channel]` — a daily digest of this channel (default 17:00 in your time zone), e.g. `/digest on 17:00 Europe/Paris to #team-digests`
• `/digest off` — no more daily digest (and forget this channel's stored messages)
• `/digest now` — a digest of the last 24 hours, right away
• `/digest status` — the current settings";

/// A usage error of this command, shown with [`USAGE`].
fn usage_error(message: impl Into<String>) -> UsageError {
    UsageError::new(message, USAGE)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestCommand {
    On {
        time: Option<Time>,
        tz: Option<String>,
        /// Channel id to post into instead of this channel.
        target: Option<String>,
    },
    Off,
    Now,
    Status,
    Help,
}

pub fn parse(text: &str) -> Result<DigestCommand, UsageError> {
    let args: Vec<&str> = text.split_whitespace().collect();
    let Some((word, rest)) = args.split_first() else {
        return Ok(DigestCommand::Help);
    };
    let word = word.to_lowercase();
    let bare = |cmd: DigestCommand| {
        if rest.is_empty() {
            Ok(cmd)
        } else {
            Err(usage_error(format!("`/digest {word}` takes no arguments.")))
        }
    };
    match word.as_str() {
        "on" => parse_on(rest),
        "off" => bare(DigestCommand::Off),
        "now" => bare(DigestCommand::Now),
        "status" => bare(DigestCommand::Status),
        "help" => bare(DigestCommand::Help),
        _ => Err(usage_error(format!(
            "I don't know `/digest {}`.",
            crate::render::text::clip(&word, 40)
        ))),
    }
}

fn parse_on(args: &[&str]) -> Result<DigestCommand, UsageError> {
    let (mut time, mut tz, mut target) = (None, None, None);
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        if a.eq_ignore_ascii_case("to") {
            let Some(channel) = args.get(i + 1) else {
                return Err(usage_error(
                    "`to` needs a channel, e.g. `to #team-digests`.",
                ));
            };
            set_once(&mut target, parse_channel(channel)?, "channel")?;
            i += 2;
            continue;
        }
        if a.starts_with("<#") || a.starts_with('#') {
            set_once(&mut target, parse_channel(a)?, "channel")?;
        } else if a.starts_with(|c: char| c.is_ascii_digit()) {
            let t = parse_time(a).map_err(|e| usage_error(e.message))?;
            set_once(&mut time, t, "time")?;
        } else {
            let zone = parse_tz(a).map_err(|e| usage_error(e.message))?;
            set_once(&mut tz, zone, "time zone")?;
        }
        i += 1;
    }
    Ok(DigestCommand::On { time, tz, target })
}

fn set_once<T>(slot: &mut Option<T>, value: T, what: &str) -> Result<(), UsageError> {
    if slot.is_some() {
        return Err(usage_error(format!("Give only one {what}.")));
    }
    *slot = Some(value);
    Ok(())
}

/// A channel as Slack escapes it in a command (`<#C123|name>`, `<#C123>`),
/// or a bare id. A plain `#name` cannot be resolved without listing every
/// channel, so it is refused with a hint.
pub fn parse_channel(token: &str) -> Result<String, UsageError> {
    let id = token
        .strip_prefix("<#")
        .and_then(|rest| rest.strip_suffix('>'))
        .map(|inner| inner.split('|').next().unwrap_or_default())
        .unwrap_or(token);
    let looks_like_id = id.len() >= 5
        && id.starts_with(['C', 'G'])
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if looks_like_id {
        return Ok(id.to_string());
    }
    Err(usage_error(format!(
        "I can't tell which channel `{}` is: pick it from Slack's `#` suggestions so it becomes a link.",
        crate::render::text::clip(token, 80)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_takes_time_zone_and_target_in_any_order() {
        assert_eq!(
            parse("on 17:30 Europe/Paris to <#C0123|team-digests>"),
            Ok(DigestCommand::On {
                time: Some(Time::new(17, 30, 0, 0).unwrap()),
                tz: Some("Europe/Paris".into()),
                target: Some("C0123".into()),
            })
        );
        assert_eq!(
            parse("ON"),
            Ok(DigestCommand::On {
                time: None,
                tz: None,
                target: None
            })
        );
        assert_eq!(
            parse("on UTC 9:05"),
            Ok(DigestCommand::On {
                time: Some(Time::new(9, 5, 0, 0).unwrap()),
                tz: Some("UTC".into()),
                target: None
            })
        );
    }

    #[test]
    fn argument_errors_say_what_is_wrong() {
        let msg = |t: &str| parse(t).unwrap_err().message;
        assert!(msg("on 25:00").contains("not a time"));
        assert!(msg("on 17:00 Mars/Olympus").contains("time zone"));
        assert!(msg("on to").contains("needs a channel"));
        assert!(msg("on to #general").contains("can't tell which channel"));
        assert!(msg("on 10:00 11:00").contains("only one time"));
        assert!(msg("off now").contains("takes no arguments"));
        assert!(msg("weekly").contains("don't know"));
        assert!(parse("bogus").unwrap_err().reply().contains("/digest on"));
    }

    #[test]
    fn empty_is_help() {
        assert_eq!(parse("  "), Ok(DigestCommand::Help));
    }
}
