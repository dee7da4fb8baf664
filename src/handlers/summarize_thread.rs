//! Purpose: summarize one thread on demand — from `@scrumbot summarize`
//! written in the thread, or from the "Summarize thread" message shortcut.
//! The summary (decisions, blockers, action items with owners, open
//! questions, each linked) goes ephemerally to the person who asked, with a
//! "Share in thread" button that posts it in the thread once (post claim).

use serde_json::{json, Value};

use crate::context::Context;
use crate::digest::collect::{conversation_order, is_bot_command, stored};
use crate::digest::daily::{plural, summarize};
use crate::digest::local_day;
use crate::slack::api::SlackApiError;
use crate::slack::inbound::Interaction;
use crate::standup::runs::user_tz;
use crate::store::digests::ThreadSummaryRow;
use crate::summarize::InputKind;

/// The callback id of the message shortcut (declared in `manifest.yml`).
pub const SHORTCUT: &str = "summarize_thread";
/// The action id of the "Share in thread" button; its value is the summary id.
pub const SHARE_ACTION: &str = "thread_summary_share";

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
    team: &str,
    channel: &str,
    user: &str,
    thread_ts: &str,
) -> anyhow::Result<()> {
    summarize_for(ctx, team, channel, user, thread_ts).await
}

/// Handles the shortcut and the share button; `Ok(false)` when the
/// interaction is someone else's.
pub async fn handle(ctx: &Context, i: &Interaction) -> anyhow::Result<bool> {
    let channel = i
        .raw
        .pointer("/channel/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let callback = i.raw.get("callback_id").and_then(Value::as_str);
    if i.kind == "message_action" && callback == Some(SHORTCUT) {
        let message = i.raw.get("message").cloned().unwrap_or(Value::Null);
        let thread = message
            .get("thread_ts")
            .or_else(|| message.get("ts"))
            .and_then(Value::as_str);
        if let (Some(thread), false) = (thread, channel.is_empty()) {
            summarize_for(ctx, &i.team_id, channel, &i.user_id, thread).await?;
        }
        return Ok(true);
    }
    if i.kind != "block_actions" {
        return Ok(false);
    }
    let share = i
        .raw
        .get("actions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|a| a.get("action_id").and_then(Value::as_str) == Some(SHARE_ACTION));
    let Some(action) = share else {
        return Ok(false);
    };
    let id: i64 = action
        .get("value")
        .and_then(Value::as_str)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    share_in_thread(ctx, &i.team_id, channel, &i.user_id, id).await?;
    Ok(true)
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
    let m =
        crate::render::digest::message(&summary, &sources, "Thread summary", &context, false, 1);
    let (text, blocks): (String, Vec<Value>) = (
        m.text,
        serde_json::from_value(serde_json::to_value(m.blocks)?)?,
    );
    let row = ThreadSummaryRow {
        id: 0,
        channel_id: channel.to_string(),
        thread_ts: thread_ts.to_string(),
        user_id: user.to_string(),
        text: text.clone(),
        blocks: Value::Array(blocks.clone()).to_string(),
    };
    let id = ctx
        .store
        .thread_summary_insert(team, &row, ctx.clock.now())
        .await?;
    let mut shown = blocks;
    shown.push(json!({ "type": "actions", "elements": [
        { "type": "button", "action_id": SHARE_ACTION, "style": "primary", "value": id.to_string(),
          "text": { "type": "plain_text", "text": "Share in thread" } }
    ] }));
    ctx.slack
        .post_ephemeral(
            channel,
            user,
            &text,
            Some(&crate::render::blocks_from_json(Value::Array(shown))),
        )
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
    let mut blocks: Vec<Value> = serde_json::from_str(&row.blocks).unwrap_or_default();
    blocks.push(json!({ "type": "context", "elements": [
        { "type": "mrkdwn", "text": format!("Shared by <@{user}>") }
    ] }));
    match ctx
        .slack
        .post_message(
            &row.channel_id,
            &row.text,
            Some(&crate::render::blocks_from_json(Value::Array(blocks))),
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
