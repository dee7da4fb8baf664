//! Socket Mode ingress: the bot opens a WebSocket to Slack (URL from
//! `apps.connections.open`, with the `xapp-` token) instead of receiving
//! HTTP, so it runs without a public URL. Every envelope's payload is the
//! very JSON an HTTP request would carry, so it is parsed by the same
//! parsers, stored in the same durable inbox and handled by the same
//! handlers — every feature works the same in both modes.
//!
//! Why a client of our own rather than slack-morphism's Socket Mode
//! listener: that listener hands its callbacks slack-morphism's typed
//! models, which drop fields the bot needs — the `thread_ts` of an edited or
//! deleted thread reply (so editing a standup answer did nothing in Socket
//! Mode), a users-select's `selected_user` (so "Reassign" did nothing) — and
//! its interaction callback cannot carry a modal's `response_action` back in
//! the acknowledgement. The protocol itself is small: read an envelope,
//! acknowledge it by `envelope_id` (with a payload where Slack accepts one),
//! reconnect on `disconnect` or a dropped socket.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use slack_morphism::prelude::*;
use tokio_tungstenite::tungstenite::Message;

use crate::context::Context;
use crate::ingress::http::{command_reply_json, view_response_json};
use crate::ingress::inbox;
use crate::slack::api::SlackWebClient;
use crate::slack::inbound::{self, SlashCommand};

/// First wait before reconnecting after a failure; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Connects and stays connected for the life of the process.
pub async fn run(ctx: Arc<Context>) -> anyhow::Result<()> {
    let Some(app_token) = ctx.config.app_token.clone() else {
        return Ok(());
    };
    // Only the connection pool is used here (the app token opens the
    // socket), so the bot token may be absent (multi-workspace mode).
    let bot_token = ctx.config.bot_token.clone().unwrap_or_else(|| "".into());
    let client = SlackWebClient::new(&ctx.config.slack_api_url, &bot_token)?.inner();
    let token = SlackApiToken::new(SlackApiTokenValue(app_token.expose_secret().to_string()));
    let mut backoff = FIRST_BACKOFF;
    loop {
        let served = connect_and_serve(&ctx, &client, &token).await;
        ctx.socket_mode_up.store(false, Ordering::Relaxed);
        match served {
            // Slack asked us to reconnect (`disconnect`), or closed cleanly.
            Ok(()) => backoff = FIRST_BACKOFF,
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "Socket Mode connection lost");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

/// One connection: open it, then serve envelopes until it ends.
async fn connect_and_serve(
    ctx: &Arc<Context>,
    client: &SlackHyperClient,
    token: &SlackApiToken,
) -> anyhow::Result<()> {
    let opened = client
        .open_session(token)
        .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
        .await
        .map_err(|e| anyhow::anyhow!("apps.connections.open failed: {e}"))?;
    let (socket, _) = tokio_tungstenite::connect_async(opened.url.0.as_str())
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the Socket Mode WebSocket: {e}"))?;
    tracing::info!("Socket Mode connected");
    ctx.socket_mode_up.store(true, Ordering::Relaxed);
    let (mut tx, mut rx) = socket.split();
    // Envelopes are handled on tasks of their own (a slash command may take
    // up to its 2.5 s budget), their acknowledgements come back here.
    let (ack_tx, mut ack_rx) = tokio::sync::mpsc::unbounded_channel::<Value>();
    loop {
        let frame = tokio::select! {
            frame = rx.next() => frame,
            Some(ack) = ack_rx.recv() => {
                tx.send(Message::Text(ack.to_string().into())).await?;
                continue;
            }
        };
        let text = match frame {
            None => return Ok(()),
            Some(frame) => match frame? {
                Message::Text(t) => t,
                Message::Close(_) => return Ok(()),
                // Pings are answered by tungstenite itself; binary frames are not Slack's.
                _ => continue,
            },
        };
        let Ok(envelope) = serde_json::from_str::<Value>(&text) else {
            tracing::warn!("Socket Mode frame is not JSON; ignored");
            continue;
        };
        match envelope["type"].as_str().unwrap_or_default() {
            "hello" => {}
            "disconnect" => return Ok(()),
            _ => {
                let (ctx, ack_tx) = (ctx.clone(), ack_tx.clone());
                ctx.tasks().spawn(async move {
                    if let Some(ack) = handle_envelope(&ctx, &envelope).await {
                        let _ = ack_tx.send(ack);
                    }
                });
            }
        }
    }
}

/// Stores and dispatches one envelope; returns the acknowledgement to send,
/// or `None` when it could not be stored (unacknowledged, Slack redelivers).
async fn handle_envelope(ctx: &Arc<Context>, envelope: &Value) -> Option<Value> {
    let id = envelope["envelope_id"].as_str()?.to_string();
    let payload = &envelope["payload"];
    let kind = envelope["type"].as_str().unwrap_or_default();
    let answer: Result<Option<Value>, String> = match kind {
        "events_api" => on_event(ctx, payload).await.map(|()| None),
        "slash_commands" => on_command(ctx, payload).await,
        "interactive" => on_interaction(ctx, payload).await,
        other => {
            tracing::debug!(
                kind = other,
                "Socket Mode envelope of an unknown type acknowledged"
            );
            Ok(None)
        }
    };
    match answer {
        Ok(Some(reply)) => Some(json!({ "envelope_id": id, "payload": reply })),
        Ok(None) => Some(json!({ "envelope_id": id })),
        Err(e) => {
            tracing::error!(kind, error = %e, "Socket Mode envelope not handled");
            // A payload that does not parse will not parse on redelivery
            // either: acknowledge it. Only a storage failure is left for Slack
            // to redeliver.
            e.starts_with("malformed")
                .then(|| json!({ "envelope_id": id }))
        }
    }
}

async fn on_event(ctx: &Arc<Context>, payload: &Value) -> Result<(), String> {
    let cb = inbound::parse_event_callback(payload).map_err(|e| format!("malformed event: {e}"))?;
    inbox::accept_event(ctx, Box::new(cb), payload.to_string())
        .await
        .map(drop)
        .map_err(|e| format!("could not store the event: {e}"))
}

async fn on_command(ctx: &Arc<Context>, payload: &Value) -> Result<Option<Value>, String> {
    let mut cmd: SlashCommand = serde_json::from_value(payload.clone())
        .map_err(|e| format!("malformed slash command: {e}"))?;
    cmd.text = inbound::command_text(&cmd.text);
    let reply = inbox::handle_command(ctx.clone(), cmd).await;
    Ok(reply.as_ref().map(command_reply_json))
}

/// A modal submission's errors travel back in the acknowledgement, as they
/// would in the HTTP answer.
async fn on_interaction(ctx: &Arc<Context>, payload: &Value) -> Result<Option<Value>, String> {
    let text = payload.to_string();
    let interaction =
        inbound::parse_interaction(&text).map_err(|e| format!("malformed interaction: {e}"))?;
    let answer = inbox::accept_interaction(ctx.clone(), interaction, &text)
        .await
        .map_err(|e| format!("could not store the interaction: {e}"))?;
    Ok(answer.as_ref().and_then(view_response_json))
}
