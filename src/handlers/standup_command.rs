//! Purpose: run `/standup …`. The text is parsed first (`standup::command`);
//! a parse error becomes an ephemeral reply with the usage and changes
//! nothing. The standup it is about is then found (by name, or the
//! channel's only one: `standup_channel::resolve`) and a change by anyone
//! but its owners or an admin is refused (`standup::owners`). Work that
//! calls Slack more than once (opening or closing a run) is spawned, so the
//! reply is back within Slack's 3 seconds.

use std::sync::Arc;

use super::standup_channel::{self, describe, Caller};
use super::{slack_errors, standup_delete, standup_owners, CommandReply};
use crate::context::Context;
use crate::followup::report;
use crate::render::modals::setup_modal;
use crate::render::standup::mentions;
use crate::slack::inbound::SlashCommand;
use crate::standup::command::{self, Access, Addressed, StandupCommand, USAGE};
use crate::standup::runs::{self, OpenOutcome};
use crate::standup::{owners, schedule, Standup};

pub async fn run(ctx: &Arc<Context>, cmd: &SlashCommand) -> anyhow::Result<CommandReply> {
    let Addressed { name, command } = match command::parse_addressed(&cmd.text) {
        Ok(c) => c,
        Err(e) => return Ok(CommandReply::ephemeral(e.reply())),
    };
    let at = Caller {
        team: cmd.team_id.as_str(),
        channel: cmd.channel_id.as_str(),
        user: cmd.user_id.as_str(),
        text: cmd.text.trim(),
    };
    match command {
        StandupCommand::Help => Ok(CommandReply::ephemeral(USAGE)),
        StandupCommand::New(name) => standup_channel::new_standup(ctx, at, &name).await,
        StandupCommand::List => standup_channel::list(ctx, at).await,
        StandupCommand::Away { from, to } => {
            ctx.store
                .absence_add(at.team, at.user, &from.to_string(), &to.to_string(), "away")
                .await?;
            Ok(CommandReply::ephemeral(format!(":palm_tree: Noted: you are away from {from} to {to}. Standups will not nudge you or count you as missing.")))
        }
        StandupCommand::Actions { mine } => {
            super::followup_actions::list(ctx, at.team, at.channel, at.user, mine).await
        }
        StandupCommand::Tickets { kind, target } => tickets(ctx, at, &kind, &target).await,
        command => {
            let standup = match standup_channel::resolve(ctx, at, name.as_deref(), &command).await?
            {
                Ok(standup) => standup,
                Err(reply) => return Ok(reply),
            };
            if command.access() == Access::Owners {
                if let Some(refusal) = owners::refusal(ctx, &standup, at.user).await? {
                    return Ok(CommandReply::ephemeral(refusal));
                }
            }
            on_standup(ctx, at, standup, command, &cmd.trigger_id).await
        }
    }
}

/// A command on one standup, once it is found and the caller may run it.
async fn on_standup(
    ctx: &Arc<Context>,
    at: Caller<'_>,
    mut standup: Standup,
    command: StandupCommand,
    trigger: &str,
) -> anyhow::Result<CommandReply> {
    match command {
        StandupCommand::Start => start(ctx, at, standup).await,
        StandupCommand::Close => close(ctx, &standup).await,
        StandupCommand::Status => status(ctx, &standup).await,
        StandupCommand::Skip => skip(ctx, at, &standup).await,
        StandupCommand::HolidayAdd(_)
        | StandupCommand::HolidayRemove(_)
        | StandupCommand::HolidayList => holidays(ctx, &standup, command).await,
        StandupCommand::Report(period) => {
            let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz);
            let report = report::build(ctx, &standup, period, today).await?;
            Ok(CommandReply::ephemeral(report.to_text()))
        }
        StandupCommand::Export(period) => export(ctx, at, &standup, period).await,
        StandupCommand::Setup => setup(ctx, at.user, &standup, trigger).await,
        StandupCommand::Owners(change) => standup_owners::run(ctx, at, &standup, change).await,
        StandupCommand::Delete(_) => standup_delete::ask(ctx, at, &standup).await,
        StandupCommand::Answers(mode) => super::dm_answer::set_mode(ctx, &standup, mode).await,
        StandupCommand::Stakeholders(change) => {
            super::stakeholder_command::run(ctx, at.user, &standup, change).await
        }
        change => {
            let message = apply_change(&mut standup, change, ctx.clock.now());
            ctx.store.standup_update(&standup).await?;
            Ok(CommandReply::ephemeral(format!(
                "{message}\n{}",
                describe(&standup)
            )))
        }
    }
}

