//! Purpose: answering a standup from its message. The "Answer" button opens
//! a modal with one field per question; its submission is posted into the
//! run's thread (so the team sees it) and stored as that member's answer.
//! Also the mood buttons and "Update summary" of a closed run.

use super::ViewResponse;
use crate::context::Context;
use crate::render::standup::escape;
use crate::slack::inbound::{Action, BlockActions, ViewSubmission};
use crate::standup::answer_mode::AnswerMode;
use crate::standup::{runs, Run, RunStatus};

/// The run id a button carries as its value (0, no run, when it is not a number).
fn run_id(action: &Action) -> i64 {
    action
        .value
        .as_deref()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// "Answer": opens the modal while the run is open.
pub async fn open_modal(
    ctx: &Context,
    press: &BlockActions,
    action: &Action,
) -> anyhow::Result<()> {
    let team = press.actor.team_id.as_str();
    let Some(run) = ctx.store.run_get(team, run_id(action)).await? else {
        return Ok(());
    };
    let channel = press
        .channel
        .as_ref()
        .map(|c| c.as_str())
        .unwrap_or_default();
    if run.status != RunStatus::Open {
        let text = if crate::standup::answer_mode::of_run(ctx, &run).await.by_dm() {
            "This standup is closed; to add a late answer, reply in the thread of its nudge, then press *Update summary* on the standup's message."
        } else {
            "This standup is closed; reply in its thread and press *Update summary*."
        };
        ctx.slack
            .post_ephemeral(channel, press.actor.user_id.as_str(), text, None)
            .await?;
    } else if let Some(trigger) = &press.actor.trigger_id {
        let view = crate::render::standup::answer_modal(&run, ask_mood(ctx, &run).await);
        ctx.slack.views_open(trigger, &view).await?;
    }
    Ok(())
}

/// A mood button: its value is `<run id>:<score 1–5>`.
pub async fn set_mood(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    let parsed = action
        .value
        .as_deref()
        .unwrap_or_default()
        .split_once(':')
        .and_then(|(r, s)| Some((r.parse::<i64>().ok()?, s.parse::<i64>().ok()?)));
    let Some((run_id, score)) = parsed.filter(|(_, s)| (1..=5).contains(s)) else {
        return Ok(());
    };
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    if ctx.store.run_get(team, run_id).await?.is_none() {
        return Ok(());
    }
    ctx.store.mood_set(team, run_id, user, score).await?;
    if let Some(channel) = press.channel.as_ref().filter(|c| !c.is_empty()) {
        let text = format!("Thanks — mood noted ({score}/5). Only the team's average is shown.");
        ctx.slack
            .post_ephemeral(channel.as_str(), user, &text, None)
            .await?;
    }
    Ok(())
}

/// "Update summary" on a closed run (late answers arrived).
pub async fn update_summary(
    ctx: &Context,
    press: &BlockActions,
    action: &Action,
) -> anyhow::Result<()> {
    let team = press.actor.team_id.as_str();
    let Some(run) = ctx.store.run_get(team, run_id(action)).await? else {
        return Ok(());
    };
    if run.status == RunStatus::Closed {
        runs::update_summary(ctx, &run).await?;
    }
    Ok(())
}

/// Whether the run's standup asks for a mood.
async fn ask_mood(ctx: &Context, run: &Run) -> bool {
    matches!(ctx.store.standup_by_id(&run.team_id, run.standup_id).await, Ok(Some(s)) if s.mood)
}

/// The answer modal's submission: checked now (the modal shows errors), then
/// posted and stored in the background once the modal has closed.
pub async fn submit(ctx: &Context, view: &ViewSubmission) -> anyhow::Result<ViewResponse> {
    let (team, user) = (view.actor.team_id.as_str(), view.actor.user_id.as_str());
    let run_id: i64 = view.private_metadata.parse().unwrap_or(0);
    let Some(run) = ctx.store.run_get(team, run_id).await? else {
        return Ok(ViewResponse::Close);
    };
    let (Some(parent_ts), RunStatus::Open) = (run.parent_ts.clone(), run.status) else {
        return Ok(ViewResponse::error("q0", "This standup is closed."));
    };
    if let Some(score) = view
        .text("mood")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s))
    {
        ctx.store.mood_set(team, run.id, user, score).await?;
    }
    let answers: Vec<&str> = (0..run.questions.len())
        .map(|n| view.text(&format!("q{n}")).unwrap_or(""))
        .collect();
    if answers.iter().all(|a| a.is_empty()) {
        return Ok(ViewResponse::error("q0", "Write at least one answer."));
    }
    let private = crate::standup::answer_mode::of_run(ctx, &run).await == AnswerMode::Private;
    let post = AnswerPost::new(&run, view, parent_ts, &answers, private);
    let answered_at = ctx.clock.now();
    let (slack, store) = (ctx.slack.clone(), ctx.store.clone());
    ctx.tasks().spawn(async move {
        if let Err(e) = post.send(slack.as_ref(), &store, answered_at).await {
            tracing::error!(error = ?e, "posting a modal answer failed");
        }
    });
    Ok(ViewResponse::Close)
}

