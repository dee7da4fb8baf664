//! The `/standup` grammar, parsed apart from running it (as triagebot does):
//! a command either parses into a [`StandupCommand`] or into a [`UsageError`]
//! that tells the user what was wrong and shows the right usage. Nothing is
//! changed by a command that failed to parse.

pub use crate::usage::UsageError;
use jiff::civil::{Date, Time, Weekday};

use super::answer_mode::AnswerMode;
use super::schedule::{parse_days, Days};
use crate::followup::report::Period;

/// The usage text shown by `/standup help` and after every argument error.
pub const USAGE: &str = "\
*Usage:* `/standup <command>`, or `/standup <name> <command>` in a channel with several standups
• `/standup start` — open a standup in this channel now
• `/standup close` — close the open standup and post the summary
• `/standup status` — who has answered and who has not
• `/standup schedule <days> <HH:MM> [time zone]` — e.g. `/standup schedule mon-fri 09:30 Europe/Berlin`
• `/standup questions <q1> | <q2> | …` — set the questions
• `/standup participants <@user …>` or `/standup participants channel` — who is asked
• `/standup local-time on|off` — nudge each member at the standup time in their own time zone
• `/standup close-after <minutes>` or `/standup close-at <HH:MM>`, and `/standup reminder <minutes before close>`
• `/standup pause` / `/standup resume` — stop or restart the schedule
• `/standup skip` — skip today's standup (just you)
• `/standup away <YYYY-MM-DD> <YYYY-MM-DD>` — you are away on these days
• `/standup holiday add <YYYY-MM-DD>` / `holiday remove <YYYY-MM-DD>` / `holiday list`
• `/standup actions` / `/standup actions mine` — open action items of this channel / yours
• `/standup tickets github <owner/repo>` · `jira <PROJECT>` · `trello <LIST_ID>` · `asana <PROJECT_GID>` · `linear <TEAM_KEY>` — where *Create issue* files items
• `/standup report [week|month]` — participation, time to answer, blockers and action items
• `/standup export [week|month]` — the same as a CSV file · `/standup report weekly on|off` — post it every Friday
• `/standup mood on|off` — ask for a 1–5 mood (only the team average is shown, from 3 answers)
• `/standup answers thread|dm|private` — where members answer: in the thread, by DM (posted in the thread), or by DM kept private (only the summary is posted)
• `/standup stakeholders on <#channel> [<day> <HH:MM>]` / `stakeholders off` — a weekly update for people outside the team (default Friday 16:00)
• `/standup setup` — configure with a form
• `/standup owners` · `/standup owners add <@user …>` · `/standup owners remove <@user …>` — who may change the standup
• `/standup new <name>` — another standup in this channel, e.g. `/standup new retro`, then `/standup retro schedule fri 15:00`
• `/standup list` — this channel's standups and their next run · `/standup delete <name>` — delete one (asks first)
• `/standup help` — this text
Only a standup's owners and workspace admins can change it; everyone can answer, `skip`, be `away` and read.";

/// A usage error of this command, shown with [`USAGE`].
fn usage_error(message: impl Into<String>) -> UsageError {
    UsageError::new(message, USAGE)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandupCommand {
    Help,
    Start,
    Close,
    Status,
    Schedule {
        days: Days,
        time: Time,
        tz: Option<String>,
    },
    Questions(Vec<String>),
    /// `None` = the channel's members.
    Participants(Option<Vec<String>>),
    CloseAfter(i64),
    /// Close at a time of day, in the standup's time zone.
    CloseAt(Time),
    /// Nudge each member at the standup time in their own time zone.
    LocalTime(bool),
    Reminder(i64),
    Pause,
    Resume,
    Skip,
    Away {
        from: Date,
        to: Date,
    },
    HolidayAdd(Date),
    HolidayRemove(Date),
    HolidayList,
    Setup,
    /// Open action items: this channel's, or (`mine`) the caller's everywhere.
    Actions {
        mine: bool,
    },
    /// Where "Create issue" files: ("github", "owner/repo"), ("jira", "KEY"),
    /// ("trello", list id), ("asana", project gid) or ("linear", team key).
    Tickets {
        kind: String,
        target: String,
    },
    Report(Period),
    Export(Period),
    WeeklyReport(bool),
    Mood(bool),
    /// Where members answer (in the thread, or by DM).
    Answers(AnswerMode),
    /// `owners`, `owners add @a`, `owners remove @a`.
    Owners(OwnersChange),
    /// Another standup in the channel, by its name.
    New(String),
    /// The channel's standups.
    List,
    /// Delete a standup (by name, or the channel's only one); asks first.
    Delete(Option<String>),
    /// The weekly stakeholder update of this channel.
    Stakeholders(StakeholderChange),
}

/// What `/standup stakeholders …` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StakeholderChange {
    /// Post to `target` every `weekday` at `time`, in the standup's time zone.
    On {
        target: String,
        weekday: Weekday,
        time: Time,
    },
    Off,
}

