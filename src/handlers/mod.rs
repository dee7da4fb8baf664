//! Handlers: one module per kind of thing Slack tells us, all reached from
//! the plain `match`es below. HTTP and Socket Mode both land here, so every
//! feature works the same in both modes.
//!
//! What reaches them has been verified, parsed and stored in the durable
//! inbox by the ingress (`src/ingress/`).

pub mod digest_command;
pub mod dm_answer;
pub mod followup_actions;
pub mod interaction;
pub mod meeting_file;
pub mod meeting_shortcut;
pub mod mention;
pub mod slack_errors;
pub mod stakeholder_command;
pub mod standup_answer;
pub mod standup_channel;
pub mod standup_command;
pub mod standup_delete;
pub mod standup_owners;
pub mod standup_setup;
pub mod summarize_thread;
pub mod thread_message;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::context::Context;
use crate::ids::TeamId;
use crate::slack::inbound::{ChatEvent, SlashCommand};
use crate::standup::runs::ThreadReply;

/// The immediate answer to a slash command (the ingress writes it in
/// Slack's shape).
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
}

/// What a modal submission answers: close the modal, or keep it open with
/// an error under some of its inputs (the ingress writes Slack's
/// `response_action` body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewResponse {
    Close,
    /// Error text by input block id.
    Errors(BTreeMap<String, String>),
}

impl ViewResponse {
    /// One error under one input.
    pub fn error(block_id: &str, text: &str) -> Self {
        ViewResponse::Errors(BTreeMap::from([(block_id.to_string(), text.to_string())]))
    }
}

/// The one dispatch of events to handlers: one arm per event kind, each
/// handing its fields to the handler (hence its length).
#[tracing::instrument(skip(ctx, event), fields(kind = event.kind()))]
pub async fn handle_event(ctx: &Context, team: &TeamId, event: ChatEvent) -> anyhow::Result<()> {
    // Channels with a digest on keep their messages; the handling below runs
    // as well, so a thread reply reaches both the digest and a standup.
    let recorded = crate::digest::ingest::record(ctx, team.as_str(), &event).await;
    let handled = match event {
        ChatEvent::AppMention {
            channel,
            user,
            text,
            ts,
            thread_ts,
        } => {
            if ctx.is_self(user.as_str()) {
                return Ok(());
            }
            let thread_ts = thread_ts.unwrap_or(ts);
            mention::handle(ctx, team, &channel, &user, &text, &thread_ts).await
        }
        ChatEvent::Message { .. } => match thread_message::new_reply(ctx, team, &event) {
            Some(reply) => thread_message::on_reply(ctx, &reply).await,
            None => Ok(()),
        },
        ChatEvent::MessageChanged {
            channel,
            user,
            text,
            ts,
            thread_ts: Some(thread_ts),
        } if !ctx.is_self(user.as_str()) => {
            let reply = ThreadReply {
                team: team.clone(),
                channel,
                user,
                ts,
                thread_ts,
                text,
            };
            thread_message::on_edit(ctx, &reply).await
        }
        ChatEvent::MessageDeleted {
            channel,
            ts,
            thread_ts,
        } => thread_message::on_delete(ctx, team, &channel, &ts, thread_ts.as_ref()).await,
        ChatEvent::Direct(dm) => dm_answer::on_direct_message(ctx, team, &dm).await,
        ChatEvent::WithFiles { message, files } => {
            // The message first (a standup answer with a screenshot is still
            // an answer), then its files as meeting transcripts.
            let message = Box::pin(handle_event(ctx, team, *message)).await;
            let notes = meeting_file::on_files(ctx, team, &files).await;
            message.and(notes)
        }
        ChatEvent::AppHomeOpened { user } => {
            crate::followup::tracking::publish_home(ctx, team.as_str(), user.as_str()).await;
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
