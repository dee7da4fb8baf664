//! Purpose: the standups of a channel. A channel may hold several (each
//! with its own questions, schedule, participants and owners); a command
//! names one first (`/standup retro start`), or, with one standup in the
//! channel, needs no name, so the single-standup commands read as before.
//! `/standup new NAME` adds one, `/standup list` lists them.

use super::standup_command::{describe, next_run, Caller};
use super::CommandReply;
use crate::context::Context;
use crate::standup::command::{Access, StandupCommand, USAGE};
use crate::standup::{owners, runs, Standup, DEFAULT_NAME};

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
