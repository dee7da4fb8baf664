//! When opening a standup fails: retry with a growing delay, then tell the
//! standup's owner by DM, in words, what failed and what to do — so that one
//! failure neither blocks a channel (a run stuck in `opening`) nor silently
//! loses a day (a scheduled open that failed, a run missed while the bot was
//! down).

use std::sync::Arc;

use super::{runs, Run, Standup};
use crate::context::Context;
use crate::slack::api::SlackApiError;

/// Attempts at posting a run's parent message (the first one included)
/// before the run is given up and the owner told.
const MAX_OPEN_ATTEMPTS: i64 = 4;
/// The first retry waits this long; each next one twice as long (1, 2, 4 min).
const FIRST_RETRY_SECS: i64 = 60;

/// When to try again after `failures` failed attempts, or `None`: give up.
fn retry_at(now: i64, failures: i64) -> Option<i64> {
    (failures < MAX_OPEN_ATTEMPTS).then(|| now + (FIRST_RETRY_SECS << (failures - 1).clamp(0, 8)))
}

/// The parent message of `run` could not be posted (or the run not stored
/// completely): plan a retry, or after the last attempt give the run up —
/// freeing the channel — and tell the owner.
pub(crate) async fn open_failed(ctx: &Context, run: &Run, error: &anyhow::Error) {
    let now = ctx.clock.now();
    let failures = match ctx
        .store
        .run_open_failed(&run.team_id, run.id, |n| retry_at(now, n))
        .await
    {
        Ok(Some(n)) => n,
        Ok(None) => return, // opened or given up meanwhile
        Err(e) => {
            return tracing::error!(run = run.id, error = %e, "cannot record a failed open; it is retried at the next start")
        }
    };
    if failures < MAX_OPEN_ATTEMPTS {
        return tracing::warn!(run = run.id, failures, error = ?error, "could not post the standup; will retry");
    }
    tracing::error!(run = run.id, failures, error = ?error, "could not post the standup; giving up");
    match ctx.store.run_give_up_opening(&run.team_id, run.id).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return tracing::error!(run = run.id, error = %e, "cannot give up a run"),
    }
    if let Err(e) = ctx.store.nudges_cancel(&run.team_id, run.id).await {
        tracing::warn!(run = run.id, error = %e, "cannot cancel the nudges of a given-up run");
    }
    let Some(standup) = standup_of(ctx, run).await else {
        return;
    };
    let text = format!(
        ":warning: I could not post the standup of {} in <#{}>: {} I tried {failures} times and gave up on this run.",
        run.run_date,
        run.channel_id,
        what_failed(ctx, error, &run.channel_id),
    );
    tell_owner(ctx, &standup, &format!("run:{}:open_failed", run.id), &text).await;
}

/// Tries again to post the parent messages whose retry is due (each run in
/// a task of its own, claimed first so that replicas do not race).
pub async fn retry_openings(ctx: &Arc<Context>, at: i64) -> anyhow::Result<()> {
    for (team, id, planned) in ctx.store.runs_open_retry_due(at).await? {
        if !ctx.store.run_claim_open_retry(&team, id, planned).await? {
            continue;
        }
        let Some(run) = ctx.store.run_get(&team, id).await? else {
            continue;
        };
        // In its workspace's scope (multi-workspace mode: its token).
        let Some(admitted) = ctx.admit_team(&team).await else {
            continue;
        };
        let ctx = ctx.clone();
        ctx.tasks().spawn(admitted.run(async move {
            let title = standup_of(&ctx, &run)
                .await
                .map(|s| s.name)
                .unwrap_or_default();
            match runs::post_parent(&ctx, &run, &title).await {
                Ok(()) => tracing::info!(run = run.id, "standup posted on a retry"),
                Err(e) => open_failed(&ctx, &run, &e).await,
            }
        }));
    }
    Ok(())
}

