//! Purpose: summarize one thread on demand — from `@scrumbot summarize`
//! written in the thread, or from the "Summarize thread" message shortcut.
//! The summary (decisions, blockers, action items with owners, open
//! questions, each linked) goes ephemerally to the person who asked, with a
//! "Share in thread" button that posts it in the thread once (post claim).

use crate::context::Context;
use crate::digest::collect::{conversation_order, is_bot_command, stored};
use crate::digest::daily::{plural, summarize};
use crate::digest::local_day;
use crate::ids::{ChannelId, TeamId, Ts, UserId};
use crate::render::thread_summary::{with_share_button, with_shared_by};
use crate::slack::api::SlackApiError;
use crate::slack::inbound::{Action, BlockActions, MessageShortcut};
use crate::standup::runs::user_tz;
use crate::store::digests::ThreadSummaryRow;
use crate::summarize::InputKind;

/// Whether a mention asks for a summary ("@scrumbot summarize", "summarise this").
pub fn is_request(text: &str) -> bool {
    text.split_whitespace()
        .find(|w| !w.starts_with("<@"))
        .is_some_and(|w| {
            let w = w.to_lowercase();
            w.starts_with("summar") || w == "tldr" || w == "tl;dr"
        })
}

/// `@scrumbot summarize` in a thread (`thread_ts` is the mention's own ts
/// when it was written outside a thread).
pub async fn on_mention(
    ctx: &Context,
    team: &TeamId,
    channel: &ChannelId,
    user: &UserId,
    thread_ts: &Ts,
) -> anyhow::Result<()> {
    let (team, channel, user) = (team.as_str(), channel.as_str(), user.as_str());
    summarize_for(ctx, team, channel, user, thread_ts.as_str()).await
}

/// The "Summarize thread" message shortcut: the thread of the message it
/// was used on.
pub async fn on_shortcut(ctx: &Context, s: &MessageShortcut) -> anyhow::Result<()> {
    let (Some(channel), Some(thread)) = (s.channel.as_ref(), s.message.thread()) else {
        return Ok(());
    };
    if channel.is_empty() {
        return Ok(());
    }
    let (team, user) = (s.actor.team_id.as_str(), s.actor.user_id.as_str());
    summarize_for(ctx, team, channel.as_str(), user, thread.as_str()).await
}

/// The "Share in thread" button; its value is the stored summary's id.
pub async fn on_share(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    let id: i64 = action
        .value
        .as_deref()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let channel = press
        .channel
        .as_ref()
        .map(|c| c.as_str())
        .unwrap_or_default();
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    share_in_thread(ctx, team, channel, user, id).await
}

async fn summarize_for(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    thread_ts: &str,
) -> anyhow::Result<()> {
    let replies = match ctx.slack.thread_replies(channel, thread_ts).await {
        Ok(r) => r,
        Err(SlackApiError::Slack(code))
            if matches!(code.as_str(), "channel_not_found" | "not_in_channel") =>
        {
            // Not in the channel: an ephemeral there would fail too, so DM.
            let dm = ctx.slack.open_dm(user).await?;
            let text = format!("I can't read that thread: I am not a member of <#{channel}>. Invite me with `/invite @scrumbot`, then ask again.");
            ctx.slack.post_message(&dm, &text, None, None).await?;
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let messages: Vec<_> = replies
        .iter()
        .filter_map(|m| stored(ctx, m, (m.ts != thread_ts).then_some(thread_ts)))
        .filter(|m| !is_bot_command(ctx, &m.body))
        .collect();
    if messages.is_empty() {
        let text = "There is nothing to summarize in this thread yet. Write `@scrumbot summarize` inside a thread, or use the *Summarize thread* shortcut on one of its messages.";
        ctx.slack.post_ephemeral(channel, user, text, None).await?;
        return Ok(());
    }
    let messages = conversation_order(messages);
    let today = local_day(ctx.clock.now(), &user_tz(ctx, user).await);
    let (summary, sources) = summarize(ctx, channel, &messages, InputKind::Thread, &today).await;
    let people: std::collections::HashSet<&str> =
        messages.iter().map(|m| m.user_id.as_str()).collect();
    let context = format!(
        "{} from {} in this thread",
        plural(messages.len(), "message", "messages"),
        plural(people.len(), "person", "people")
    );
    let crate::render::Message { text, blocks } =
        crate::render::digest::message(&summary, &sources, "Thread summary", &context, false, 1);
    let row = ThreadSummaryRow {
        id: 0,
        channel_id: channel.to_string(),
        thread_ts: thread_ts.to_string(),
        user_id: user.to_string(),
        text: text.clone(),
        // Stored as the typed blocks' JSON, read back typed by the share.
        blocks: serde_json::to_string(&blocks)?,
    };
    let id = ctx
        .store
        .thread_summary_insert(team, &row, ctx.clock.now())
        .await?;
    let shown = with_share_button(blocks, id);
    ctx.slack
        .post_ephemeral(channel, user, &text, Some(&shown))
        .await?;
    Ok(())
}

/// Posts a summary in its thread, once whoever clicks and however often.
async fn share_in_thread(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    id: i64,
) -> anyhow::Result<()> {
    let Some(row) = ctx.store.thread_summary_get(team, id).await? else {
        if !channel.is_empty() {
            let text = "That summary has expired; ask for a new one with `@scrumbot summarize`.";
            ctx.slack.post_ephemeral(channel, user, text, None).await?;
        }
        return Ok(());
    };
    let key = format!("thread_summary:{id}:share");
    if !ctx.store.post_claim(team, &key).await? {
        let text = "This summary is already shared in the thread.";
        ctx.slack
            .post_ephemeral(&row.channel_id, user, text, None)
            .await?;
        return Ok(());
    }
    let blocks = with_shared_by(serde_json::from_str(&row.blocks).unwrap_or_default(), user);
    match ctx
        .slack
        .post_message(
            &row.channel_id,
            &row.text,
            Some(&blocks),
            Some(&row.thread_ts),
        )
        .await
    {
        Ok(p) => Ok(ctx.store.post_record(team, &key, &p.channel, &p.ts).await?),
        Err(e) => {
            ctx.store.post_release(team, &key).await?;
            Err(e.into())
        }
    }
}
