//! The scheduler: one loop that, every tick, opens the standups that are
//! due, sends the reminders and closes the runs whose time is up.
//!
//! Due work is found through indexes on the due time (`standups.next_run_at`,
//! `runs(status, closes_at)`), never by scanning every standup, and each
//! piece of work is claimed in the database first, so several replicas can
//! run this loop side by side without opening or closing anything twice.

use std::sync::Arc;
use std::time::Duration;

use crate::context::Context;
use crate::standup::runs::{self, OpenOutcome};

/// How many due standups one tick takes; the rest wait for the next tick.
const BATCH: i64 = 500;
/// How often processed inbox rows are purged.
const PURGE_EVERY: Duration = Duration::from_secs(6 * 3600);
/// Processed inbox rows are kept this long (Slack redelivers within minutes).
const INBOX_KEEP_SECS: i64 = 2 * 24 * 3600;

pub async fn run(ctx: Arc<Context>) {
    recover(&ctx).await;
    // Digest housekeeping: gap detection now, liveness mark and retention purge per tick.
    let mut digest_upkeep = crate::digest::upkeep::Upkeep::start(&ctx).await;
    let mut interval = tokio::time::interval(ctx.config.scheduler_interval);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_purge = std::time::Instant::now();
    loop {
        interval.tick().await;
        // Before the tick, so its purge never competes with the work the tick spawns.
        digest_upkeep.tick(&ctx).await;
        // Tracked like the work it spawns, so "the bot is idle" includes a tick in progress.
        if let Err(e) = ctx.tasks().track_future(tick(&ctx)).await {
            tracing::error!(error = ?e, "scheduler tick failed");
        }
        if last_purge.elapsed() > PURGE_EVERY {
            last_purge = std::time::Instant::now();
            let cutoff = ctx.clock.now() - INBOX_KEEP_SECS;
            match ctx.store.inbox_purge(cutoff).await {
                Ok(n) => tracing::debug!(purged = n, "inbox purged"),
                Err(e) => tracing::warn!(error = %e, "inbox purge failed"),
            }
            crate::retention::run(&ctx).await;
        }
    }
}

/// Finishes runs a crash left half-opened or half-closed.
async fn recover(ctx: &Context) {
    let runs = match ctx.store.runs_in_transition().await {
        Ok(r) => r,
        Err(e) => return tracing::error!(error = %e, "cannot look for interrupted runs"),
    };
    for run in runs {
        let result = match run.status {
            crate::standup::RunStatus::Opening => {
                let name = ctx
                    .store
                    .standup_by_id(&run.team_id, run.standup_id)
                    .await
                    .ok()
                    .flatten()
                    .map(|s| s.name)
                    .unwrap_or_default();
                runs::post_parent(ctx, &run, &name).await
            }
            _ => runs::finish_close(ctx, &run).await,
        };
        if let Err(e) = result {
            tracing::error!(run = run.id, error = ?e, "could not finish an interrupted run");
        }
    }
}

/// One pass over due work. Public so tests and benchmarks can drive it.
pub async fn tick(ctx: &Arc<Context>) -> anyhow::Result<()> {
    let at = ctx.clock.now();
    // Daily digests first: a standup error below must not hold them up.
    crate::digest::daily::run_due(ctx).await;
    open_due_runs(ctx, at).await?;
    send_due_nudges(ctx, at).await?;
    for run in ctx.store.runs_due_reminder(at).await? {
        let ctx = ctx.clone();
        ctx.tasks().spawn(async move {
            if let Err(e) = runs::remind(&ctx, &run).await {
                tracing::error!(run = run.id, error = ?e, "reminders failed");
            }
        });
    }
    for run in ctx.store.runs_due_close(at).await? {
        let ctx = ctx.clone();
        ctx.tasks().spawn(async move {
            if let Err(e) = runs::close_run(&ctx, &run).await {
                tracing::error!(run = run.id, error = ?e, "closing a run failed");
            }
        });
    }
    Ok(())
}

/// Opens the scheduled runs that are due, each in a task of its own.
async fn open_due_runs(ctx: &Arc<Context>, at: i64) -> anyhow::Result<()> {
    // Claimed (and moved to their next occurrence) before anything is posted.
    for standup in ctx.store.standups_claim_due(at, BATCH).await? {
        let due = standup.next_run_at.unwrap_or(at);
        if at - due > standup.close_after_minutes * 60 {
            tracing::warn!(
                standup = standup.id,
                "missed a run while down; it would already be closed, so it is skipped"
            );
            continue;
        }
        let ctx = ctx.clone();
        ctx.tasks().spawn(async move {
            match runs::open_run(&ctx, &standup, false).await {
                Ok(OpenOutcome::Opened(id)) => {
                    tracing::info!(run = id, channel = %standup.channel_id, "scheduled standup opened")
                }
                Ok(other) => {
                    tracing::info!(standup = standup.id, ?other, "scheduled standup not opened")
                }
                Err(e) => {
                    tracing::error!(standup = standup.id, error = ?e, "opening a scheduled standup failed")
                }
            }
        });
    }
    Ok(())
}

/// Nudges for members whose local standup time has come (per-member time
/// zones), and any a failed DM left unsent.
async fn send_due_nudges(ctx: &Arc<Context>, at: i64) -> anyhow::Result<()> {
    let mut due_nudges: std::collections::BTreeMap<(String, i64), Vec<String>> = Default::default();
    for (team, run_id, user) in ctx.store.nudges_due(at, BATCH).await? {
        due_nudges.entry((team, run_id)).or_default().push(user);
    }
    for ((team, run_id), users) in due_nudges {
        let Some(run) = ctx.store.run_get(&team, run_id).await? else {
            continue;
        };
        if run.status != crate::standup::RunStatus::Open {
            // Opening: the parent is not posted yet (it sends them); closed: too late.
            if run.status == crate::standup::RunStatus::Closed {
                for u in &users {
                    ctx.store.nudge_mark_sent(&team, run_id, u).await?;
                }
            }
            continue;
        }
        let ctx = ctx.clone();
        ctx.tasks()
            .spawn(async move { runs::send_nudges(&ctx, &run, &users).await });
    }
    Ok(())
}