/// A scheduled open failed before the run was stored (the member list could
/// not be read, the database hiccuped): make the standup due again soon,
/// and after the last attempt tell the owner that today's run is lost.
pub async fn scheduled_open_failed(ctx: &Context, standup: &Standup, error: &anyhow::Error) {
    let now = ctx.clock.now();
    let failures = match ctx
        .store
        .standup_open_failed(&standup.team_id, standup.id)
        .await
    {
        Ok(n) => n,
        Err(e) => {
            return tracing::error!(standup = standup.id, error = %e, "cannot record a failed open")
        }
    };
    if let Some(at) = retry_at(now, failures) {
        tracing::warn!(standup = standup.id, failures, error = ?error, "opening a scheduled standup failed; will retry");
        if let Err(e) = ctx
            .store
            .standup_retry_open(&standup.team_id, standup.id, at)
            .await
        {
            tracing::error!(standup = standup.id, error = %e, "cannot plan the retry of an open");
        }
        return;
    }
    tracing::error!(standup = standup.id, failures, error = ?error, "opening a scheduled standup failed; giving up");
    if let Err(e) = ctx
        .store
        .standup_open_failures_reset(&standup.team_id, standup.id)
        .await
    {
        tracing::warn!(standup = standup.id, error = %e, "cannot reset the failure count");
    }
    let due = standup.next_run_at.unwrap_or(now);
    let text = format!(
        ":warning: I could not open today's standup in <#{}>: {} Run `/standup start` there to open it by hand.",
        standup.channel_id,
        what_failed(ctx, error, &standup.channel_id),
    );
    let key = format!("standup:{}:open_failed:{due}", standup.id);
    tell_owner(ctx, standup, &key, &text).await;
}

/// A scheduled run the bot missed while it was down, found after its
/// answering window had passed.
///
/// It is reported to the owner rather than opened late: a run opened now
/// would nudge everyone hours after the agreed time and close at once (or
/// run into the next day's), while the owner knows whether a late standup
/// still helps and can start one with a word.
pub async fn report_missed(ctx: &Context, standup: &Standup, due: i64) {
    let when = jiff::Timestamp::from_second(due)
        .map(|t| {
            t.to_zoned(super::schedule::zone(&standup.tz))
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let text = format!(
        ":warning: I missed the standup in <#{}> due at {when} ({}): I was not running then, and its answering window has passed. Run `/standup start` in <#{}> if you still want it.",
        standup.channel_id, standup.tz, standup.channel_id,
    );
    let key = format!("standup:{}:missed:{due}", standup.id);
    tell_owner(ctx, standup, &key, &text).await;
}

/// What failed and what to do, in words, from the error's Slack code.
fn what_failed(ctx: &Context, error: &anyhow::Error, channel: &str) -> String {
    let slack = error
        .chain()
        .find_map(|c| c.downcast_ref::<SlackApiError>());
    match slack {
        Some(e) => match e.code() {
            Some("not_in_channel") => format!(
                "I am not in the channel — invite me with `/invite` and my name (<@{}>) in <#{channel}>, then run `/standup start` there.",
                ctx.bot().user_id
            ),
            Some("channel_not_found") => {
                "I cannot see the channel — if it is private, invite me there; if it was deleted, set the standup up again elsewhere.".into()
            }
            Some("is_archived") => {
                "the channel is archived — unarchive it, or set the standup up in another channel.".into()
            }
            Some(code) => format!("Slack refused with `{code}`."),
            None => format!("Slack did not answer ({e})."),
        },
        None => format!("an internal error ({error})."),
    }
}

async fn standup_of(ctx: &Context, run: &Run) -> Option<Standup> {
    ctx.store
        .standup_by_id(&run.team_id, run.standup_id)
        .await
        .ok()
        .flatten()
}

/// DMs the standup's owner (who set it up) once per `key`.
async fn tell_owner(ctx: &Context, standup: &Standup, key: &str, text: &str) {
    let sent: anyhow::Result<()> = async {
        let dm = ctx.slack.open_dm(&standup.created_by).await?;
        let out = runs::Outgoing {
            channel: &dm,
            text,
            blocks: None,
            thread_ts: None,
        };
        runs::post_or_update(ctx, &standup.team_id, key, out, false).await
    }
    .await;
    if let Err(e) = sent {
        tracing::error!(standup = standup.id, owner = %standup.created_by, error = ?e, "could not tell the owner");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_then_stop() {
        assert_eq!(retry_at(1000, 1), Some(1060));
        assert_eq!(retry_at(1000, 2), Some(1120));
        assert_eq!(retry_at(1000, 3), Some(1240));
        assert_eq!(retry_at(1000, MAX_OPEN_ATTEMPTS), None);
    }
}
