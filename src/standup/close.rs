//! Closing a run: reconcile the answers with the thread, summarize, post
//! the thread summary, the action items, the channel post and the weekly
//! report, and mark the parent message closed. "Update summary" runs the
//! same publication again as in-place edits ([`Publication::Edit`]).

use std::collections::HashSet;

use anyhow::Context as _;

use super::runs::{
    display_title, participation, post_or_update, summary_input, thread_link, Outgoing,
    Participation,
};
use super::{Answer, Run, RunStatus, Standup};
use crate::context::Context;
use crate::followup;
use crate::integrations::links;
use crate::render::summary::{self as render_summary, ChannelContext};
use crate::render::tickets as render_tickets;
use crate::render::{followup as render_followup, standup as blocks};
use crate::summarize::Summary;

/// Brings the stored answers in line with the thread as Slack has it, with
/// one `conversations.replies` read: replies sent while the bot was down are
/// added, messages deleted meanwhile are dropped. On a read failure the
/// stored answers stand as they are.
async fn reconcile(ctx: &Context, run: &Run) {
    let Some(parent) = run.parent_ts.as_deref() else {
        return;
    };
    let replies = match ctx.slack.thread_replies(&run.channel_id, parent).await {
        Ok(r) => r,
        Err(e) => {
            return tracing::warn!(run = run.id, error = %e, "could not read the thread at close; using stored answers")
        }
    };
    // Slack sometimes answers `ok` with no message at all, or without the
    // parent it always puts first: such a list says nothing about which
    // answers were deleted, and reading it as "none is left" would wipe them.
    if !replies.iter().any(|m| m.ts == parent) {
        return tracing::warn!(
            run = run.id,
            messages = replies.len(),
            "the thread as read at close lacks its parent message; using stored answers"
        );
    }
    let present: HashSet<&str> = replies.iter().map(|m| m.ts.as_str()).collect();
    for m in &replies {
        let Some(user) = m.user.as_deref() else {
            continue;
        };
        if m.ts == parent
            || m.is_bot
            || ctx.is_self(user)
            || !run.expected.iter().any(|u| u == user)
        {
            continue;
        }
        if let Err(e) = ctx
            .store
            .answer_upsert(
                &run.team_id,
                run.id,
                user,
                &m.ts,
                &m.text,
                false,
                ctx.clock.now(),
            )
            .await
        {
            tracing::warn!(run = run.id, error = %e, "could not store a reconciled answer");
        }
    }
    // Answers given by DM are not in the thread: their absence says nothing.
    let by_dm = match ctx.store.dm_answers_of_run(&run.team_id, run.id).await {
        Ok(ts) => ts,
        Err(e) => {
            return tracing::warn!(run = run.id, error = %e, "cannot tell DM answers apart; keeping every stored answer")
        }
    };
    if let Ok(stored) = ctx.store.answers_for_run(&run.team_id, run.id).await {
        for a in stored
            .iter()
            .filter(|a| !present.contains(a.message_ts.as_str()) && !by_dm.contains(&a.message_ts))
        {
            let _ = ctx
                .store
                .answer_delete(&run.team_id, run.id, &a.message_ts)
                .await;
        }
    }
}

/// Closes a run: summary in the thread, a short channel post, the parent
/// message marked closed. Only the caller that wins the close claim does it.
pub async fn close_run(ctx: &Context, run: &Run) -> anyhow::Result<bool> {
    // A run whose parent message could not be posted has nothing to
    // summarize: closing it gives it up, which frees the channel.
    if run.status == RunStatus::Opening
        && ctx.store.run_give_up_opening(&run.team_id, run.id).await?
    {
        ctx.store.nudges_cancel(&run.team_id, run.id).await?;
        return Ok(true);
    }
    if !ctx.store.run_claim_close(&run.team_id, run.id).await? {
        return Ok(false);
    }
    finish_close(ctx, run).await?;
    Ok(true)
}

