//! Purpose: collect standup answers from thread replies — new, edited and
//! deleted. A reply in a thread that is not a standup run is ignored.

use crate::context::Context;
use crate::ids::{ChannelId, TeamId, Ts};
use crate::slack::inbound::ChatEvent;
use crate::standup::runs::{self, ThreadReply};

/// The thread reply `event` is, when it is a human's new reply in a
/// channel thread (not the parent, not the bot's own): what a standup
/// answer is made of.
pub fn new_reply(ctx: &Context, team: &TeamId, event: &ChatEvent) -> Option<ThreadReply> {
    let ChatEvent::Message {
        channel,
        user,
        text,
        ts,
        thread_ts: Some(thread_ts),
    } = event
    else {
        return None;
    };
    if ctx.is_self(user.as_str()) || thread_ts == ts {
        return None;
    }
    Some(ThreadReply {
        team: team.clone(),
        channel: channel.clone(),
        user: user.clone(),
        ts: ts.clone(),
        thread_ts: thread_ts.clone(),
        text: text.clone(),
    })
}

/// The reply `event` is, when storing it as a standup answer can be all of
/// its handling (what `handlers::handle_event` would do with it): a
/// [`new_reply`] in a channel that keeps no digest (a digest records the
/// message too). The ingress then stores the answer with the event, in one
/// commit (`store::batch`).
pub async fn plain_reply(ctx: &Context, team: &TeamId, event: &ChatEvent) -> Option<ThreadReply> {
    let reply = new_reply(ctx, team, event)?;
    // On a failed lookup the handler's path, which reports it.
    let digest = ctx
        .store
        .digest_enabled(team.as_str(), reply.channel.as_str());
    if digest.await.unwrap_or(true) {
        return None;
    }
    Some(reply)
}

pub async fn on_reply(ctx: &Context, reply: &ThreadReply) -> anyhow::Result<()> {
    if runs::record_answer(ctx, reply).await? {
        tracing::debug!(channel = %reply.channel, user = %reply.user, "standup answer stored");
    }
    Ok(())
}

pub async fn on_edit(ctx: &Context, reply: &ThreadReply) -> anyhow::Result<()> {
    runs::edit_answer(ctx, reply).await.map(drop)
}

pub async fn on_delete(
    ctx: &Context,
    team: &TeamId,
    channel: &ChannelId,
    ts: &Ts,
    thread_ts: Option<&Ts>,
) -> anyhow::Result<()> {
    if let Some(thread_ts) = thread_ts {
        runs::delete_answer(ctx, team, channel, ts, thread_ts).await?;
    }
    Ok(())
}