/// `/standup tickets …` sets where "Create issue" files for the whole
/// channel, so the owners of any of its standups (or an admin) may set it.
async fn tickets(
    ctx: &Context,
    at: Caller<'_>,
    kind: &str,
    target: &str,
) -> anyhow::Result<CommandReply> {
    let mut all_owners: Vec<String> = Vec::new();
    for standup in ctx.store.standups_in_channel(at.team, at.channel).await? {
        for owner in owners::owners_of(ctx, &standup).await? {
            if !all_owners.contains(&owner) {
                all_owners.push(owner);
            }
        }
    }
    let allowed = all_owners.is_empty()
        || all_owners.iter().any(|o| o == at.user)
        || owners::is_workspace_admin(ctx, at.user).await;
    if !allowed {
        return Ok(CommandReply::ephemeral(owners::refusal_text(&all_owners)));
    }
    ctx.store
        .ticket_target_set(at.team, at.channel, kind, target)
        .await?;
    let tracker = crate::integrations::Tracker::parse(kind);
    let (name, noun) = tracker.map_or((kind, "target"), |t| (t.name(), t.target_noun()));
    let mut reply = format!(":white_check_mark: \"Create issue\" on this channel's action items now files in {name} {noun} `{target}`.");
    // Said now, not at the first press: the operator has to set these.
    if let Some(missing) = tracker.and_then(|t| t.missing_config(&ctx.config.tickets)) {
        reply.push_str(&format!("\n:warning: {missing} is not configured on this scrumbot yet: ask whoever runs it (see the README)."));
    }
    Ok(CommandReply::ephemeral(reply))
}

/// `/standup start`: opens a run now, unless one is open.
async fn start(
    ctx: &Arc<Context>,
    at: Caller<'_>,
    standup: Standup,
) -> anyhow::Result<CommandReply> {
    if ctx
        .store
        .run_open_for_standup(at.team, standup.id)
        .await?
        .is_some()
    {
        return Ok(CommandReply::ephemeral(
            "This standup is already open in this channel. Close it with `/standup close`.",
        ));
    }
    if let Some(refusal) = slack_errors::cannot_post_in(ctx, at.channel).await {
        return Ok(refusal);
    }
    let ctx = ctx.clone();
    ctx.tasks().spawn(async move {
        match runs::open_run(&ctx, &standup, true).await {
            Ok(OpenOutcome::Opened(id)) => {
                tracing::info!(run = id, "standup opened by command")
            }
            Ok(other) => tracing::info!(?other, "standup not opened"),
            Err(e) => tracing::error!(error = ?e, "opening the standup failed"),
        }
    });
    Ok(CommandReply::ephemeral(
        ":white_check_mark: Opening the standup in this channel — answer in its thread.",
    ))
}

