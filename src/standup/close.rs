//! Closing a run: reconcile the answers with the thread, summarize, post
//! the thread summary, the action items, the channel post and the weekly
//! report, and mark the parent message closed. "Update summary" runs the
//! same publication again as in-place edits.

use std::collections::HashSet;

use anyhow::Context as _;

use super::runs::{
    display_title, participation, post_or_update, summary_input, thread_link, Outgoing,
};
use super::{Run, Standup};
use crate::context::Context;
use crate::followup;
use crate::render::{followup as render_followup, standup as blocks};
use crate::summarize::render::{self, ChannelContext};

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
    if let Ok(stored) = ctx.store.answers_for_run(&run.team_id, run.id).await {
        for a in stored
            .iter()
            .filter(|a| !present.contains(a.message_ts.as_str()))
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
    if !ctx.store.run_claim_close(&run.team_id, run.id).await? {
        return Ok(false);
    }
    finish_close(ctx, run).await?;
    Ok(true)
}

/// The close itself; also finishes a run a crash left in `closing`.
pub async fn finish_close(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    reconcile(ctx, run).await;
    publish_summary(ctx, run, false).await?;
    ctx.store.run_mark_closed(&run.team_id, run.id).await?;
    Ok(())
}

/// "Update summary": summarizes again, late answers included, and edits the
/// posted messages in place (`chat.update`), never posting new ones.
pub async fn update_summary(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    publish_summary(ctx, run, true).await
}

/// Summarizes a run and posts (or, with `update`, edits) the thread summary,
/// the channel post and the closed parent message.
async fn publish_summary(ctx: &Context, run: &Run, update: bool) -> anyhow::Result<()> {
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
    ctx.store
        .summary_insert(
            &run.team_id,
            Some(run.id),
            outcome.engine,
            summary.tokens_used as i64,
            &body,
        )
        .await?;
    let link = thread_link(ctx, run).await;
    if !update {
        let manager = standup
            .as_ref()
            .map(|s| s.created_by.as_str())
            .unwrap_or_default();
        followup::tracking::record_run(ctx, run, manager, &summary, &answers, link.as_deref())
            .await?;
    }

    let heading = format!("{title} — {}", run.run_date);
    let (text, blocks) = if answers.is_empty() {
        (
            format!(
                "Nobody answered the {} of {}.",
                title.to_lowercase(),
                run.run_date
            ),
            None,
        )
    } else {
        let (t, b) = render::thread_message(&summary, &heading);
        (
            t,
            Some(crate::render::blocks_from_json(serde_json::Value::Array(b))),
        )
    };
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: blocks.as_deref(),
        thread_ts: run.parent_ts.as_deref(),
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("run:{}:summary", run.id),
        out,
        update,
    )
    .await
    .context("posting the summary in the thread")?;

    // The action items, with their buttons, as a message of their own in the thread.
    let items = ctx.store.items_for_run(&run.team_id, run.id).await?;
    if !items.is_empty() {
        let (text, blocks) = render_followup::board(&items);
        let blocks = crate::render::blocks_from_json(blocks);
        let out = Outgoing {
            channel: &run.channel_id,
            text: &text,
            blocks: Some(&blocks),
            thread_ts: run.parent_ts.as_deref(),
        };
        post_or_update(
            ctx,
            &run.team_id,
            &followup::tracking::board_key(run.id),
            out,
            update,
        )
        .await
        .context("posting the action items")?;
    }

    let cctx = ChannelContext {
        title: heading,
        thread_link: link.clone(),
        answered: part.answered.len(),
        expected: run.expected.len(),
        missing: part.missing.clone(),
    };
    let (text, mut blocks) = render::channel_message(&summary, &cctx);
    // Long-standing blockers go first, open blockers and overdue items last.
    let extras = followup::tracking::channel_extras(ctx, run).await?;
    if let Some(top) = extras.top {
        blocks.insert(blocks.len().min(1), top);
    }
    blocks.extend(extras.bottom);
    let moods = ctx.store.moods_for_run(&run.team_id, run.id).await?;
    if let Some((avg, n)) = followup::team_mood(&moods) {
        blocks.push(serde_json::json!({ "type": "context", "elements": [ { "type": "mrkdwn", "text": format!("Team mood: {avg:.1}/5 ({n} answers)") } ] }));
    }
    blocks.truncate(render::MAX_BLOCKS);
    let blocks = crate::render::blocks_from_json(serde_json::Value::Array(blocks));
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: Some(&blocks),
        thread_ts: None,
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("run:{}:channel", run.id),
        out,
        update,
    )
    .await
    .context("posting the channel summary")?;

    if !update {
        post_weekly_report(ctx, run, standup.as_ref()).await?;
    }

    if let Some(ts) = &run.parent_ts {
        let (text, blocks) = blocks::closed_parent_message(run, &title, part.answered.len());
        // chat.update of a known ts is idempotent: safe to repeat after a crash.
        if let Err(e) = ctx
            .slack
            .update_message(
                &run.channel_id,
                ts,
                &text,
                Some(&crate::render::blocks_from_json(blocks)),
            )
            .await
        {
            tracing::warn!(run = run.id, error = %e, "could not mark the parent message closed");
        }
    }
    Ok(())
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