/// What `/standup owners …` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnersChange {
    List,
    Add(Vec<String>),
    Remove(Vec<String>),
}

/// Who may run a command (see `standup::owners`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: reads, and what a member does for themselves (skip, away).
    Anyone,
    /// The standup's owners and workspace admins only.
    Owners,
}

impl StandupCommand {
    /// Who may run this command. Every variant is listed, so a new
    /// subcommand cannot be added without deciding.
    pub fn access(&self) -> Access {
        use StandupCommand as C;
        match self {
            C::Help | C::Status | C::Skip | C::Away { .. } | C::HolidayList => Access::Anyone,
            C::Actions { .. } | C::Report(_) | C::Export(_) | C::List | C::New(_) => Access::Anyone,
            C::Owners(OwnersChange::List) => Access::Anyone,
            C::Start | C::Close | C::Schedule { .. } | C::Questions(_) | C::Participants(_) => {
                Access::Owners
            }
            C::CloseAfter(_) | C::CloseAt(_) | C::LocalTime(_) | C::Reminder(_) => Access::Owners,
            C::Pause | C::Resume | C::HolidayAdd(_) | C::HolidayRemove(_) | C::Setup => {
                Access::Owners
            }
            C::Tickets { .. } | C::WeeklyReport(_) | C::Mood(_) | C::Delete(_) | C::Answers(_) => {
                Access::Owners
            }
            C::Owners(OwnersChange::Add(_) | OwnersChange::Remove(_)) => Access::Owners,
            C::Stakeholders(_) => Access::Owners,
        }
    }

    /// Whether the command acts on one standup of the channel (and so may
    /// be preceded by its name). The others concern the channel as a whole
    /// (`actions`, `tickets`, `list`, `new`) or the caller (`away`).
    pub fn addresses_a_standup(&self) -> bool {
        !matches!(
            self,
            StandupCommand::Help
                | StandupCommand::Actions { .. }
                | StandupCommand::Tickets { .. }
                | StandupCommand::Away { .. }
                | StandupCommand::New(_)
                | StandupCommand::List
        )
    }
}

/// A command and the standup it names, if any (`/standup retro start`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressed {
    pub name: Option<String>,
    pub command: StandupCommand,
}

/// Parses `[NAME] COMMAND [ARGS]`. A first word that is a command is one
/// (so today's commands read as before); otherwise it is a standup's name
/// and a command must follow it.
pub fn parse_addressed(text: &str) -> Result<Addressed, UsageError> {
    let (first, rest) = first_word(text);
    if let Some(command) = parse_verb(first, rest) {
        let command = command?;
        // `delete NAME` names its standup as an argument.
        let name = match &command {
            StandupCommand::Delete(name) => name.clone(),
            _ => None,
        };
        return Ok(Addressed { name, command });
    }
    let (verb, args) = first_word(rest);
    let Some(command) = parse_verb(verb, args).filter(|_| !verb.is_empty()) else {
        return Err(unknown(first));
    };
    let name = parse_name(first)?;
    let command = command?;
    if !command.addresses_a_standup() {
        return Err(usage_error(format!(
            "`{verb}` is about the whole channel or about you, not one standup: use it without `{name}`."
        )));
    }
    if let StandupCommand::Delete(Some(other)) = &command {
        if *other != name {
            return Err(usage_error(format!(
                "Name the standup to delete once: `/standup delete {name}`."
            )));
        }
    }
    Ok(Addressed {
        name: Some(name),
        command,
    })
}

/// Longest standup name, so it fits in a message title and a command.
pub const MAX_NAME_CHARS: usize = 30;