/// The close itself; also finishes a run a crash left in `closing`.
///
/// Posts, in this order: the summary in the thread, the action items, the
/// channel post, the weekly report (on Fridays), then marks the parent
/// message closed. Every post is claimed by key, so a repeat after a crash
/// posts only what is missing.
pub async fn finish_close(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    reconcile(ctx, run).await;
    let closed = summarize_run(ctx, run).await?;
    let manager = closed
        .standup
        .as_ref()
        .map(|s| s.created_by.as_str())
        .unwrap_or_default();
    followup::tracking::record_run(
        ctx,
        run,
        manager,
        &closed.summary,
        &closed.answers,
        closed.link.as_deref(),
    )
    .await?;
    publish(ctx, run, &closed, Publication::Post).await?;
    post_weekly_report(ctx, run, closed.standup.as_ref()).await?;
    mark_parent_closed(ctx, run, &closed).await;
    ctx.store.run_mark_closed(&run.team_id, run.id).await?;
    Ok(())
}

/// "Update summary": summarizes again, late answers included, and edits the
/// posted messages in place (`chat.update`), never posting new ones.
pub async fn update_summary(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    let closed = summarize_run(ctx, run).await?;
    publish(ctx, run, &closed, Publication::Edit).await?;
    mark_parent_closed(ctx, run, &closed).await;
    Ok(())
}

/// Whether the run's messages are posted for the first time or edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Publication {
    /// Post each message once (the close).
    Post,
    /// Edit the messages posted at the close in place ("Update summary").
    Edit,
}

/// What a closed run's messages are made of.
struct ClosedRun {
    standup: Option<Standup>,
    /// The standup's name as shown ("Daily standup").
    title: String,
    answers: Vec<Answer>,
    part: Participation,
    summary: Summary,
    /// The permalink of the run's thread.
    link: Option<String>,
}

/// Summarizes the run's answers and stores the summary.
async fn summarize_run(ctx: &Context, run: &Run) -> anyhow::Result<ClosedRun> {
    let standup = ctx
        .store
        .standup_by_id(&run.team_id, run.standup_id)
        .await?;
    let title = display_title(
        standup
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or(super::DEFAULT_NAME),
    );
    let answers = ctx.store.answers_for_run(&run.team_id, run.id).await?;
    let part = participation(ctx, run).await?;
    let input = summary_input(run, &answers);
    let mut allowed: HashSet<String> = run.expected.iter().cloned().collect();
    allowed.extend(answers.iter().map(|a| a.user_id.clone()));
    let outcome = ctx
        .summarizer
        .summarize_with_outcome(&input, &allowed)
        .await;
    let summary = outcome.summary;
    let body = serde_json::to_string(&summary).unwrap_or_default();
    // One row per run: a close repeated after a crash, or "Update summary",
    // replaces it.
    ctx.store
        .summary_upsert(
            &run.team_id,
            run.id,
            outcome.engine,
            summary.tokens_used as i64,
            &body,
        )
        .await?;
    let link = thread_link(ctx, run).await;
    Ok(ClosedRun {
        standup,
        title,
        answers,
        part,
        summary,
        link,
    })
}

/// The summary in the thread, the action items, the channel post.
async fn publish(
    ctx: &Context,
    run: &Run,
    closed: &ClosedRun,
    how: Publication,
) -> anyhow::Result<()> {
    let heading = format!("{} — {}", closed.title, run.run_date);
    post_thread_summary(ctx, run, closed, &heading, how).await?;
    post_board(ctx, run, how).await?;
    post_channel_summary(ctx, run, closed, heading, how).await
}

/// Posts a message of the run under a post key (once), or edits it.
async fn send(
    ctx: &Context,
    run: &Run,
    key: &str,
    out: Outgoing<'_>,
    how: Publication,
) -> anyhow::Result<()> {
    post_or_update(ctx, &run.team_id, key, out, how == Publication::Edit).await
}

/// The full summary in the run's thread (text only when nobody answered).
async fn post_thread_summary(
    ctx: &Context,
    run: &Run,
    closed: &ClosedRun,
    heading: &str,
    how: Publication,
) -> anyhow::Result<()> {
    let (text, blocks) = if closed.answers.is_empty() {
        (blocks::nobody_answered(&closed.title, &run.run_date), None)
    } else {
        // Items link to their answers only when the answers are replies in
        // the thread: answers by DM are not there (private ones nowhere).
        let by_dm = crate::standup::answer_mode::of_run(ctx, run).await.by_dm();
        let link = closed.link.as_deref().filter(|_| !by_dm);
        let mut m = render_summary::thread_message_linked(&closed.summary, heading, link);
        add_ticket_statuses(ctx, run, closed, &mut m).await;
        (m.text, Some(m.blocks))
    };
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: blocks.as_deref(),
        thread_ts: run.parent_ts.as_deref(),
    };
    send(ctx, run, &format!("run:{}:summary", run.id), out, how)
        .await
        .context("posting the summary in the thread")
}

