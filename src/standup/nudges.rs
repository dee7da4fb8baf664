//! Nudges and reminders: the DMs that ask members for their answers — at
//! the open or at their own local time, with "last time you said…" and, for
//! someone still blocked, the blocker question first — and the one reminder
//! before the close to those who have not answered.

use std::collections::BTreeMap;

use super::runs::{participation, summary_input, thread_link, user_tz};
use super::{answer_mode, schedule, Run, RunStatus};
use crate::context::Context;
use crate::render::{followup as render_followup, standup as blocks};

/// What became of a DM of a run.
#[derive(Debug, PartialEq, Eq)]
enum Dm {
    /// Posted now (and recorded under its key).
    Sent,
    /// Posted before (its key holds a `ts`).
    SentBefore,
    /// Being posted by another task, or lost in a crash: not posted here.
    ClaimedElsewhere,
    /// The run is no longer open: a nudge after the summary would only confuse.
    RunNotOpen,
}

/// Posts a DM about `run` once per key; a failure releases the claim for a
/// later try. The run is read again right before the post — after the DM
/// conversation is opened, which may wait out a 429 — so that a run closed
/// meanwhile gets no nudge or reminder after its summary.
async fn dm_once(
    ctx: &Context,
    run: &Run,
    key: &str,
    user: &str,
    text: &str,
    blocks: Option<&[slack_morphism::prelude::SlackBlock]>,
) -> Result<Dm, anyhow::Error> {
    let team = run.team_id.as_str();
    if !ctx.store.post_claim(team, key).await? {
        return Ok(match ctx.store.post_get(team, key).await? {
            Some(_) => Dm::SentBefore,
            None => Dm::ClaimedElsewhere,
        });
    }
    let result: Result<Option<_>, anyhow::Error> = async {
        let dm = ctx.slack.open_dm(user).await?;
        let open = matches!(ctx.store.run_get(team, run.id).await?, Some(r) if r.status == RunStatus::Open);
        if !open {
            return Ok(None);
        }
        Ok(Some(ctx.slack.post_message(&dm, text, blocks, None).await?))
    }
    .await;
    match result {
        Ok(Some(p)) => {
            ctx.store.post_record(team, key, &p.channel, &p.ts).await?;
            Ok(Dm::Sent)
        }
        Ok(None) => {
            ctx.store.post_release(team, key).await?;
            Ok(Dm::RunNotOpen)
        }
        Err(e) => {
            ctx.store.post_release(team, key).await?;
            Err(e)
        }
    }
}

/// Sends this run's nudges that are due now; later ones (members in later
/// time zones) are sent by the scheduler through [`send_nudges`].
pub(crate) async fn send_due_nudges(ctx: &Context, run: &Run) {
    match ctx
        .store
        .nudges_due_for_run(&run.team_id, run.id, ctx.clock.now())
        .await
    {
        Ok(users) => send_nudges(ctx, run, &users).await,
        Err(e) => tracing::error!(run = run.id, error = %e, "cannot read due nudges"),
    }
}

/// DMs each of `users` the run's questions, an Answer button, the close in
/// their own time zone, where to answer and what they planned last time,
/// once (post claim per run and user), and marks the nudge sent.
pub async fn send_nudges(ctx: &Context, run: &Run, users: &[String]) {
    if users.is_empty() {
        return;
    }
    let link = thread_link(ctx, run).await;
    let ask_mood = matches!(ctx.store.standup_by_id(&run.team_id, run.standup_id).await, Ok(Some(s)) if s.mood);
    let mode = answer_mode::of_run(ctx, run).await;
    let last_plans = match ctx
        .store
        .run_previous(&run.team_id, run.standup_id, run.id)
        .await
    {
        Ok(Some(prev)) => planned_by_user(ctx, &prev).await,
        _ => BTreeMap::new(),
    };
    for user in users {
        let closes_local = local_close(run.closes_at, &user_tz(ctx, user).await);
        let nudge = blocks::Nudge {
            run,
            mode,
            permalink: link.as_deref(),
            last_plan: last_plans.get(user).map(String::as_str),
            closes_local: &closes_local,
        };
        let question = blocker_question(ctx, run, user).await;
        let message = blocks::nudge_message(&nudge, question, ask_mood.then_some(run.id));
        let key = format!("run:{}:nudge:{user}", run.id);
        let sent = dm_once(ctx, run, &key, user, &message.text, Some(&message.blocks)).await;
        match sent {
            // Marked sent only once it was: after the post succeeded.
            Ok(Dm::Sent | Dm::SentBefore) => {
                if let Err(e) = ctx.store.nudge_mark_sent(&run.team_id, run.id, user).await {
                    tracing::warn!(run = run.id, user, error = %e, "could not mark a nudge sent");
                }
            }
            Ok(Dm::ClaimedElsewhere) => {}
            Ok(Dm::RunNotOpen) => {
                return tracing::info!(run = run.id, "run no longer open; no more nudges")
            }
            Err(e) => tracing::warn!(run = run.id, user, error = %e, "nudge not sent; will retry"),
        }
    }
}

/// The close as the member reads it: weekday and time in their zone.
fn local_close(closes_at: i64, tz: &str) -> String {
    match jiff::Timestamp::from_second(closes_at) {
        Ok(t) => format!(
            "{} ({tz})",
            t.to_zoned(schedule::zone(tz)).strftime("%a %H:%M")
        ),
        Err(_) => "at the close".to_string(),
    }
}

/// Someone blocked in an earlier run is asked first whether they still are.
async fn blocker_question(
    ctx: &Context,
    run: &Run,
    user: &str,
) -> Vec<slack_morphism::prelude::SlackBlock> {
    match ctx
        .store
        .blocker_open_for(&run.team_id, run.standup_id, user)
        .await
    {
        Ok(Some(b)) if b.opened_run < run.id => render_followup::blocker_question(&b),
        Ok(_) => Vec::new(),
        Err(e) => {
            tracing::warn!(run = run.id, user, error = %e, "cannot read open blockers");
            Vec::new()
        }
    }
}

/// What each member said they would do in a past run (the "today" answers).
async fn planned_by_user(ctx: &Context, run: &Run) -> BTreeMap<String, String> {
    let Ok(answers) = ctx.store.answers_for_run(&run.team_id, run.id).await else {
        return BTreeMap::new();
    };
    let input = summary_input(run, &answers);
    let summary = crate::summarize::offline::summarize(&input);
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for item in summary.planned {
        let e = out.entry(item.user).or_default();
        if !e.is_empty() {
            e.push_str("; ");
        }
        e.push_str(&item.text);
    }
    out
}

/// DMs members who have not answered (and are not away) once, before the close.
pub async fn remind(ctx: &Context, run: &Run) -> anyhow::Result<usize> {
    if !ctx.store.run_claim_reminder(&run.team_id, run.id).await? {
        return Ok(0);
    }
    let part = participation(ctx, run).await?;
    let link = thread_link(ctx, run).await;
    let mode = answer_mode::of_run(ctx, run).await;
    let text = blocks::reminder_text(run, link.as_deref(), mode);
    let mut sent = 0;
    for user in &part.missing {
        let key = format!("run:{}:remind:{user}", run.id);
        match dm_once(ctx, run, &key, user, &text, None).await {
            Ok(Dm::Sent) => sent += 1,
            Ok(Dm::SentBefore | Dm::ClaimedElsewhere) => {}
            Ok(Dm::RunNotOpen) => break,
            Err(e) => tracing::warn!(run = run.id, user, error = %e, "reminder not sent"),
        }
    }
    Ok(sent)
}