/// A standup's name: a short slug (`retro`, `weekly-sync`) that is not
/// one of the commands, which it would be read as.
pub fn parse_name(word: &str) -> Result<String, UsageError> {
    let name = word.to_lowercase();
    let slug = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug {
        return Err(usage_error(format!(
            "`{word}` is not a standup name: use 1 to {MAX_NAME_CHARS} letters, digits and dashes, starting with a letter (e.g. `retro`, `weekly-sync`)."
        )));
    }
    if parse_verb(&name, "").is_some() {
        return Err(usage_error(format!(
            "`{name}` is a command, so it cannot be a standup's name; pick another, e.g. `{name}-sync`."
        )));
    }
    Ok(name)
}

/// The first word and the trimmed rest.
fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (text, ""),
    }
}

fn unknown(word: &str) -> UsageError {
    usage_error(format!("Unknown command `{word}`."))
}

/// Parses the text after `/standup` as a command with no standup name.
pub fn parse(text: &str) -> Result<StandupCommand, UsageError> {
    let (word, rest) = first_word(text);
    parse_verb(word, rest).unwrap_or_else(|| Err(unknown(word)))
}

/// Parses one command: `None` when `word` is no command at all. One plain
/// `match` over the verbs, so the whole grammar reads in one place; that is
/// why it runs past 60 lines (each verb's arguments are parsed by a helper
/// once they need more than a line).
fn parse_verb(word: &str, rest: &str) -> Option<Result<StandupCommand, UsageError>> {
    let args: Vec<&str> = rest.split_whitespace().collect();
    let no_args = |cmd: StandupCommand| {
        if args.is_empty() {
            Ok(cmd)
        } else {
            Err(usage_error(format!(
                "`{word}` takes no arguments, got `{rest}`."
            )))
        }
    };
    Some(match word.to_lowercase().as_str() {
        "" | "help" => Ok(StandupCommand::Help),
        "start" | "open" => no_args(StandupCommand::Start),
        "close" | "end" => no_args(StandupCommand::Close),
        "status" => no_args(StandupCommand::Status),
        "pause" => no_args(StandupCommand::Pause),
        "resume" => no_args(StandupCommand::Resume),
        "skip" => no_args(StandupCommand::Skip),
        "setup" => no_args(StandupCommand::Setup),
        "schedule" => parse_schedule(&args),
        "questions" => parse_questions(rest),
        "participants" => parse_participants(&args),
        "close-after" => {
            parse_minutes(&args, "close-after", 5, 24 * 60).map(StandupCommand::CloseAfter)
        }
        "close-at" => match args.as_slice() {
            [t] => parse_time(t).map(StandupCommand::CloseAt),
            _ => Err(usage_error(
                "`close-at` needs a time, e.g. `/standup close-at 12:00`.",
            )),
        },
        "reminder" => parse_minutes(&args, "reminder", 0, 24 * 60).map(StandupCommand::Reminder),
        "away" => parse_away(&args),
        "local-time" | "localtime" => match args.as_slice() {
            ["on"] => Ok(StandupCommand::LocalTime(true)),
            ["off"] => Ok(StandupCommand::LocalTime(false)),
            _ => Err(usage_error("`local-time` takes `on` or `off`.")),
        },
        "holiday" | "holidays" => parse_holiday(&args),
        "actions" | "action-items" => match args.as_slice() {
            [] => Ok(StandupCommand::Actions { mine: false }),
            ["mine"] => Ok(StandupCommand::Actions { mine: true }),
            _ => Err(usage_error("`actions` takes nothing or `mine`.")),
        },
        "tickets" => parse_tickets(&args),
        "report" => match args.as_slice() {
            ["weekly", "on"] => Ok(StandupCommand::WeeklyReport(true)),
            ["weekly", "off"] => Ok(StandupCommand::WeeklyReport(false)),
            ["weekly", ..] => Err(usage_error(
                "Use `/standup report weekly on` or `/standup report weekly off`.",
            )),
            rest => parse_period(rest, "report").map(StandupCommand::Report),
        },
        "export" => parse_period(&args, "export").map(StandupCommand::Export),
        "mood" => match args.as_slice() {
            ["on"] => Ok(StandupCommand::Mood(true)),
            ["off"] => Ok(StandupCommand::Mood(false)),
            _ => Err(usage_error("`mood` takes `on` or `off`.")),
        },
        "answers" => parse_answers(&args),
        "owners" | "owner" => parse_owners(&args),
        "new" | "create" => match args.as_slice() {
            [name] => parse_name(name).map(StandupCommand::New),
            _ => Err(usage_error(
                "`new` needs a name, e.g. `/standup new retro`.",
            )),
        },
        "list" => no_args(StandupCommand::List),
        "stakeholders" | "stakeholder" => parse_stakeholders(&args),
        "delete" => match args.as_slice() {
            [] => Ok(StandupCommand::Delete(None)),
            [name] => parse_name(name).map(|n| StandupCommand::Delete(Some(n))),
            _ => Err(usage_error("Use `/standup delete NAME`.")),
        },
        _ => return None,
    })
}

