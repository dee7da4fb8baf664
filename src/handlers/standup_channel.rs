//! Purpose: the standups of a channel. A channel may hold several (each
//! with its own questions, schedule, participants and owners); a command
//! names one first (`/standup retro start`), or, with one standup in the
//! channel, needs no name, so the single-standup commands read as before.
//! `/standup new NAME` adds one, `/standup list` lists them.

use jiff::Timestamp;

use super::CommandReply;
use crate::context::Context;
use crate::render::standup::mentions;
use crate::standup::command::{Access, StandupCommand, USAGE};
use crate::standup::{owners, runs, schedule, Standup, DEFAULT_NAME};

/// Where a command was typed, by whom, and what was typed.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    pub team: &'a str,
    pub channel: &'a str,
    pub user: &'a str,
    /// The text after `/standup`, trimmed (quoted back in examples).
    pub text: &'a str,
}

/// What a channel without a standup is told by a command that only reads.
const NO_STANDUP: &str = "This channel has no standup yet. Start one with `/standup start` or set a schedule with `/standup schedule mon-fri 09:30`.";

/// The standup a command is about: the one named, or the channel's only
/// one. A channel with none gets its default standup from a command that
/// sets one up (the caller becomes its owner); `Err` is the reply saying
/// why none was found.
pub async fn resolve(
    ctx: &Context,
    at: Caller<'_>,
    name: Option<&str>,
    command: &StandupCommand,
) -> anyhow::Result<Result<Standup, CommandReply>> {
    let mut standups = ctx.store.standups_in_channel(at.team, at.channel).await?;
    if let Some(name) = name {
        return Ok(match standups.iter().position(|s| s.name == name) {
            Some(i) => Ok(standups.swap_remove(i)),
            None => Err(CommandReply::ephemeral(format!(
                "There is no standup named `{name}` in this channel. {}",
                names_line(&standups)
            ))),
        });
    }
    match standups.len() {
        0 if sets_up(command) => Ok(Ok(runs::ensure_standup(
            ctx,
            at.team,
            at.channel,
            at.user,
            DEFAULT_NAME,
        )
        .await?)),
        0 => Ok(Err(CommandReply::ephemeral(NO_STANDUP))),
        1 => Ok(Ok(standups.remove(0))),
        _ => Ok(Err(CommandReply::ephemeral(format!(
            ":warning: This channel has several standups: {}. Put the name of one first, e.g. `/standup {} {}`.\n\n{USAGE}",
            names(&standups),
            standups[1].name,
            at.text
        )))),
    }
}

/// Whether a command may create the channel's first standup: a change
/// sets it up, except deleting it or managing the owners of none.
fn sets_up(command: &StandupCommand) -> bool {
    command.access() == Access::Owners
        && !matches!(
            command,
            StandupCommand::Delete(_) | StandupCommand::Owners(_)
        )
}

/// "`standup`, `retro`"
fn names(standups: &[Standup]) -> String {
    standups
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The channel's standups in a sentence, or how to create one.
fn names_line(standups: &[Standup]) -> String {
    if standups.is_empty() {
        "It has none yet; create one with `/standup new NAME`.".to_string()
    } else {
        format!("Standups here: {}.", names(standups))
    }
}

/// `/standup new NAME`: another standup in the channel, owned by the
/// caller. It starts paused: it posts when its owner gives it a schedule
/// (or runs it with `start`), never at a default time nobody chose.
pub async fn new_standup(
    ctx: &Context,
    at: Caller<'_>,
    name: &str,
) -> anyhow::Result<CommandReply> {
    if ctx
        .store
        .standup_get(at.team, at.channel, name)
        .await?
        .is_some()
    {
        return Ok(CommandReply::ephemeral(format!(
            "This channel already has a standup named `{name}`; change it with `/standup {name} setup`."
        )));
    }
    let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user, name).await?;
    Ok(CommandReply::ephemeral(format!(
        ":white_check_mark: Created the standup `{name}` in this channel; you own it. \
         Give it a schedule with `/standup {name} schedule fri 15:00 {}`, \
         or run it now with `/standup {name} start`.\n{}",
        standup.tz,
        describe(&standup)
    )))
}

/// `/standup list`: the channel's standups, each with its schedule, next
/// run and owners.
pub async fn list(ctx: &Context, at: Caller<'_>) -> anyhow::Result<CommandReply> {
    let standups = ctx.store.standups_in_channel(at.team, at.channel).await?;
    if standups.is_empty() {
        return Ok(CommandReply::ephemeral(NO_STANDUP));
    }
    let mut text = String::from("*Standups in this channel:*");
    for s in &standups {
        let owners = owners::owners_of(ctx, s).await?;
        text.push_str(&format!(
            "\n• `{}` — {} · *next run:* {} · *owners:* {}",
            s.name,
            s.schedule_text(),
            next_run(s),
            owners::owner_list(&owners)
        ));
    }
    if standups.len() > 1 {
        text.push_str(&format!(
            "\nName one first to act on it, e.g. `/standup {} status`.",
            standups[1].name
        ));
    }
    Ok(CommandReply::ephemeral(text))
}

/// The next run in the standup's zone, "paused" or "not scheduled".
pub(crate) fn next_run(s: &Standup) -> String {
    match s.next_run_at.and_then(|t| Timestamp::from_second(t).ok()) {
        Some(t) => t
            .to_zoned(schedule::zone(&s.tz))
            .strftime("%a %Y-%m-%d %H:%M %Z")
            .to_string(),
        None if s.paused => "paused".to_string(),
        None => "not scheduled".to_string(),
    }
}

/// One line per setting, with the next run in the standup's zone.
pub fn describe(s: &Standup) -> String {
    let next = next_run(s);
    let who = match &s.participants {
        None => "everyone in the channel".to_string(),
        Some(list) => mentions(list),
    };
    format!(
        "*Schedule:* {}{} · *next run:* {next}\n*Participants:* {who}\n*Closes* {} · *reminder* {} min before\n*Questions:* {}",
        s.schedule_text(),
        if s.per_member_tz { ", each member at that time in their own zone" } else { "" },
        match s.close_at {
            Some(t) => format!("at {}", t.strftime("%H:%M")),
            None => format!("after {} min", s.close_after_minutes),
        },
        s.reminder_before_minutes,
        s.questions.iter().map(|q| format!("“{}”", crate::render::text::escape(q))).collect::<Vec<_>>().join(" ")
    )
}
