//! Purpose: collect standup answers from thread replies — new, edited and
//! deleted. A reply in a thread that is not a standup run is ignored.

use crate::context::Context;
use crate::ids::{ChannelId, TeamId, Ts};
use crate::standup::runs::{self, ThreadReply};

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