/// `stakeholders on <#C…|name> [fri 16:00]` or `stakeholders off`.
fn parse_stakeholders(args: &[&str]) -> Result<StandupCommand, UsageError> {
    let usage = || {
        usage_error(
            "Use `/standup stakeholders on #channel [fri 16:00]` or `/standup stakeholders off`.",
        )
    };
    let (channel, rest) = match args {
        ["off"] => return Ok(StandupCommand::Stakeholders(StakeholderChange::Off)),
        ["on", channel, rest @ ..] => (channel, rest),
        _ => return Err(usage()),
    };
    // Slack sends a picked channel as `<#C0123|name>`; a typed `#name` it
    // did not link cannot be told from a typo.
    let target = channel
        .strip_prefix("<#")
        .and_then(|c| c.strip_suffix('>'))
        .map(|c| c.split('|').next().unwrap_or_default())
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        .ok_or_else(|| usage_error(format!("`{channel}` is not a channel: type `#` and pick the channel so that Slack links it.")))?;
    let (weekday, time) = match rest {
        [] => (Weekday::Friday, Time::constant(16, 0, 0, 0)),
        [day, time] => (parse_weekday(day)?, parse_time(time)?),
        _ => return Err(usage()),
    };
    Ok(StandupCommand::Stakeholders(StakeholderChange::On {
        target: target.to_string(),
        weekday,
        time,
    }))
}

/// One day of the week, `fri` or `friday`.
fn parse_weekday(day: &str) -> Result<Weekday, UsageError> {
    let bad = || {
        usage_error(format!(
            "`{day}` is not a day of the week; write e.g. `fri`."
        ))
    };
    let days = parse_days(day).map_err(|_| bad())?;
    let all = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    match all
        .iter()
        .filter(|d| days.contains(**d))
        .collect::<Vec<_>>()
        .as_slice()
    {
        [one] => Ok(**one),
        _ => Err(bad()),
    }
}

/// `answers thread|dm|private`.
fn parse_answers(args: &[&str]) -> Result<StandupCommand, UsageError> {
    match args {
        [mode] => AnswerMode::parse(mode).map(StandupCommand::Answers),
        _ => None,
    }
    .ok_or_else(|| {
        usage_error("`answers` takes `thread`, `dm` or `private`, e.g. `/standup answers dm`.")
    })
}

fn parse_schedule(args: &[&str]) -> Result<StandupCommand, UsageError> {
    if args.len() < 2 || args.len() > 3 {
        return Err(usage_error("`schedule` needs days and a time, e.g. `/standup schedule mon-fri 09:30 Europe/Berlin`."));
    }
    let days = parse_days(args[0]).map_err(usage_error)?;
    let time = parse_time(args[1])?;
    let tz = match args.get(2) {
        None => None,
        Some(name) => Some(parse_tz(name)?),
    };
    Ok(StandupCommand::Schedule { days, time, tz })
}

/// `HH:MM`, 24-hour clock.
pub fn parse_time(s: &str) -> Result<Time, UsageError> {
    let bad = || {
        usage_error(format!(
            "`{s}` is not a time; write it as HH:MM, e.g. `09:30`."
        ))
    };
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) || s.len() > 5 {
        return Err(bad());
    }
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

