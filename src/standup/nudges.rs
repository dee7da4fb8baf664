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

/// Claims a DM's key: `None` when it is ours to post, else what became of
/// it. Claimed before the message is built, because building it may cost a
/// Web API call (`users.info` for the member's zone): the scheduler's tick
/// hands a run's unsent nudges to another sender while the opening's sender
/// is still pacing through them, and that one must not look everyone up
/// again only to find the claims taken.
async fn claim_dm(ctx: &Context, team: &str, key: &str) -> Result<Option<Dm>, anyhow::Error> {
    if ctx.store.post_claim(team, key).await? {
        return Ok(None);
    }
    Ok(Some(match ctx.store.post_get(team, key).await? {
        Some(_) => Dm::SentBefore,
        None => Dm::ClaimedElsewhere,
    }))
}

/// Posts a DM whose key this task claimed; a failure releases the claim for
/// a later try. The run is read again right before the post — after the DM
/// conversation is opened, which may wait out a 429 — so that a run closed
/// meanwhile gets no nudge or reminder after its summary.
async fn post_claimed(
    ctx: &Context,
    run: &Run,
    key: &str,
    user: &str,
    text: &str,
    blocks: Option<&[slack_morphism::prelude::SlackBlock]>,
) -> Result<Dm, anyhow::Error> {
    let team = run.team_id.as_str();
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
    // What every nudge of the run shares, read once the first key is ours:
    // a tick that finds every key claimed by the opening's sender reads
    // nothing and calls nothing.
    let mut shared: Option<NudgeShared> = None;
    for user in users {
        let key = format!("run:{}:nudge:{user}", run.id);
        let sent = match claim_dm(ctx, &run.team_id, &key).await {
            Ok(None) => {
                if shared.is_none() {
                    shared = Some(NudgeShared::read(ctx, run).await);
                }
                let shared = shared.as_ref().expect("read above");
                let message = shared.message(ctx, run, user).await;
                post_claimed(ctx, run, &key, user, &message.text, Some(&message.blocks)).await
            }
            Ok(Some(outcome)) => Ok(outcome),
            Err(e) => Err(e),
        };
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

/// The parts of a run's nudges that are the same for every member.
struct NudgeShared {
    link: Option<String>,
    ask_mood: bool,
    mode: answer_mode::AnswerMode,
    last_plans: BTreeMap<String, String>,
}

impl NudgeShared {
    async fn read(ctx: &Context, run: &Run) -> Self {
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
        NudgeShared {
            link,
            ask_mood,
            mode,
            last_plans,
        }
    }

    /// `user`'s nudge: the close in their zone, their last plan, and the
    /// blocker question first when they were still blocked.
    async fn message(&self, ctx: &Context, run: &Run, user: &str) -> crate::render::Message {
        let closes_local = local_close(run.closes_at, &user_tz(ctx, user).await);
        let nudge = blocks::Nudge {
            run,
            mode: self.mode,
            permalink: self.link.as_deref(),
            last_plan: self.last_plans.get(user).map(String::as_str),
            closes_local: &closes_local,
        };
        let question = blocker_question(ctx, run, user).await;
        blocks::nudge_message(&nudge, question, self.ask_mood.then_some(run.id))
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
        let outcome = match claim_dm(ctx, &run.team_id, &key).await {
            Ok(None) => post_claimed(ctx, run, &key, user, &text, None).await,
            Ok(Some(outcome)) => Ok(outcome),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(Dm::Sent) => sent += 1,
            Ok(Dm::SentBefore | Dm::ClaimedElsewhere) => {}
            Ok(Dm::RunNotOpen) => break,
            Err(e) => tracing::warn!(run = run.id, user, error = %e, "reminder not sent"),
        }
    }
    Ok(sent)
}