/// A modal answer on its way into the run's thread (or, for a standup
/// whose answers are private, into the member's DM, as their copy).
struct AnswerPost {
    team: String,
    user: String,
    run_id: i64,
    channel: String,
    parent_ts: String,
    /// Once per view: a resubmitted modal does not post twice.
    claim_key: String,
    /// The thread message: who answered, each question in bold.
    text: String,
    /// The stored answer, with the per-question split the modal gave us.
    body: String,
    /// Answers stay private: the member's DM gets the post, not the thread.
    private: bool,
}

impl AnswerPost {
    fn new(
        run: &Run,
        view: &ViewSubmission,
        parent_ts: String,
        answers: &[&str],
        private: bool,
    ) -> Self {
        let user = view.actor.user_id.to_string();
        let mut text = if private {
            "*Your answer* (private: only the summary is posted):".to_string()
        } else {
            format!("*<@{user}> answered:*")
        };
        let mut body = String::new();
        for (q, a) in run.questions.iter().zip(answers) {
            if a.is_empty() {
                continue;
            }
            text.push_str(&format!("\n*{}*\n{}", escape(q), escape(a)));
            body.push_str(&format!("{q}\n{a}\n"));
        }
        let view_id = if view.view_id.is_empty() {
            "?"
        } else {
            &view.view_id
        };
        Self {
            team: view.actor.team_id.to_string(),
            user,
            run_id: run.id,
            channel: run.channel_id.clone(),
            parent_ts,
            claim_key: format!("run:{}:modal:{view_id}", run.id),
            text,
            body,
            private,
        }
    }

    async fn send(
        &self,
        slack: &dyn crate::slack::api::SlackApi,
        store: &crate::store::Store,
        answered_at: i64,
    ) -> anyhow::Result<()> {
        if !store.post_claim(&self.team, &self.claim_key).await? {
            return Ok(());
        }
        let posted = if self.private {
            let dm = slack.open_dm(&self.user).await?;
            slack.post_message(&dm, &self.text, None, None).await?
        } else {
            slack
                .post_message(&self.channel, &self.text, None, Some(&self.parent_ts))
                .await?
        };
        store
            .post_record(&self.team, &self.claim_key, &posted.channel, &posted.ts)
            .await?;
        if self.private {
            // Not in the thread: the close must not take it for deleted.
            let taken = crate::store::standups::DmAnswer {
                run_id: self.run_id,
                user_id: self.user.clone(),
            };
            store
                .dm_answer_record(&self.team, &posted.channel, &posted.ts, &taken)
                .await?;
        }
        store
            .answer_upsert(
                &self.team,
                self.run_id,
                &self.user,
                &posted.ts,
                self.body.trim_end(),
                false,
                answered_at,
            )
            .await?;
        Ok(())
    }
}