/// The tickets the answers mention, with their status, under the summary
/// (bounded in time: a slow tracker's tickets are left out).
async fn add_ticket_statuses(
    ctx: &Context,
    run: &Run,
    closed: &ClosedRun,
    summary: &mut crate::render::Message,
) {
    let texts = closed.answers.iter().map(|a| a.body.as_str());
    let tickets = links::statuses(ctx, &run.team_id, &run.channel_id, texts).await;
    render_tickets::add_to(summary, &tickets, &closed.summary.blockers);
}

/// The action items, with their buttons, as a message of their own in the thread.
async fn post_board(ctx: &Context, run: &Run, how: Publication) -> anyhow::Result<()> {
    let items = ctx.store.items_for_run(&run.team_id, run.id).await?;
    if items.is_empty() {
        return Ok(());
    }
    let board = render_followup::board(&items);
    let out = Outgoing {
        channel: &run.channel_id,
        text: &board.text,
        blocks: Some(&board.blocks),
        thread_ts: run.parent_ts.as_deref(),
    };
    send(ctx, run, &followup::tracking::board_key(run.id), out, how)
        .await
        .context("posting the action items")
}

/// The short post in the channel, with blockers, overdue items and the team mood.
async fn post_channel_summary(
    ctx: &Context,
    run: &Run,
    closed: &ClosedRun,
    heading: String,
    how: Publication,
) -> anyhow::Result<()> {
    let cctx = ChannelContext {
        title: heading,
        thread_link: closed.link.clone(),
        answered: closed.part.answered.len(),
        expected: run.expected.len(),
        missing: closed.part.missing.clone(),
    };
    let extras = followup::tracking::channel_extras(ctx, run).await?;
    let moods = ctx.store.moods_for_run(&run.team_id, run.id).await?;
    let post = blocks::channel_post(&closed.summary, &cctx, extras, followup::team_mood(&moods));
    let out = Outgoing {
        channel: &run.channel_id,
        text: &post.text,
        blocks: Some(&post.blocks),
        thread_ts: None,
    };
    send(ctx, run, &format!("run:{}:channel", run.id), out, how)
        .await
        .context("posting the channel summary")
}

/// Marks the parent message closed, with the final count.
async fn mark_parent_closed(ctx: &Context, run: &Run, closed: &ClosedRun) {
    let Some(ts) = &run.parent_ts else {
        return;
    };
    let parent = blocks::closed_parent_message(run, &closed.title, closed.part.answered.len());
    // chat.update of a known ts is idempotent: safe to repeat after a crash.
    if let Err(e) = ctx
        .slack
        .update_message(&run.channel_id, ts, &parent.text, Some(&parent.blocks))
        .await
    {
        tracing::warn!(run = run.id, error = %e, "could not mark the parent message closed");
    }
}

/// After Friday's run, the week's report in the channel (when enabled), once.
async fn post_weekly_report(
    ctx: &Context,
    run: &Run,
    standup: Option<&Standup>,
) -> anyhow::Result<()> {
    let Some(standup) = standup.filter(|s| s.weekly_report) else {
        return Ok(());
    };
    let Ok(day) = run
        .run_date
        .chars()
        .take(10)
        .collect::<String>()
        .parse::<jiff::civil::Date>()
    else {
        return Ok(());
    };
    if day.weekday() != jiff::civil::Weekday::Friday {
        return Ok(());
    }
    let text = followup::report::build(ctx, standup, followup::report::Period::Week, day)
        .await?
        .to_text();
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: None,
        thread_ts: None,
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("report:{}:{day}", standup.id),
        out,
        false,
    )
    .await
    .context("posting the weekly report")
}
