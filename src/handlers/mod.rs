//! Handlers: one module per kind of thing Slack tells us, all reached from
//! the plain `match`es below. HTTP and Socket Mode both land here, so every
//! feature works the same in both modes.
//!
//! What reaches them has been verified, parsed and stored in the durable
//! inbox by the ingress (`src/ingress/`).

pub mod digest_command;
pub mod followup_actions;
pub mod interaction;
pub mod mention;
pub mod standup_command;
pub mod summarize_thread;
pub mod thread_message;

use std::sync::Arc;

use serde_json::{json, Value};

use crate::context::Context;
use crate::slack::inbound::{ChatEvent, SlashCommand};

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

/// The one dispatch of events to handlers.
#[tracing::instrument(skip(ctx, event), fields(kind = event.kind()))]
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
            crate::followup::tracking::publish_home(ctx, team, &user).await;
            Ok(())
        }
        _ => Ok(()),
    };
    recorded.and(handled)
}

pub async fn dispatch_command(ctx: &Arc<Context>, cmd: &SlashCommand) -> CommandReply {
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