/// An IANA time zone name that this machine's tz database knows.
pub fn parse_tz(name: &str) -> Result<String, UsageError> {
    jiff::tz::TimeZone::get(name)
        .map(|_| name.to_string())
        .map_err(|_| usage_error(format!("`{name}` is not a time zone I know; use an IANA name such as `Europe/Berlin` or `America/New_York`.")))
}

pub fn parse_date(s: &str) -> Result<Date, UsageError> {
    s.parse::<Date>().map_err(|_| {
        usage_error(format!(
            "`{s}` is not a date; write it as YYYY-MM-DD, e.g. `2026-12-25`."
        ))
    })
}

/// Splits at each `|` outside Slack's `<…>` sequences, where a bar separates
/// an id from its label (`<@U1|ann>`, `<https://…|label>`). Slack sends a
/// typed `<` as `&lt;`, so a `<` starts a sequence; one never closed is
/// taken as plain text.
fn split_outside_sequences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while let Some(c) = text[i..].find(['<', '|']).map(|k| i + k) {
        if text.as_bytes()[c] == b'<' {
            i = text[c..].find('>').map_or(c + 1, |end| c + end + 1);
            continue;
        }
        out.push(&text[start..c]);
        start = c + 1;
        i = c + 1;
    }
    out.push(&text[start..]);
    out
}

fn parse_questions(rest: &str) -> Result<StandupCommand, UsageError> {
    let questions: Vec<String> = split_outside_sequences(rest)
        .into_iter()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string)
        .collect();
    if questions.is_empty() {
        return Err(usage_error(
            "`questions` needs at least one question; separate them with `|`.",
        ));
    }
    if questions.len() > 10 {
        return Err(usage_error("A standup can have at most 10 questions."));
    }
    if let Some(q) = questions.iter().find(|q| q.chars().count() > 300) {
        return Err(usage_error(format!(
            "A question is at most 300 characters; this one is longer: `{}…`",
            q.chars().take(40).collect::<String>()
        )));
    }
    Ok(StandupCommand::Questions(questions))
}

fn parse_participants(args: &[&str]) -> Result<StandupCommand, UsageError> {
    if args == ["channel"] {
        return Ok(StandupCommand::Participants(None));
    }
    if args.is_empty() {
        return Err(usage_error(
            "`participants` needs user mentions, or `channel` for everyone in the channel.",
        ));
    }
    parse_mentions(args).map(|users| StandupCommand::Participants(Some(users)))
}

fn parse_owners(args: &[&str]) -> Result<StandupCommand, UsageError> {
    let change = match args {
        [] | ["list"] => OwnersChange::List,
        ["add", users @ ..] if !users.is_empty() => OwnersChange::Add(parse_mentions(users)?),
        ["remove" | "rm", users @ ..] if !users.is_empty() => {
            OwnersChange::Remove(parse_mentions(users)?)
        }
        _ => {
            return Err(usage_error(
                "Use `/standup owners`, `/standup owners add @someone` or `/standup owners remove @someone`.",
            ))
        }
    };
    Ok(StandupCommand::Owners(change))
}

/// User mentions as Slack escapes them in command text (`<@U123|name>`,
/// with "escape" on in the manifest), as user ids without repeats.
fn parse_mentions(args: &[&str]) -> Result<Vec<String>, UsageError> {
    let mut users: Vec<String> = Vec::new();
    for a in args {
        let id = a
            .strip_prefix("<@")
            .and_then(|r| r.strip_suffix('>'))
            .map(|r| r.split('|').next().unwrap_or(r));
        match id {
            Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) => {
                if !users.iter().any(|u| u == id) {
                    users.push(id.to_string())
                }
            }
            _ => {
                return Err(usage_error(format!(
                    "`{a}` is not a user mention; mention people with @."
                )))
            }
        }
    }
    Ok(users)
}

