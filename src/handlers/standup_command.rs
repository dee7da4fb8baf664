//! Purpose: run `/standup …`. The text is parsed first (`standup::command`);
//! a parse error becomes an ephemeral reply with the usage and changes
//! nothing. Work that calls Slack more than once (opening or closing a run)
//! is spawned, so the reply is back within Slack's 3 seconds.

use std::sync::Arc;

use jiff::Timestamp;

use super::{slack_errors, CommandReply};
use crate::context::Context;
use crate::followup::report;
use crate::render::modals::setup_modal;
use crate::render::standup::mentions;
use crate::slack::inbound::SlashCommand;
use crate::standup::command::{self, StandupCommand, USAGE};
use crate::standup::runs::{self, OpenOutcome};
use crate::standup::{schedule, Standup};

pub async fn run(ctx: &Arc<Context>, cmd: &SlashCommand) -> anyhow::Result<CommandReply> {
    let parsed = match command::parse(&cmd.text) {
        Ok(c) => c,
        Err(e) => return Ok(CommandReply::ephemeral(e.reply())),
    };
    let at = Caller {
        team: cmd.team_id.as_str(),
        channel: cmd.channel_id.as_str(),
        user: cmd.user_id.as_str(),
    };
    match parsed {
        StandupCommand::Help => Ok(CommandReply::ephemeral(USAGE)),
        StandupCommand::Start => start(ctx, at).await,
        StandupCommand::Close => close(ctx, at).await,
        StandupCommand::Status => status(ctx, at.team, at.channel).await,
        StandupCommand::Skip | StandupCommand::Away { .. } => absence(ctx, at, parsed).await,
        StandupCommand::HolidayAdd(_)
        | StandupCommand::HolidayRemove(_)
        | StandupCommand::HolidayList => holidays(ctx, at, parsed).await,
        StandupCommand::Actions { mine } => {
            super::followup_actions::list(ctx, at.team, at.channel, at.user, mine).await
        }
        StandupCommand::Tickets { kind, target } => {
            ctx.store
                .ticket_target_set(at.team, at.channel, &kind, &target)
                .await?;
            let name = if kind == "github" { "GitHub" } else { "Jira" };
            Ok(CommandReply::ephemeral(format!(":white_check_mark: \"Create issue\" on this channel's action items now files in {name} `{target}`.")))
        }
        StandupCommand::Report(period) => {
            let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
            let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz);
            let report = report::build(ctx, &standup, period, today).await?;
            Ok(CommandReply::ephemeral(report.to_text()))
        }
        StandupCommand::Export(period) => export(ctx, at, period).await,
        StandupCommand::Setup => setup(ctx, at, &cmd.trigger_id).await,
        StandupCommand::Answers(mode) => {
            super::dm_answer::set_mode(ctx, at.team, at.channel, at.user, mode).await
        }
        change => {
            let mut standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
            let message = apply_change(&mut standup, change, ctx.clock.now());
            ctx.store.standup_update(&standup).await?;
            Ok(CommandReply::ephemeral(format!(
                "{message}\n{}",
                describe(&standup)
            )))
        }
    }
}

/// Where a command was typed, and by whom.
#[derive(Debug, Clone, Copy)]
struct Caller<'a> {
    team: &'a str,
    channel: &'a str,
    user: &'a str,
}

/// `/standup start`: opens a run now, unless one is open.
async fn start(ctx: &Arc<Context>, at: Caller<'_>) -> anyhow::Result<CommandReply> {
    let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
    if ctx
        .store
        .run_open_in_channel(at.team, at.channel)
        .await?
        .is_some()
    {
        return Ok(CommandReply::ephemeral(
            "A standup is already open in this channel. Close it with `/standup close`.",
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
async fn close(ctx: &Arc<Context>, at: Caller<'_>) -> anyhow::Result<CommandReply> {
    let Some(run) = ctx.store.run_open_in_channel(at.team, at.channel).await? else {
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

/// `/standup skip` and `/standup away FROM TO`.
async fn absence(
    ctx: &Context,
    at: Caller<'_>,
    command: StandupCommand,
) -> anyhow::Result<CommandReply> {
    let (team, user) = (at.team, at.user);
    Ok(match command {
        StandupCommand::Away { from, to } => {
            ctx.store
                .absence_add(team, user, &from.to_string(), &to.to_string(), "away")
                .await?;
            CommandReply::ephemeral(format!(":palm_tree: Noted: you are away from {from} to {to}. Standups will not nudge you or count you as missing."))
        }
        _ => {
            let standup = runs::ensure_standup(ctx, team, at.channel, user).await?;
            let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz).to_string();
            ctx.store
                .absence_add(team, user, &today, &today, "skip")
                .await?;
            CommandReply::ephemeral(format!("OK, you skip today's standup ({today}); you will not be nudged or counted as missing."))
        }
    })
}

/// `/standup holiday add|remove DAY` and `/standup holiday list`.
async fn holidays(
    ctx: &Context,
    at: Caller<'_>,
    command: StandupCommand,
) -> anyhow::Result<CommandReply> {
    let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
    let team = at.team;
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
    period: report::Period,
) -> anyhow::Result<CommandReply> {
    let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
    let today = schedule::local_date(ctx.clock.now_timestamp(), &standup.tz);
    let csv = report::build(ctx, &standup, period, today).await?.to_csv();
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
async fn setup(ctx: &Arc<Context>, at: Caller<'_>, trigger: &str) -> anyhow::Result<CommandReply> {
    let standup = runs::ensure_standup(ctx, at.team, at.channel, at.user).await?;
    let view = setup_modal(&standup);
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

/// One line per setting, with the next run in the standup's zone.
pub fn describe(s: &Standup) -> String {
    let next = match s.next_run_at.and_then(|t| Timestamp::from_second(t).ok()) {
        Some(t) => t
            .to_zoned(schedule::zone(&s.tz))
            .strftime("%a %Y-%m-%d %H:%M %Z")
            .to_string(),
        None if s.paused => "paused".to_string(),
        None => "not scheduled".to_string(),
    };
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

async fn status(ctx: &Context, team: &str, channel: &str) -> anyhow::Result<CommandReply> {
    let Some(run) = ctx.store.run_open_in_channel(team, channel).await? else {
        let configured = ctx
            .store
            .standup_get(team, channel, crate::standup::DEFAULT_NAME)
            .await?;
        return Ok(CommandReply::ephemeral(match configured {
            Some(s) => format!("No standup is open in this channel right now.\n{}", describe(&s)),
            None => "This channel has no standup yet. Start one with `/standup start` or set a schedule with `/standup schedule mon-fri 09:30`.".into(),
        }));
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
