//! Keeping the digest record honest over time, from the scheduler loop:
//! - at start, a long silence since the bot was last alive means events were
//!   missed (Slack stops redelivering after a few minutes), so every digest
//!   is marked as having a gap and backfills it when it is next made;
//! - while running, a liveness mark is written now and then;
//! - once a day, stored messages and thread summaries older than the
//!   retention period (`SCRUMBOT_RETENTION_DAYS`) are deleted.

use crate::context::Context;

/// A stop longer than this outlives Slack's event retries: events were lost.
pub const GAP_AFTER_SECS: i64 = 180;
/// How often the liveness mark is written.
const HEARTBEAT_SECS: i64 = 30;
const DAY_SECS: i64 = 24 * 3600;

/// The scheduler loop's digest housekeeping state.
pub struct Upkeep {
    last_heartbeat: i64,
    last_purge: Option<i64>,
}

impl Upkeep {
    /// Marks a gap when the bot was down long enough to miss events.
    pub async fn start(ctx: &Context) -> Upkeep {
        let at = ctx.clock.now();
        let team = &ctx.liveness_key();
        match ctx.store.liveness_get(team).await {
            Ok(Some(last)) if at - last > GAP_AFTER_SECS => {
                let mut marked = Ok(0);
                // Every workspace served missed its events while the process was down.
                for team in ctx.served_teams().await {
                    marked = match (marked, ctx.store.digests_mark_gap(&team, at).await) {
                        (Ok(a), Ok(b)) => Ok(a + b),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    };
                }
                match marked {
                    Ok(n) if n > 0 => tracing::info!(
                        down_secs = at - last,
                        digests = n,
                        "events were missed while the bot was down; digests will backfill from history"
                    ),
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "could not mark the digests' gap"),
                }
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "could not read the liveness mark"),
        }
        if let Err(e) = ctx.store.liveness_set(team, at).await {
            tracing::warn!(error = %e, "could not write the liveness mark");
        }
        Upkeep {
            last_heartbeat: at,
            last_purge: None,
        }
    }

    /// The liveness mark, and the daily retention purge.
    pub async fn tick(&mut self, ctx: &Context) {
        let at = ctx.clock.now();
        if at - self.last_heartbeat >= HEARTBEAT_SECS || at < self.last_heartbeat {
            match ctx.store.liveness_set(&ctx.liveness_key(), at).await {
                Ok(()) => self.last_heartbeat = at,
                Err(e) => tracing::warn!(error = %e, "could not write the liveness mark"),
            }
        }
        if self.last_purge.is_none_or(|p| at - p >= DAY_SECS || at < p) {
            self.last_purge = Some(at);
            match purge_expired(ctx).await {
                Ok(n) => tracing::debug!(purged = n, "expired channel messages purged"),
                Err(e) => tracing::warn!(error = %e, "retention purge failed"),
            }
        }
    }
}

/// Deletes stored messages, thread summaries and digest claims older than
/// the retention period; returns how many rows went.
pub async fn purge_expired(ctx: &Context) -> anyhow::Result<u64> {
    let days = i64::from(ctx.config.retention_days.max(1));
    let cutoff = ctx.clock.now() - days * DAY_SECS;
    let messages = ctx.store.channel_messages_purge(cutoff).await?;
    let runs = ctx.store.digest_runs_purge(cutoff).await?;
    Ok(messages + runs)
}
