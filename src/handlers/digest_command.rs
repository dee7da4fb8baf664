//! Purpose: run `/digest …`. The text is parsed first (`digest::command`);
//! an argument error is answered ephemerally with the usage and changes
//! nothing. A target channel is checked before anything is saved: the bot
//! must be a member to post there, and the caller is told so plainly.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;

use super::CommandReply;
use crate::context::Context;
use crate::digest::command::{self, DigestCommand, USAGE};
use crate::digest::daily::{self, NowOutcome};
use crate::digest::{Digest, DEFAULT_TIME};
use crate::slack::api::SlackApiError;
use crate::slack::inbound::SlashCommand;
use crate::standup::runs::user_tz;
use crate::standup::schedule::zone;

/// How long `/digest now` may take before the reply says "on its way"
/// (Slack wants the answer to a command within 3 seconds).
const NOW_INLINE: Duration = Duration::from_millis(2000);

pub async fn run(ctx: &Arc<Context>, cmd: &SlashCommand) -> anyhow::Result<CommandReply> {
    let parsed = match command::parse(&cmd.text) {
        Ok(c) => c,
        Err(e) => return Ok(CommandReply::ephemeral(e.reply())),
    };
    let (team, channel, user) = (
        cmd.team_id.as_str(),
        cmd.channel_id.as_str(),
        cmd.user_id.as_str(),
    );
    Ok(match parsed {
        DigestCommand::Help => CommandReply::ephemeral(USAGE),
        DigestCommand::On { time, tz, target } => {
            switch_on(ctx, team, channel, user, time, tz, target).await?
        }
        DigestCommand::Off => {
            if ctx.store.digest_off(team, channel, ctx.clock.now()).await? {
                CommandReply::ephemeral(":white_check_mark: Daily digest of this channel is off; its stored messages are forgotten.")
            } else {
                CommandReply::ephemeral(
                    "This channel has no daily digest. Switch one on with `/digest on`.",
                )
            }
        }
        DigestCommand::Now => now(ctx, team, channel, user).await,
        DigestCommand::Status => status(ctx, team, channel).await?,
    })
}

async fn switch_on(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    time: Option<jiff::civil::Time>,
    tz: Option<String>,
    target: Option<String>,
) -> anyhow::Result<CommandReply> {
    if let Some(problem) = membership_problem(ctx, channel, "this channel").await {
        return Ok(CommandReply::ephemeral(problem));
    }
    if let Some(t) = target.as_deref().filter(|t| *t != channel) {
        if let Some(problem) = membership_problem(ctx, t, &format!("<#{t}>")).await {
            return Ok(CommandReply::ephemeral(problem));
        }
        if let Some(problem) = privacy_problem(ctx, channel, t).await {
            return Ok(CommandReply::ephemeral(problem));
        }
    }
    let tz = match tz {
        Some(tz) => tz,
        None => user_tz(ctx, user).await,
    };
    let at = ctx.clock.now();
    let mut d = Digest {
        id: 0,
        team_id: team.to_string(),
        channel_id: channel.to_string(),
        target_id: target.filter(|t| t != channel),
        time: time.unwrap_or(DEFAULT_TIME),
        tz,
        enabled: true,
        next_due_at: None,
        covered_from: at,
        created_by: user.to_string(),
    };
    d.next_due_at = d.next_due_after(at);
    let Some(saved) = ctx.store.digest_save_on(&d, at).await? else {
        anyhow::bail!("the digest row vanished right after it was saved");
    };
    Ok(CommandReply::ephemeral(format!(
        ":white_check_mark: Daily digest on.\n{}",
        describe(&saved)
    )))
}

/// Why the bot cannot use `channel`, or `None` when it is a member
/// (one `conversations.info`, whatever the size of the channel).
async fn membership_problem(ctx: &Context, channel: &str, name: &str) -> Option<String> {
    let not_member = || {
        Some(format!(
            ":warning: I am not a member of {name}, so I cannot read or post there. Invite me with `/invite @scrumbot` in that channel, then try again. Nothing was changed."
        ))
    };
    match ctx.slack.channel_info(channel).await {
        Ok(info) if info.is_member => None,
        Ok(_) => not_member(),
        Err(SlackApiError::Slack(code))
            if matches!(code.as_str(), "channel_not_found" | "not_in_channel") =>
        {
            not_member()
        }
        Err(e) => {
            tracing::warn!(channel, error = %e, "could not check channel membership");
            Some(format!(":x: I could not check whether I am in {name} (Slack said: {e}). Nothing was changed; please try again."))
        }
    }
}

