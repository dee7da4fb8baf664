//! Data retention: what users wrote is kept for the retention period
//! (`SCRUMBOT_RETENTION_DAYS`, 30 days by default), then purged — standup
//! answers, summaries, finished action items and blockers, moods, absences,
//! undelivered events (`store::retention`), and the digests' stored channel
//! messages and thread summaries (`store::digests`). README.md, "Data
//! retention", lists what is kept and what goes when. A deleted answer's text
//! goes at once, not here (`Store::answer_delete`). A workspace that
//! uninstalled the app (multi-workspace mode) loses all its rows once its
//! uninstall is older than the retention period
//! (`Store::installations_purge_revoked`).

use crate::context::Context;
use crate::store::retention::Purged;
use crate::store::Store;

const DAY_SECS: i64 = 24 * 3600;

/// Purges everything written before `cutoff` (epoch seconds); returns how
/// many rows went (blanked or deleted).
pub async fn purge(store: &Store, cutoff: i64) -> anyhow::Result<u64> {
    let day = jiff::Timestamp::from_second(cutoff)?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let standups: Purged = store.standup_texts_purge(cutoff, &day).await?;
    let messages = store.channel_messages_purge(cutoff).await?;
    let digests = store.digest_runs_purge(cutoff).await?;
    // Workspaces that uninstalled the app before the cutoff: all their data.
    let uninstalled = store.installations_purge_revoked(cutoff).await?;
    tracing::debug!(?standups, messages, digests, uninstalled, "retention purge");
    Ok(standups.total() + messages + digests + uninstalled)
}

/// [`purge`] with the cutoff `retention_days` before now on the context's
/// clock (a period of 0 days counts as 1: today's texts are never purged).
pub async fn purge_expired(ctx: &Context) -> anyhow::Result<u64> {
    let days = i64::from(ctx.config.retention_days.max(1));
    purge(&ctx.store, ctx.clock.now() - days * DAY_SECS).await
}

/// [`purge_expired`] for the scheduler loop: a failure is logged and the
/// next run tries again.
pub async fn run(ctx: &Context) {
    match purge_expired(ctx).await {
        Ok(n) => tracing::debug!(purged = n, "retention purge done"),
        Err(e) => tracing::warn!(error = %e, "retention purge failed"),
    }
}
