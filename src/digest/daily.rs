//! Making and posting digests: the daily one found due by the scheduler,
//! and `/digest now`.
//!
//! A daily digest is claimed as the (channel, day) row of `digest_runs`
//! before anything is posted, then the digest's next time is moved on. The
//! row goes `claimed` → `posting` (set right before `chat.postMessage`) →
//! `posted`. A worker that dies while `claimed` is replaced after a lease,
//! so a crash while building still gets the digest out; one that dies while
//! `posting` is never retried: a missing digest is better than two.

use std::collections::HashSet;
use std::sync::Arc;

use super::sources::Sources;
use super::{collect, conversation, local_day, Digest};
use crate::context::Context;
use crate::render::{self, Message};
use crate::slack::api::Posted;
use crate::store::digests::{DigestRun, StoredMessage};
use crate::summarize::{InputKind, Summary};

/// How long a claim is left to its worker before another may take it over.
pub const LEASE_SECS: i64 = 15 * 60;
/// Attempts at one day's digest before it is given up.
const MAX_ATTEMPTS: i64 = 5;
/// Due digests taken per tick; the rest wait for the next one.
const BATCH: i64 = 200;
/// Digests made at once: many channels due at 17:00 must not hit Slack's
/// Tier 3 history limits (or the LLM) all in the same second.
static WORKERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Finds due digests, claims them and starts their workers. Errors are
/// logged: a digest problem must not stop the standups' tick.
pub async fn run_due(ctx: &Arc<Context>) {
    if let Err(e) = claim_due(ctx).await {
        tracing::error!(error = ?e, "looking for due digests failed");
    }
    if let Err(e) = retake_stale(ctx).await {
        tracing::error!(error = ?e, "looking for interrupted digests failed");
    }
}

async fn claim_due(ctx: &Arc<Context>) -> anyhow::Result<()> {
    let at = ctx.clock.now();
    for d in ctx.store.digests_due(at, BATCH).await? {
        let Some(first_due) = d.next_due_at else {
            continue;
        };
        // Down for more than a day: only the latest missed digest is made.
        let mut due = first_due;
        let mut next = d.next_due_after(due);
        while let Some(n) = next.filter(|n| *n <= at) {
            tracing::warn!(channel = %d.channel_id, day = %d.day(due), "digest missed while down; skipped");
            due = n;
            next = d.next_due_after(n);
        }
        let window = d.window(due);
        let day = d.day(due);
        let claimed = ctx
            .store
            .digest_run_claim(&d.team_id, &d.channel_id, &day, window, at)
            .await?;
        ctx.store
            .digest_advance(&d.team_id, d.id, first_due, next)
            .await?;
        if !claimed {
            continue; // another replica, or this day's digest exists already
        }
        let run = DigestRun {
            team_id: d.team_id.clone(),
            channel_id: d.channel_id.clone(),
            day,
            window_start: window.0,
            window_end: window.1,
            status: "claimed".into(),
            attempts: 0,
            claimed_at: at,
            posted_channel: None,
            posted_ts: None,
        };
        spawn_work(ctx, d, run).await;
    }
    Ok(())
}

/// Takes over claims whose worker died (or failed and waited its turn).
async fn retake_stale(ctx: &Arc<Context>) -> anyhow::Result<()> {
    let at = ctx.clock.now();
    for run in ctx.store.digest_runs_stale(at - LEASE_SECS, BATCH).await? {
        if !ctx.store.digest_run_retake(&run, at).await? {
            continue;
        }
        match ctx.store.digest_get(&run.team_id, &run.channel_id).await? {
            Some(d) if d.enabled => {
                spawn_work(
                    ctx,
                    d,
                    DigestRun {
                        claimed_at: at,
                        ..run
                    },
                )
                .await
            }
            _ => ctx.store.digest_run_set(&run, "cancelled", None).await?,
        }
    }
    Ok(())
}

async fn spawn_work(ctx: &Arc<Context>, digest: Digest, run: DigestRun) {
    // In the digest's workspace (multi-workspace mode: its token).
    let Some(admitted) = ctx.admit_team(&digest.team_id).await else {
        return;
    };
    let ctx = ctx.clone();
    ctx.tasks().spawn(admitted.run(async move {
        let _permit = WORKERS.acquire().await;
        if let Err(e) = daily(&ctx, &digest, &run).await {
            tracing::error!(channel = %run.channel_id, day = %run.day, error = ?e, "daily digest failed; it will be retried");
            if let Err(e) = ctx
                .store
                .digest_run_release(&run, ctx.clock.now(), MAX_ATTEMPTS)
                .await
            {
                tracing::error!(error = %e, "could not release a digest claim");
            }
        }
    }));
}

