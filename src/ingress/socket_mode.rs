//! Socket Mode ingress: the bot opens a WebSocket to Slack (URL from
//! `apps.connections.open`, with the `xapp-` token) instead of receiving
//! HTTP, so it runs without a public URL. The connection itself is
//! slack-morphism's; every envelope it delivers is converted into the same
//! types the HTTP endpoints parse into and handed to the same handlers,
//! through the same durable inbox — so every feature works in both modes.

use std::sync::Arc;

use secrecy::ExposeSecret;
use slack_morphism::prelude::*;

use crate::context::Context;
use crate::ingress::inbox;
use crate::slack::api::SlackWebClient;
use crate::slack::inbound;

type CallbackError = Box<dyn std::error::Error + Send + Sync>;

/// Connects and stays connected (slack-morphism reconnects on its own).
pub async fn run(ctx: Arc<Context>) -> anyhow::Result<()> {
    let Some(app_token) = ctx.config.app_token.clone() else {
        return Ok(());
    };
    let client = SlackWebClient::new(&ctx.config.slack_api_url, &ctx.config.bot_token)?.inner();
    let callbacks = SlackSocketModeListenerCallbacks::new()
        .with_push_events(on_push_event)
        .with_command_events(on_command)
        .with_interaction_events(on_interaction);
    let env =
        Arc::new(SlackClientEventsListenerEnvironment::new(client).with_user_state(ctx.clone()));
    let listener =
        SlackClientSocketModeListener::new(&SlackClientSocketModeConfig::new(), env, callbacks);
    let token = SlackApiToken::new(SlackApiTokenValue(app_token.expose_secret().to_string()));
    listener
        .listen_for(&token)
        .await
        .map_err(|e| anyhow::anyhow!("Socket Mode could not connect: {e}"))?;
    listener.start().await;
    tracing::info!("Socket Mode connected");
    // The listener runs on its own tasks; keep it alive for the life of the process.
    std::future::pending::<()>().await;
    Ok(())
}

async fn context(states: &SlackClientEventsUserState) -> Result<Arc<Context>, CallbackError> {
    let guard = states.read().await;
    guard
        .get_user_state::<Arc<Context>>()
        .cloned()
        .ok_or_else(|| "scrumbot context missing from listener state".into())
}

async fn on_push_event(
    ev: SlackPushEventCallback,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> Result<(), CallbackError> {
    let ctx = context(&states).await?;
    let cb = inbound::event_callback_from_push(&ev);
    // The inbox keeps Slack's JSON for a replay after a crash. The envelope's
    // "type" is the tag of the outer enum; put it back so the stored payload
    // is the same shape as an HTTP delivery (and replays alike).
    let mut raw = serde_json::to_value(&ev)?;
    raw["type"] = serde_json::json!("event_callback");
    inbox::accept_event(&ctx, &cb, &raw.to_string()).await?;
    Ok(())
}

async fn on_command(
    ev: SlackCommandEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> Result<SlackCommandEventResponse, CallbackError> {
    let ctx = context(&states).await?;
    let cmd = inbound::SlashCommand {
        team_id: ev.team_id.to_string().into(),
        channel_id: ev.channel_id.to_string().into(),
        user_id: ev.user_id.to_string().into(),
        command: ev.command.to_string(),
        text: ev.text.unwrap_or_default(),
        trigger_id: ev.trigger_id.to_string(),
        response_url: ev.response_url.0.to_string(),
    };
    let reply = inbox::handle_command(ctx, cmd).await;
    let kind = if reply.in_channel {
        SlackMessageResponseType::InChannel
    } else {
        SlackMessageResponseType::Ephemeral
    };
    Ok(
        SlackCommandEventResponse::new(SlackMessageContent::new().with_text(reply.text))
            .with_response_type(kind),
    )
}

async fn on_interaction(
    ev: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> Result<(), CallbackError> {
    let ctx = context(&states).await?;
    let interaction = inbound::interaction_from_socket(&ev)?;
    // The inbox keeps Slack's JSON for a replay after a crash.
    let payload = serde_json::to_string(&ev)?;
    // Modal validation errors cannot travel back over this path; they are logged.
    inbox::accept_interaction(ctx, interaction, &payload).await?;
    Ok(())
}
