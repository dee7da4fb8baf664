//! Handlers: one module per kind of thing Slack tells us, all reached from
//! the plain `match`es below. HTTP and Socket Mode both land here, so every
//! feature works the same in both modes.
//!
//! Events and interactions go through the durable inbox first
//! ([`accept_event`], [`accept_interaction`]): the insert deduplicates a
//! redelivery, and the row stays pending until the handler has finished, so
//! an event acknowledged just before a crash is replayed at the next start.

pub mod digest_command;
pub mod followup_actions;
pub mod interaction;
pub mod mention;
pub mod standup_command;
pub mod summarize_thread;
pub mod thread_message;

use std::sync::Arc;

use serde_json::{json, Value};

use crate::app::Context;
use crate::metrics as m;
use crate::slack::payload::{self, ChatEvent, EventCallback, Interaction, SlashCommand};

/// The immediate answer to a slash command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandReply {
    pub text: String,
    /// Visible to the channel rather than only to the caller.
    pub in_channel: bool,
}

impl CommandReply {
    pub fn ephemeral(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            in_channel: false,
        }
    }

    pub fn to_json(&self) -> Value {
        json!({ "response_type": if self.in_channel { "in_channel" } else { "ephemeral" }, "text": self.text })
    }
}

fn event_kind(e: &ChatEvent) -> &str {
    match e {
        ChatEvent::AppMention { .. } => "app_mention",
        ChatEvent::Message { .. } => "message",
        ChatEvent::MessageChanged { .. } => "message_changed",
        ChatEvent::MessageDeleted { .. } => "message_deleted",
        ChatEvent::BotMessage => "bot_message",
        ChatEvent::AppHomeOpened { .. } => "app_home_opened",
        ChatEvent::Other { kind } => kind,
    }
}

/// Stores an event and starts handling it; `Ok(false)` for a redelivery.
pub async fn accept_event(
    ctx: &Arc<Context>,
    cb: &EventCallback,
    raw: &str,
) -> Result<bool, sqlx::Error> {
    let kind = event_kind(&cb.event).to_string();
    metrics::counter!(m::EVENTS, "type" => kind.clone()).increment(1);
    let key = format!("event:{}", cb.event_id);
    // Storing and starting the handler run on a task of their own: if Slack
    // drops the connection before our 200, the request future is dropped,
    // but an event that was stored is still handled.
    let (task_ctx, team, event, raw) = (
        ctx.clone(),
        cb.team_id.clone(),
        cb.event.clone(),
        raw.to_string(),
    );
    let stored = tokio::spawn(async move {
        let id = task_ctx
            .store
            .inbox_insert(&team, &key, "event", &raw)
            .await?;
        if let Some(id) = id {
            tokio::spawn(async move {
                process(&task_ctx, id, handle_event(&task_ctx, &team, event)).await
            });
        }
        Ok::<_, sqlx::Error>(id.is_some())
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("the event task failed: {e}")))??;
    if !stored {
        metrics::counter!(m::EVENTS_DUPLICATE, "type" => kind).increment(1);
        tracing::debug!(event_id = %cb.event_id, "redelivered event ignored");
    }
    Ok(stored)
}