/// `/standup close`: closes the open run; the summary follows.
async fn close(ctx: &Arc<Context>, standup: &Standup) -> anyhow::Result<CommandReply> {
    let Some(run) = ctx
        .store
        .run_open_for_standup(&standup.team_id, standup.id)
        .await?
    else {
        return Ok(CommandReply::ephemeral(
            "There is no open standup in this channel. Start one with `/standup start`.",
        ));
    };
    if run.status == crate::standup::RunStatus::Opening {
        // Its parent message was never posted: there is nothing to summarize,
        // and closing it frees the channel (said as such, not as a close).
        runs::close_run(ctx, &run).await?;
        return Ok(CommandReply::ephemeral(
            ":broom: Today's standup never got its message posted, so there is nothing to \
             summarize; I have cleared it. Run `/standup start` to try again.",
        ));
    }
    let ctx = ctx.clone();
    ctx.tasks().spawn(async move {
        if let Err(e) = runs::close_run(&ctx, &run).await {
            tracing::error!(run = run.id, error = ?e, "closing the standup failed");
        }
    });
    Ok(CommandReply::ephemeral(
        ":lock: Closing the standup; the summary follows in a moment.",
    ))
}

/// `/standup skip`: the caller is away today (in the standup's zone).
async fn skip(ctx: &Context, at: Caller<'_>, standup: &Standup) -> anyhow::Result<CommandReply> {
    let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz).to_string();
    ctx.store
        .absence_add(at.team, at.user, &today, &today, "skip")
        .await?;
    Ok(CommandReply::ephemeral(format!(
        "OK, you skip today's standup ({today}); you will not be nudged or counted as missing."
    )))
}

/// `/standup holiday add|remove DAY` and `/standup holiday list`.
async fn holidays(
    ctx: &Context,
    standup: &Standup,
    command: StandupCommand,
) -> anyhow::Result<CommandReply> {
    let team = standup.team_id.as_str();
    Ok(match command {
        StandupCommand::HolidayAdd(day) => {
            ctx.store
                .holiday_add(team, standup.id, &day.to_string())
                .await?;
            CommandReply::ephemeral(format!(":calendar: No standup in this channel on {day}."))
        }
        StandupCommand::HolidayRemove(day) => {
            if ctx
                .store
                .holiday_remove(team, standup.id, &day.to_string())
                .await?
            {
                CommandReply::ephemeral(format!("{day} is a standup day again."))
            } else {
                CommandReply::ephemeral(format!(
                    "{day} was not a holiday of this channel's standup."
                ))
            }
        }
        _ => {
            let days = ctx.store.holidays(team, standup.id).await?;
            if days.is_empty() {
                CommandReply::ephemeral(
                    "No holidays set. Add one with `/standup holiday add 2026-12-25`.",
                )
            } else {
                CommandReply::ephemeral(format!(
                    "Holidays of this channel's standup: {}",
                    days.join(", ")
                ))
            }
        }
    })
}

/// `/standup export PERIOD`: the report as a CSV file in the channel.
async fn export(
    ctx: &Arc<Context>,
    at: Caller<'_>,
    standup: &Standup,
    period: report::Period,
) -> anyhow::Result<CommandReply> {
    let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz);
    let csv = report::build(ctx, standup, period, today).await?.to_csv();
    let name = format!("standup-{}-{today}.csv", period.name());
    // Uploaded before the reply, so the reply says what happened; a slow
    // upload gets "working on it" and this reply follows (see the inbox).
    match ctx
        .slack
        .upload_file(at.channel, &name, &name, csv.into_bytes())
        .await
    {
        Ok(()) => Ok(CommandReply::ephemeral(format!(
            ":page_facing_up: The {} report is in this channel as `{name}`.",
            period.name()
        ))),
        Err(e) => match slack_errors::in_words(&e, at.channel, "files:write") {
            Some(words) => Ok(CommandReply::ephemeral(words)),
            None => Err(e.into()),
        },
    }
}

/// `/standup setup`: opens the settings modal.
async fn setup(
    ctx: &Arc<Context>,
    user: &str,
    standup: &Standup,
    trigger: &str,
) -> anyhow::Result<CommandReply> {
    let owners = owners::owners_of(ctx, standup).await?;
    let zone = crate::standup::runs::user_tz(ctx, user).await;
    let view = setup_modal(standup, &owners, &zone);
    let (ctx, trigger) = (ctx.clone(), trigger.to_string());
    ctx.tasks().spawn(async move {
        if let Err(e) = ctx.slack.views_open(&trigger, &view).await {
            tracing::error!(error = %e, "views.open for setup failed");
        }
    });
    Ok(CommandReply::ephemeral("Opening the standup settings…"))
}

