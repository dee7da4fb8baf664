//! Purpose: answer `@scrumbot` mentions. Without a known request the bot
//! replies (in the thread of the mention) with a short help message that
//! lists its commands, so a mention is never met with silence.

use crate::context::Context;
use crate::ids::{ChannelId, TeamId, Ts, UserId};

pub const HELP: &str = "\
:wave: I'm scrumbot, your async standup assistant. What I can do:
• `/standup start` — open a standup in this channel now; answers go in its thread
• `/standup schedule mon-fri 09:30 Europe/Berlin` — run it by itself every working day
• `/standup status` — who has answered · `/standup close` — close it and post the summary
• `/standup actions mine` — your open action items · `/standup report` — the week in figures
• `/digest on 17:00` — a daily digest of this channel · `/digest now` — one right away
• `@scrumbot summarize` in a thread — its decisions, blockers, action items and open questions
• `/standup help` — every standup command";

pub async fn handle(
    ctx: &Context,
    team: &TeamId,
    channel: &ChannelId,
    user: &UserId,
    text: &str,
    thread_ts: &Ts,
) -> anyhow::Result<()> {
    if super::summarize_thread::is_request(text) {
        return super::summarize_thread::on_mention(ctx, team, channel, user, thread_ts).await;
    }
    ctx.slack
        .post_message(channel.as_str(), HELP, None, Some(thread_ts.as_str()))
        .await?;
    Ok(())
}
