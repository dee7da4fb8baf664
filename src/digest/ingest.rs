//! Recording channel messages as their events arrive, for channels with a
//! digest on: new messages and thread replies are stored, edits replace the
//! text, deletions remove it. Bots (scrumbot included), Slackbot and system
//! subtypes (joins, topic changes…) never get here as human messages: the
//! payload parser already turns them into `BotMessage`/`Other`.

use crate::context::Context;
use crate::ids::{Ts, UserId};
use crate::slack::inbound::ChatEvent;
use crate::store::digests::{MessageWrite, StoredMessage};

/// Slackbot writes tombstones ("This message was deleted.") and reminders.
const SLACKBOT: &str = "USLACKBOT";

/// Stores what `event` changes in a digest-enabled channel; a no-op for
/// other channels and other events. Idempotent, so a replayed event is harmless.
pub async fn record(ctx: &Context, team: &str, event: &ChatEvent) -> anyhow::Result<()> {
    let channel = match event {
        ChatEvent::Message { channel, .. }
        | ChatEvent::MessageChanged { channel, .. }
        | ChatEvent::MessageDeleted { channel, .. } => channel.as_str(),
        _ => return Ok(()),
    };
    if channel.is_empty() || !ctx.store.digest_enabled(team, channel).await? {
        return Ok(());
    }
    let at = ctx.clock.now();
    match event {
        ChatEvent::Message {
            user,
            text,
            ts,
            thread_ts,
            ..
        } if is_human(ctx, user.as_str()) && !text.trim().is_empty() => {
            let msg = message(user, text, ts, thread_ts);
            ctx.store
                .channel_message_upsert(team, channel, &msg, at, MessageWrite::New)
                .await?;
        }
        // A thread root deleted while it had replies becomes a Slackbot tombstone.
        ChatEvent::MessageChanged { user, ts, .. } if user == SLACKBOT => {
            ctx.store
                .channel_message_delete(team, channel, ts.as_str(), at)
                .await?;
        }
        ChatEvent::MessageChanged {
            user,
            text,
            ts,
            thread_ts,
            ..
        } if is_human(ctx, user.as_str()) => {
            let msg = message(user, text, ts, thread_ts);
            ctx.store
                .channel_message_upsert(team, channel, &msg, at, MessageWrite::Edit)
                .await?;
        }
        ChatEvent::MessageDeleted { ts, .. } => {
            ctx.store
                .channel_message_delete(team, channel, ts.as_str(), at)
                .await?;
        }
        _ => {}
    }
    Ok(())
}

fn is_human(ctx: &Context, user: &str) -> bool {
    !user.is_empty() && !ctx.is_self(user) && user != SLACKBOT
}

fn message(user: &UserId, text: &str, ts: &Ts, thread_ts: &Option<Ts>) -> StoredMessage {
    StoredMessage {
        ts: ts.to_string(),
        thread_ts: thread_ts.as_ref().map(Ts::to_string),
        user_id: user.to_string(),
        body: text.to_string(),
    }
}