fn parse_minutes(args: &[&str], cmd: &str, min: i64, max: i64) -> Result<i64, UsageError> {
    let bad = || {
        usage_error(format!(
            "`{cmd}` needs a number of minutes between {min} and {max}."
        ))
    };
    match args {
        [n] => n
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn parse_away(args: &[&str]) -> Result<StandupCommand, UsageError> {
    let [from, to] = args else {
        return Err(usage_error(
            "`away` needs two dates: `/standup away 2026-12-22 2027-01-02`.",
        ));
    };
    let (from, to) = (parse_date(from)?, parse_date(to)?);
    if to < from {
        return Err(usage_error(format!(
            "The end date {to} is before the start date {from}."
        )));
    }
    Ok(StandupCommand::Away { from, to })
}

fn parse_period(args: &[&str], cmd: &str) -> Result<Period, UsageError> {
    match args {
        [] | ["week"] => Ok(Period::Week),
        ["month"] => Ok(Period::Month),
        other => Err(usage_error(format!(
            "`{cmd}` takes `week` or `month`, not `{}`.",
            other.join(" ")
        ))),
    }
}

/// How to set a channel's tracker, said whenever a `tickets` command is wrong.
pub const TICKETS_USAGE: &str = "Use `/standup tickets github owner/repo`, `… jira KEY`, `… trello LIST_ID`, `… asana PROJECT_GID` or `… linear TEAM_KEY`.";

fn parse_tickets(args: &[&str]) -> Result<StandupCommand, UsageError> {
    let [kind, target] = args else {
        return Err(usage_error(TICKETS_USAGE));
    };
    let kind = kind.to_ascii_lowercase();
    let chars_ok = |t: &str, ok: fn(char) -> bool| !t.is_empty() && t.chars().all(ok);
    let repo_ok = |r: &str| {
        let mut parts = r.split('/');
        let ok = |p: Option<&str>| {
            p.is_some_and(|p| chars_ok(p, |c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        };
        ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
    };
    let upper_key = |k: &str| chars_ok(k, |c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let valid = match kind.as_str() {
        "github" if repo_ok(target) => Ok(()),
        "github" => Err(format!("`{target}` is not a GitHub repository; write it as `owner/repo`.")),
        "jira" if upper_key(target) => Ok(()),
        "jira" => Err(format!("`{target}` is not a Jira project key; keys are upper-case, like `OPS`.")),
        // Trello ids are 24 hex digits (the list's id from its JSON export or the API).
        "trello" if target.len() == 24 && chars_ok(target, |c| c.is_ascii_hexdigit()) => Ok(()),
        "trello" => Err(format!("`{target}` is not a Trello list id; it is 24 hexadecimal digits, like `5abbe4b7ddc1b351ef961414`.")),
        "asana" if chars_ok(target, |c| c.is_ascii_digit()) => Ok(()),
        "asana" => Err(format!("`{target}` is not an Asana project gid; it is the number in the project's link, like `1204512345678901`.")),
        "linear" if upper_key(target) => Ok(()),
        "linear" => Err(format!("`{target}` is not a Linear team key; keys are upper-case, like `ENG`.")),
        _ => Err(TICKETS_USAGE.to_string()),
    };
    valid.map_err(usage_error)?;
    Ok(StandupCommand::Tickets {
        kind,
        target: target.to_string(),
    })
}

fn parse_holiday(args: &[&str]) -> Result<StandupCommand, UsageError> {
    match args {
        ["list"] | [] => Ok(StandupCommand::HolidayList),
        ["add", d] => parse_date(d).map(StandupCommand::HolidayAdd),
        ["remove", d] | ["rm", d] | ["delete", d] => parse_date(d).map(StandupCommand::HolidayRemove),
        _ => Err(usage_error("Use `/standup holiday add 2026-12-25`, `/standup holiday remove 2026-12-25` or `/standup holiday list`.")),
    }
}

/// Weekday names used in messages.
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakeholders_takes_a_linked_channel_and_an_optional_day_and_time() {
        let on = |target: &str, weekday, (h, m)| {
            Ok(StandupCommand::Stakeholders(StakeholderChange::On {
                target: target.into(),
                weekday,
                time: Time::constant(h, m, 0, 0),
            }))
        };
        assert_eq!(
            parse("stakeholders on <#C0123|leads>"),
            on("C0123", Weekday::Friday, (16, 0))
        );
        assert_eq!(
            parse("stakeholders on <#C0123> thu 09:15"),
            on("C0123", Weekday::Thursday, (9, 15))
        );
        assert_eq!(
            parse("stakeholders off"),
            Ok(StandupCommand::Stakeholders(StakeholderChange::Off))
        );
        for bad in [
            "stakeholders",
            "stakeholders on #leads",
            "stakeholders on <#C1> mon-fri 09:00",
            "stakeholders on <#C1> fri",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("stakeholders off").unwrap().access(), Access::Owners);
    }

    #[test]
    fn help_and_empty_text_show_usage() {
        assert_eq!(parse(""), Ok(StandupCommand::Help));
        assert_eq!(parse("  help "), Ok(StandupCommand::Help));
    }

    #[test]
    fn answers_takes_one_of_three_modes() {
        assert_eq!(
            parse("answers dm"),
            Ok(StandupCommand::Answers(AnswerMode::Dm))
        );
        assert_eq!(
            parse("answers Private"),
            Ok(StandupCommand::Answers(AnswerMode::Private))
        );
        for bad in ["answers", "answers public", "answers dm private"] {
            let e = parse(bad).unwrap_err();
            assert!(
                e.reply().contains("`thread`, `dm` or `private`")
                    && e.reply().contains("/standup answers"),
                "{bad}: {}",
                e.reply()
            );
        }
    }

    #[test]
    fn unknown_subcommand_is_named() {
        let e = parse("frobnicate now").unwrap_err();
        assert!(
            e.reply().contains("`frobnicate`") && e.reply().contains("/standup schedule"),
            "{}",
            e.reply()
        );
    }

    #[test]
    fn schedule_parses_days_time_and_zone() {
        let StandupCommand::Schedule { days, time, tz } =
            parse("schedule mon-fri 09:30 Europe/Berlin").unwrap()
        else {
            panic!()
        };
        assert_eq!(days.to_string(), "mon,tue,wed,thu,fri");
        assert_eq!(time, Time::new(9, 30, 0, 0).unwrap());
        assert_eq!(tz.as_deref(), Some("Europe/Berlin"));
    }

    #[test]
    fn schedule_errors_say_what_is_wrong() {
        assert!(parse("schedule mon-fri 25:00")
            .unwrap_err()
            .message
            .contains("`25:00`"));
        assert!(parse("schedule mon-fri 09:30 Mars/Olympus")
            .unwrap_err()
            .message
            .contains("Mars/Olympus"));
        assert!(parse("schedule funday 09:30")
            .unwrap_err()
            .message
            .contains("funday"));
        assert!(parse("schedule").is_err());
    }

    #[test]
    fn away_needs_ordered_dates() {
        assert!(parse("away 2026-12-22 2027-01-02").is_ok());
        assert!(parse("away 2027-01-02 2026-12-22")
            .unwrap_err()
            .message
            .contains("before"));
        assert!(parse("away 2026-13-01 2027-01-02")
            .unwrap_err()
            .message
            .contains("2026-13-01"));
    }

    #[test]
    fn holidays_and_participants() {
        assert_eq!(
            parse("holiday add 2026-12-25"),
            Ok(StandupCommand::HolidayAdd(Date::new(2026, 12, 25).unwrap()))
        );
        assert_eq!(parse("holiday list"), Ok(StandupCommand::HolidayList));
        assert_eq!(
            parse("participants <@U1|ann> <@U2>"),
            Ok(StandupCommand::Participants(Some(vec![
                "U1".into(),
                "U2".into()
            ])))
        );
        assert!(parse("participants bob").is_err());
        assert_eq!(
            parse("questions What did you do? | Blockers?"),
            Ok(StandupCommand::Questions(vec![
                "What did you do?".into(),
                "Blockers?".into()
            ]))
        );
    }

    #[test]
    fn a_mention_with_a_label_is_not_split_at_its_bar() {
        assert_eq!(
            parse("questions Did you help <@U999|fake>? | Links like <https://x.example|x> ok?"),
            Ok(StandupCommand::Questions(vec![
                "Did you help <@U999|fake>?".into(),
                "Links like <https://x.example|x> ok?".into()
            ]))
        );
        // An unclosed `<` does not swallow the separators after it.
        assert_eq!(
            parse("questions a < b? | c"),
            Ok(StandupCommand::Questions(vec!["a < b?".into(), "c".into()]))
        );
    }

    #[test]
    fn extra_arguments_are_refused() {
        assert!(parse("start now please")
            .unwrap_err()
            .message
            .contains("takes no arguments"));
    }

    #[test]
    fn a_command_may_be_preceded_by_a_standup_name() {
        let a = parse_addressed("retro schedule fri 15:00 Europe/Berlin").unwrap();
        assert_eq!(a.name.as_deref(), Some("retro"));
        assert!(matches!(a.command, StandupCommand::Schedule { .. }));
        // Today's commands read as before: no name.
        assert_eq!(
            parse_addressed("start").unwrap(),
            Addressed {
                name: None,
                command: StandupCommand::Start
            }
        );
        assert_eq!(
            parse_addressed("Weekly-Sync start")
                .unwrap()
                .name
                .as_deref(),
            Some("weekly-sync")
        );
    }

    #[test]
    fn new_list_delete_and_owners_parse() {
        assert_eq!(parse("new retro"), Ok(StandupCommand::New("retro".into())));
        assert_eq!(parse("list"), Ok(StandupCommand::List));
        let del = parse_addressed("delete retro").unwrap();
        assert_eq!(del.name.as_deref(), Some("retro"));
        assert_eq!(
            parse_addressed("retro delete").unwrap().name.as_deref(),
            Some("retro")
        );
        assert_eq!(
            parse("owners add <@U1|ann> <@U2> <@U1>"),
            Ok(StandupCommand::Owners(OwnersChange::Add(vec![
                "U1".into(),
                "U2".into()
            ])))
        );
        assert_eq!(
            parse("owners"),
            Ok(StandupCommand::Owners(OwnersChange::List))
        );
        assert!(parse("owners add").is_err());
        assert!(parse("owners remove bob")
            .unwrap_err()
            .message
            .contains("bob"));
    }

    #[test]
    fn bad_names_are_refused_with_the_rule() {
        for bad in [
            "new Retro!",
            "new 9am",
            "new schedule",
            "new a_b",
            &format!("new {}", "x".repeat(31)),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.reply().contains("/standup new"), "{bad}: {}", e.reply());
        }
        assert!(parse("new schedule")
            .unwrap_err()
            .message
            .contains("is a command"));
        assert!(parse("new").unwrap_err().message.contains("needs a name"));
        // A name must be followed by a command.
        assert!(parse_addressed("retro")
            .unwrap_err()
            .message
            .contains("Unknown command `retro`"));
        assert!(parse_addressed("retro frobnicate").is_err());
        // Commands about the channel or the caller take no standup name.
        assert!(parse_addressed("retro away 2026-12-01 2026-12-02")
            .unwrap_err()
            .message
            .contains("without `retro`"));
        assert!(parse_addressed("retro delete other")
            .unwrap_err()
            .message
            .contains("once"));
    }

    #[test]
    fn who_may_run_what() {
        for change in [
            "schedule mon 09:00",
            "questions a",
            "pause",
            "resume",
            "close",
            "mood on",
            "holiday add 2026-12-25",
            "report weekly on",
            "tickets jira OPS",
            "setup",
            "delete",
            "owners add <@U1>",
        ] {
            assert_eq!(parse(change).unwrap().access(), Access::Owners, "{change}");
        }
        for read in [
            "status",
            "list",
            "help",
            "skip",
            "away 2026-12-01 2026-12-02",
            "holiday list",
            "report",
            "owners",
            "new retro",
        ] {
            assert_eq!(parse(read).unwrap().access(), Access::Anyone, "{read}");
        }
    }

    #[test]
    fn tickets_names_each_tracker_and_refuses_a_malformed_target_in_words() {
        for (text, kind, target) in [
            (
                "tickets trello 5abbe4b7ddc1b351ef961414",
                "trello",
                "5abbe4b7ddc1b351ef961414",
            ),
            (
                "tickets asana 1204512345678901",
                "asana",
                "1204512345678901",
            ),
            ("tickets Linear ENG", "linear", "ENG"),
            ("tickets github acme/web", "github", "acme/web"),
        ] {
            assert_eq!(
                parse(text).unwrap(),
                StandupCommand::Tickets {
                    kind: kind.into(),
                    target: target.into()
                },
                "{text}"
            );
        }
        for (text, says) in [
            ("tickets trello my-board", "24 hexadecimal digits"),
            ("tickets asana Roadmap", "Asana project gid"),
            ("tickets linear eng", "Linear team key"),
            ("tickets notion X", "linear TEAM_KEY"),
            ("tickets", "trello LIST_ID"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}