/// One day's digest, under its claim.
async fn daily(ctx: &Context, d: &Digest, run: &DigestRun) -> anyhow::Result<()> {
    let window = (run.window_start, run.window_end);
    let messages = collect::gather(ctx, &d.team_id, &d.channel_id, window, Some(d)).await?;
    if messages.is_empty() {
        tracing::info!(channel = %d.channel_id, day = %run.day, "no human messages; no digest");
        return Ok(ctx.store.digest_run_set(run, "empty", None).await?);
    }
    let title = format!("Daily digest — {}", run.day);
    let message = compose(ctx, &d.channel_id, &messages, &title, &run.day).await;
    ctx.store.digest_run_set(run, "posting", None).await?;
    let posted = ctx
        .slack
        .post_message(d.destination(), &message.text, Some(&message.blocks), None)
        .await?;
    ctx.store
        .digest_run_set(run, "posted", Some((&posted.channel, &posted.ts)))
        .await?;
    tracing::info!(channel = %d.channel_id, day = %run.day, "daily digest posted");
    Ok(())
}

/// What `/digest now` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NowOutcome {
    Posted(Posted),
    Nothing,
}

/// A digest of the last 24 hours, posted where the daily one goes (the
/// channel itself when it has none).
pub async fn digest_now(
    ctx: &Context,
    team: &str,
    channel: &str,
    tz: &str,
) -> anyhow::Result<NowOutcome> {
    let at = ctx.clock.now();
    let digest = ctx
        .store
        .digest_get(team, channel)
        .await?
        .filter(|d| d.enabled);
    let window = (at - 24 * 3600, at + 1);
    let messages = collect::gather(ctx, team, channel, window, digest.as_ref()).await?;
    if messages.is_empty() {
        return Ok(NowOutcome::Nothing);
    }
    let tz = digest.as_ref().map(|d| d.tz.as_str()).unwrap_or(tz);
    let title = "Digest — the last 24 hours";
    let message = compose(ctx, channel, &messages, title, &local_day(at, tz)).await;
    let destination = digest
        .as_ref()
        .map(|d| d.destination().to_string())
        .unwrap_or_else(|| channel.to_string());
    let posted = ctx
        .slack
        .post_message(&destination, &message.text, Some(&message.blocks), None)
        .await?;
    Ok(NowOutcome::Posted(posted))
}

/// Summarizes a channel's messages and renders the digest.
async fn compose(
    ctx: &Context,
    channel: &str,
    messages: &[StoredMessage],
    title: &str,
    today: &str,
) -> Message {
    let (summary, sources) = summarize(ctx, channel, messages, InputKind::Digest, today).await;
    let people: HashSet<&str> = messages.iter().map(|m| m.user_id.as_str()).collect();
    let context = format!(
        "<#{channel}> · {} from {}",
        plural(messages.len(), "message", "messages"),
        plural(people.len(), "person", "people")
    );
    render::digest::message(&summary, &sources, title, &context, true, 0)
}

/// Summarizes messages (digest or thread) and resolves each item's source,
/// fetching permalinks when the workspace URL is unknown.
pub async fn summarize(
    ctx: &Context,
    channel: &str,
    messages: &[StoredMessage],
    kind: InputKind,
    today: &str,
) -> (Summary, Sources) {
    let (input, allowed) = conversation::summary_input(messages, kind, today, &ctx.bot().user_id);
    let outcome = ctx
        .summarizer
        .summarize_with_outcome(&input, &allowed)
        .await;
    tracing::info!(
        engine = outcome.engine,
        tokens = outcome.summary.tokens_used,
        messages = messages.len(),
        "summarized"
    );
    let mut sources = Sources::new(channel, ctx.bot().url.as_deref(), messages);
    if sources.needs_fetch() {
        for ts in sources.all_sources(&outcome.summary) {
            match ctx.slack.permalink(channel, &ts).await {
                Ok(link) => {
                    sources.fetched.insert(ts, link);
                }
                Err(e) => tracing::warn!(channel, error = %e, "chat.getPermalink failed"),
            }
        }
    }
    (outcome.summary, sources)
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