/// A private channel's digest may only go to another private channel:
/// otherwise `to #public` would publish what only members may read.
async fn privacy_problem(ctx: &Context, channel: &str, target: &str) -> Option<String> {
    match (ctx.slack.channel_info(channel).await, ctx.slack.channel_info(target).await) {
        (Ok(src), Ok(dst)) if src.is_private && !dst.is_private => Some(format!(
            ":lock: This channel is private, so its digest can only go to another private channel, not <#{target}>. Nothing was changed."
        )),
        (Ok(_), Ok(_)) => None,
        _ => Some(":x: I could not check who can read these channels. Nothing was changed; please try again.".to_string()),
    }
}

/// Runs `/digest now`; answers inline when it is quick, else says it is on
/// its way and tells the caller ephemerally if it ends with nothing to post.
async fn now(ctx: &Arc<Context>, team: &str, channel: &str, user: &str) -> CommandReply {
    let (tx, mut rx) = tokio::sync::oneshot::channel::<String>();
    let (task_ctx, team, channel, user) = (
        ctx.clone(),
        team.to_string(),
        channel.to_string(),
        user.to_string(),
    );
    ctx.tasks().spawn(async move {
        let ctx = task_ctx;
        let tz = user_tz(&ctx, &user).await;
        let message = match daily::digest_now(&ctx, &team, &channel, &tz).await {
            Ok(NowOutcome::Posted(p)) => format!(":white_check_mark: Digest of the last 24 hours posted in <#{}>.", p.channel),
            Ok(NowOutcome::Nothing) => "There was nothing to digest: no messages from people in this channel in the last 24 hours.".to_string(),
            Err(e) => {
                tracing::error!(error = ?e, channel, "digest now failed");
                ":x: The digest could not be made right now; please try again in a few minutes.".to_string()
            }
        };
        if let Err(message) = tx.send(message) {
            // The command was answered already: tell the caller directly.
            if let Err(e) = ctx
                .slack
                .post_ephemeral(&channel, &user, &message, None)
                .await
            {
                tracing::warn!(error = %e, "could not tell the outcome of /digest now");
            }
        }
    });
    match tokio::time::timeout(NOW_INLINE, &mut rx).await {
        Ok(Ok(message)) => CommandReply::ephemeral(message),
        _ => {
            rx.close();
            match rx.try_recv() {
                Ok(message) => CommandReply::ephemeral(message),
                Err(_) => CommandReply::ephemeral(
                    ":hourglass_flowing_sand: Making the digest of the last 24 hours; it will be posted in a moment.",
                ),
            }
        }
    }
}

async fn status(ctx: &Context, team: &str, channel: &str) -> anyhow::Result<CommandReply> {
    let Some(d) = ctx
        .store
        .digest_get(team, channel)
        .await?
        .filter(|d| d.enabled)
    else {
        return Ok(CommandReply::ephemeral(
            "This channel has no daily digest. Switch one on with `/digest on [HH:MM] [time zone] [to #channel]`.",
        ));
    };
    let mut text = describe(&d);
    if let Some(last) = ctx.store.digest_run_last(team, channel).await? {
        let what = match last.status.as_str() {
            "posted" => "posted",
            "empty" => "nothing to digest",
            "failed" => "failed",
            "cancelled" => "cancelled",
            _ => "in progress",
        };
        text.push_str(&format!("\n*Last digest:* {} — {what}", last.day));
    }
    Ok(CommandReply::ephemeral(text))
}

/// One line with the settings and the next digest time in its zone.
fn describe(d: &Digest) -> String {
    let next = d
        .next_due_at
        .and_then(|t| Timestamp::from_second(t).ok())
        .map(|t| {
            t.to_zoned(zone(&d.tz))
                .strftime("%a %Y-%m-%d %H:%M %Z")
                .to_string()
        })
        .unwrap_or_else(|| "not scheduled".into());
    format!(
        "*Daily digest:* every day at {} ({}), posted in <#{}> · *next:* {next}",
        d.time.strftime("%H:%M"),
        d.tz,
        d.destination()
    )
}
