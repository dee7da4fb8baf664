//! The scheduler: one loop that, every tick, opens the standups that are
//! due, sends the reminders and closes the runs whose time is up.
//!
//! Due work is found through indexes on the due time (`standups.next_run_at`,
//! `runs(status, closes_at)`), never by scanning every standup, and each
//! piece of work is claimed in the database first, so several replicas can
//! run this loop side by side without opening or closing anything twice.
//!
//! Each piece of work runs in its workspace's scope (`Context::admit_team`):
//! in multi-workspace mode, with that team's token and bot identity.

use std::sync::Arc;
use std::time::Duration;

use crate::context::Context;
use crate::standup::recovery;
use crate::standup::runs::{self, OpenOutcome};
use std::future::Future;

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

/// Spawns `work` as a job of `team`'s workspace (skipped, as
/// `admit_team` says, when it has no installation any more).
async fn spawn_for<F>(ctx: &Context, team: &str, work: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    if let Some(admitted) = ctx.admit_team(team).await {
        ctx.tasks().spawn(admitted.run(work));
    }
}

/// Finishes runs a crash left half-opened or half-closed.
async fn recover(ctx: &Context) {
    let runs = match ctx.store.runs_in_transition().await {
        Ok(r) => r,
        Err(e) => return tracing::error!(error = %e, "cannot look for interrupted runs"),
    };
    for run in runs {
        let Some(admitted) = ctx.admit_team(&run.team_id).await else {
            continue;
        };
        admitted.run(recover_run(ctx, run)).await;
    }
}

async fn recover_run(ctx: &Context, run: crate::standup::Run) {
    {
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
                // A failure plans a retry like any failed open (see `recovery`).
                if let Err(e) = runs::post_parent(ctx, &run, &name).await {
                    recovery::open_failed(ctx, &run, &e).await;
                }
                return;
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
    crate::meetings::stakeholder::run_due(ctx).await;
    open_due_runs(ctx, at).await?;
    recovery::retry_openings(ctx, at).await?;
    send_due_nudges(ctx, at).await?;
    for run in ctx.store.runs_due_reminder(at).await? {
        let (job, team) = (ctx.clone(), run.team_id.clone());
        spawn_for(ctx, &team, async move {
            if let Err(e) = runs::remind(&job, &run).await {
                tracing::error!(run = run.id, error = ?e, "reminders failed");
            }
        })
        .await;
    }
    for run in ctx.store.runs_due_close(at).await? {
        let (job, team) = (ctx.clone(), run.team_id.clone());
        spawn_for(ctx, &team, async move {
            if let Err(e) = runs::close_run(&job, &run).await {
                tracing::error!(run = run.id, error = ?e, "closing a run failed");
            }
        })
        .await;
    }
    Ok(())
}

/// Opens the scheduled runs that are due, each in a task of its own.
async fn open_due_runs(ctx: &Arc<Context>, at: i64) -> anyhow::Result<()> {
    // Claimed (and moved to their next occurrence) before anything is posted.
    for standup in ctx.store.standups_claim_due(at, BATCH).await? {
        let due = standup.next_run_at.unwrap_or(at);
        let (job, team) = (ctx.clone(), standup.team_id.clone());
        if at - due > standup.close_after_minutes * 60 {
            // Missed while down: it would already be closed; the owner is
            // told (why not opened late: see `recovery::report_missed`).
            tracing::warn!(standup = standup.id, "missed a run while down");
            spawn_for(ctx, &team, async move {
                recovery::report_missed(&job, &standup, due).await
            })
            .await;
            continue;
        }
        let ctx = job;
        spawn_for(&ctx.clone(), &team, async move {
            match runs::open_run(&ctx, &standup, false).await {
                Ok(outcome) => {
                    if let OpenOutcome::Opened(id) = outcome {
                        tracing::info!(run = id, channel = %standup.channel_id, "scheduled standup opened")
                    } else {
                        tracing::info!(standup = standup.id, ?outcome, "scheduled standup not opened")
                    }
                    if let Err(e) = ctx.store.standup_open_failures_reset(&standup.team_id, standup.id).await {
                        tracing::warn!(standup = standup.id, error = %e, "cannot reset the failure count");
                    }
                }
                // Nothing was stored: the standup is made due again soon.
                Err(e) => recovery::scheduled_open_failed(&ctx, &standup, &e).await,
            }
        })
        .await;
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
            // Opening: the parent is not posted yet (it sends them); closed
            // (or given up): too late, and never sent, so not marked sent.
            if run.status == crate::standup::RunStatus::Closed {
                ctx.store.nudges_cancel(&team, run_id).await?;
            }
            continue;
        }
        let job = ctx.clone();
        spawn_for(ctx, &team, async move {
            runs::send_nudges(&job, &run, &users).await
        })
        .await;
    }
    Ok(())
}
