//! Purpose: collect standup answers from thread replies — new, edited and
//! deleted. A reply in a thread that is not a standup run is ignored.

use crate::context::Context;
use crate::standup::runs;

pub async fn on_reply(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    text: &str,
    ts: &str,
    thread_ts: &str,
) -> anyhow::Result<()> {
    if runs::record_answer(ctx, team, channel, user, text, ts, thread_ts).await? {
        tracing::debug!(channel, user, "standup answer stored");
    }
    Ok(())
}

pub async fn on_edit(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    text: &str,
    ts: &str,
    thread_ts: &str,
) -> anyhow::Result<()> {
    runs::edit_answer(ctx, team, channel, user, text, ts, thread_ts)
        .await
        .map(drop)
}

pub async fn on_delete(
    ctx: &Context,
    team: &str,
    channel: &str,
    ts: &str,
    thread_ts: Option<&str>,
) -> anyhow::Result<()> {
    if let Some(thread_ts) = thread_ts {
        runs::delete_answer(ctx, team, channel, ts, thread_ts).await?;
    }
    Ok(())
}