/// Applies a configuration command to the standup; returns what changed.
/// One flat arm per setting, each with its message (hence its length).
fn apply_change(s: &mut Standup, change: StandupCommand, at: i64) -> String {
    let message = match change {
        StandupCommand::Schedule { days, time, tz } => {
            s.days = days;
            s.time = time;
            if let Some(tz) = tz {
                s.tz = tz;
            }
            s.paused = false;
            ":white_check_mark: Schedule saved.".to_string()
        }
        StandupCommand::Questions(q) => {
            s.questions = q;
            ":white_check_mark: Questions saved (they apply from the next run).".to_string()
        }
        StandupCommand::Participants(p) => {
            s.participants = p;
            ":white_check_mark: Participants saved.".to_string()
        }
        StandupCommand::CloseAt(t) => {
            s.close_at = Some(t);
            format!(
                ":white_check_mark: Runs now close at {} ({}).",
                t.strftime("%H:%M"),
                s.tz
            )
        }
        StandupCommand::CloseAfter(m) => {
            s.close_after_minutes = m;
            s.close_at = None;
            format!(":white_check_mark: Runs now close {m} minutes after they open.")
        }
        StandupCommand::Reminder(m) => {
            s.reminder_before_minutes = m;
            if m == 0 {
                ":white_check_mark: Reminders turned off.".to_string()
            } else {
                format!(":white_check_mark: Reminders go out {m} minutes before the close.")
            }
        }
        StandupCommand::LocalTime(on) => {
            s.per_member_tz = on;
            if on {
                ":globe_with_meridians: Each member is now nudged at the standup time in their own time zone.".to_string()
            } else {
                ":globe_with_meridians: Everyone is nudged when the standup opens.".to_string()
            }
        }
        StandupCommand::Mood(on) => {
            s.mood = on;
            if on {
                ":sunny: Members are asked for their mood with each standup; only the team's average is shown, and only from 3 answers.".to_string()
            } else {
                "Mood question turned off.".to_string()
            }
        }
        StandupCommand::WeeklyReport(on) => {
            s.weekly_report = on;
            if on {
                ":bar_chart: The weekly report is posted in this channel after Friday's standup."
                    .to_string()
            } else {
                ":bar_chart: Weekly reports turned off.".to_string()
            }
        }
        StandupCommand::Pause => {
            s.paused = true;
            ":double_vertical_bar: Standup paused: no runs open until `/standup resume`."
                .to_string()
        }
        StandupCommand::Resume => {
            s.paused = false;
            ":arrow_forward: Standup resumed.".to_string()
        }
        other => format!("{other:?} is not a configuration change"),
    };
    s.next_run_at = if s.paused { None } else { s.next_run_after(at) };
    message
}

async fn status(ctx: &Context, standup: &Standup) -> anyhow::Result<CommandReply> {
    let Some(run) = ctx
        .store
        .run_open_for_standup(&standup.team_id, standup.id)
        .await?
    else {
        return Ok(CommandReply::ephemeral(format!(
            "No standup is open in this channel right now.\n{}",
            describe(standup)
        )));
    };
    let p = runs::participation(ctx, &run).await?;
    let mut text = format!(
        "*Standup of {}* — {} of {} answered.",
        run.run_date,
        p.answered.len(),
        run.expected.len()
    );
    if !p.answered.is_empty() {
        text.push_str(&format!(
            "\n:white_check_mark: Answered: {}",
            mentions(&p.answered)
        ));
    }
    if !p.missing.is_empty() {
        text.push_str(&format!("\n:hourglass: Not yet: {}", mentions(&p.missing)));
    }
    if !p.away.is_empty() {
        text.push_str(&format!("\n:palm_tree: Away: {}", mentions(&p.away)));
    }
    Ok(CommandReply::ephemeral(text))
}