/// Runs one inbox item's handler and records the outcome.
async fn process(
    ctx: &Context,
    id: i64,
    work: impl std::future::Future<Output = anyhow::Result<()>>,
) {
    let result = work.await;
    let recorded = match &result {
        Ok(()) => ctx.store.inbox_mark_processed(id).await,
        Err(e) => {
            tracing::error!(inbox_id = id, error = ?e, "handler failed");
            ctx.store.inbox_mark_failed(id).await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(inbox_id = id, error = %e, "could not record handler outcome");
    }
}

/// The one dispatch of events to handlers.
#[tracing::instrument(skip(ctx, event), fields(kind = event_kind(&event)))]
pub async fn handle_event(ctx: &Context, team: &str, event: ChatEvent) -> anyhow::Result<()> {
    // Channels with a digest on keep their messages; the handling below runs
    // as well, so a thread reply reaches both the digest and a standup.
    let recorded = crate::digest::ingest::record(ctx, team, &event).await;
    let handled = match event {
        ChatEvent::AppMention {
            channel,
            user,
            text,
            ts,
            thread_ts,
        } => {
            if ctx.is_self(&user) {
                return Ok(());
            }
            mention::handle(
                ctx,
                team,
                &channel,
                &user,
                &text,
                thread_ts.as_deref().unwrap_or(&ts),
            )
            .await
        }
        ChatEvent::Message {
            channel,
            user,
            text,
            ts,
            thread_ts: Some(thread_ts),
        } if !ctx.is_self(&user) && thread_ts != ts => {
            thread_message::on_reply(ctx, team, &channel, &user, &text, &ts, &thread_ts).await
        }
        ChatEvent::MessageChanged {
            channel,
            user,
            text,
            ts,
            thread_ts: Some(thread_ts),
        } if !ctx.is_self(&user) => {
            thread_message::on_edit(ctx, team, &channel, &user, &text, &ts, &thread_ts).await
        }
        ChatEvent::MessageDeleted {
            channel,
            ts,
            thread_ts,
        } => thread_message::on_delete(ctx, team, &channel, &ts, thread_ts.as_deref()).await,
        ChatEvent::AppHomeOpened { user } => {
            crate::followup::service::publish_home(ctx, team, &user).await;
            Ok(())
        }
        _ => Ok(()),
    };
    recorded.and(handled)
}

/// Runs a slash command and returns the immediate reply. Slack does not
/// redeliver commands, but a `trigger_id` seen before is still ignored.
pub async fn handle_command(ctx: Arc<Context>, cmd: SlashCommand) -> CommandReply {
    metrics::counter!(m::EVENTS, "type" => "slash_command").increment(1);
    if !cmd.trigger_id.is_empty() {
        let payload = serde_json::to_string(&cmd).unwrap_or_default();
        match ctx
            .store
            .inbox_insert(
                &cmd.team_id,
                &format!("command:{}", cmd.trigger_id),
                "command",
                &payload,
            )
            .await
        {
            Ok(Some(id)) => {
                let reply = reply_in_time(ctx.clone(), cmd).await;
                let _ = ctx.store.inbox_mark_processed(id).await;
                return reply;
            }
            Ok(None) => return CommandReply::ephemeral("(already handled)"),
            Err(e) => {
                tracing::error!(error = %e, "could not store command");
                return CommandReply::ephemeral(":x: scrumbot cannot reach its database right now; please try again in a minute.");
            }
        }
    }
    reply_in_time(ctx, cmd).await
}

/// How long a command may take before Slack's 3-second deadline is at risk.
const COMMAND_BUDGET: std::time::Duration = std::time::Duration::from_millis(2_500);

/// Runs a command within the budget. A command still running then (Slack
/// slow to answer `users.info`, a retry after a 429) gets a "working on it"
/// reply now, and its real reply follows as an ephemeral message.
async fn reply_in_time(ctx: Arc<Context>, cmd: SlashCommand) -> CommandReply {
    let (task_ctx, task_cmd) = (ctx.clone(), cmd.clone());
    let mut task = tokio::spawn(async move { dispatch_command(&task_ctx, &task_cmd).await });
    match tokio::time::timeout(COMMAND_BUDGET, &mut task).await {
        Ok(Ok(reply)) => reply,
        Ok(Err(e)) => {
            tracing::error!(error = %e, command = %cmd.command, "command task failed");
            CommandReply::ephemeral(
                ":x: Something went wrong on scrumbot's side; please try again.",
            )
        }
        Err(_) => {
            tokio::spawn(async move {
                if let Ok(reply) = task.await {
                    if let Err(e) = ctx
                        .slack
                        .post_ephemeral(&cmd.channel_id, &cmd.user_id, &reply.text, None)
                        .await
                    {
                        tracing::warn!(error = %e, "late command reply not delivered");
                    }
                }
            });
            CommandReply::ephemeral(
                ":hourglass_flowing_sand: Working on it — the answer follows in a moment.",
            )
        }
    }
}

async fn dispatch_command(ctx: &Arc<Context>, cmd: &SlashCommand) -> CommandReply {
    let result = match cmd.command.as_str() {
        "/standup" => standup_command::run(ctx, cmd).await,
        "/digest" => digest_command::run(ctx, cmd).await,
        other => Ok(CommandReply::ephemeral(format!(
            "scrumbot does not know the command `{other}`. Try `/standup help`."
        ))),
    };
    result.unwrap_or_else(|e| {
        tracing::error!(error = ?e, command = %cmd.command, "command failed");
        CommandReply::ephemeral(
            ":x: Something went wrong on scrumbot's side; nothing was changed. Please try again.",
        )
    })
}

/// Stores an interaction and handles it. Returns the body of the HTTP
/// answer when Slack expects one (a modal's `response_action`).
pub async fn accept_interaction(
    ctx: Arc<Context>,
    i: Interaction,
) -> Result<Option<Value>, sqlx::Error> {
    metrics::counter!(m::EVENTS, "type" => format!("interaction.{}", i.kind)).increment(1);
    let Some(id) = ctx
        .store
        .inbox_insert(
            &i.team_id,
            &i.dedup_key(),
            "interaction",
            &i.raw.to_string(),
        )
        .await?
    else {
        return Ok(None);
    };
    if i.kind == "view_submission" {
        // Slack waits for the answer to close or re-render the modal, so this
        // one runs inline; it only writes to the database and spawns the post.
        let answer = interaction::on_view_submission(&ctx, &i).await;
        let _ = ctx.store.inbox_mark_processed(id).await;
        return Ok(answer.unwrap_or_else(|e| {
            tracing::error!(error = ?e, "view submission failed");
            None
        }));
    }
    tokio::spawn(async move { process(&ctx, id, interaction::handle(&ctx, &i)).await });
    Ok(None)
}

/// Replays inbox items a crash left unprocessed (events and interactions).
/// The list is read before the listener serves, so nothing received from
/// now on is in it (and handled twice).
pub async fn replay_pending(ctx: Arc<Context>) {
    let pending = match ctx.store.inbox_pending(10_000).await {
        Ok(p) => p,
        Err(e) => return tracing::error!(error = %e, "cannot read pending inbox"),
    };
    tokio::spawn(async move {
        if !pending.is_empty() {
            tracing::info!(
                count = pending.len(),
                "replaying requests received before the last stop"
            );
        }
        for item in pending {
            match item.kind.as_str() {
                "event" => match payload::parse_events_body(&item.payload) {
                    Ok(payload::EventsRequest::Callback(cb)) => {
                        process(&ctx, item.id, handle_event(&ctx, &item.team_id, cb.event)).await
                    }
                    _ => {
                        let _ = ctx.store.inbox_mark_processed(item.id).await;
                    }
                },
                "interaction" => match serde_json::from_str(&item.payload)
                    .map_err(|_| payload::PayloadError::NotJson)
                    .and_then(payload::parse_interaction)
                {
                    Ok(i) if i.kind != "view_submission" => {
                        process(&ctx, item.id, interaction::handle(&ctx, &i)).await
                    }
                    _ => {
                        let _ = ctx.store.inbox_mark_processed(item.id).await;
                    }
                },
                _ => {
                    let _ = ctx.store.inbox_mark_processed(item.id).await;
                }
            }
        }
    });
}
