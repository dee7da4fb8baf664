//! HTTP ingress: verify, parse, store, acknowledge.
//!
//! Slack redelivers anything not acknowledged within 3 seconds, so a handler
//! here never waits on Slack or an LLM: an event is written to the durable
//! inbox (which also deduplicates it by `event_id`) and handed to a task;
//! the 200 goes back at once. Every failure is answered without side effects:
//! 401 for a missing, wrong or stale signature, 413 past 1 MiB, 400 for a
//! payload that does not parse.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use hyper::body::Incoming;
use serde_json::json;

use crate::context::Context;
use crate::handlers::{CommandReply, ViewResponse};
use crate::ingress::inbox;
use crate::ingress::server::Answer;
use crate::metrics as m;
use crate::slack::inbound::{self, EventsRequest};
use crate::slack::verify::Verifier;

/// Slack's payloads are small; anything past this is not from Slack.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// axum clones the state for every request: the verifier is shared, not
/// copied (its clone was six allocations per request, BENCHMARKS.md § 5).
#[derive(Clone)]
struct Ingress {
    ctx: Arc<Context>,
    verifier: Option<Arc<Verifier>>,
}

/// What the public server answers: Slack's event deliveries, taken before
/// axum's router, and every other route through it.
///
/// Events are nearly all of the traffic (one request per message in every
/// channel the bot is in), and the router's generality costs them about 15
/// allocations each (boxed route services and futures, the body-limit
/// extension, the middleware's `Next`; dhat, BENCHMARKS.md § 5). The direct
/// path does the same checks in the same order — size limit, signature,
/// parse, store, then the 200 — and records the same metrics.
#[derive(Clone)]
pub struct Routes {
    router: Router,
    events: Option<Ingress>,
}

impl Answer for Routes {
    async fn answer(&self, req: hyper::Request<Incoming>) -> Response {
        if let Some(ing) = &self.events {
            if req.method() == Method::POST && req.uri().path() == "/slack/events" {
                return ing.events_direct(req).await;
            }
        }
        self.router.answer(req).await
    }
}

/// The public server's routes (see [`Routes`]).
pub fn routes(ctx: Arc<Context>) -> Routes {
    let verifier = ctx
        .config
        .signing_secret
        .as_ref()
        .filter(|_| ctx.config.http_enabled())
        .map(|secret| Arc::new(Verifier::new(secret)));
    let installer = super::install::Installer::new(&ctx);
    let state = Ingress { ctx, verifier };
    let mut router = Router::new()
        .route("/slack/events", post(events))
        .route("/slack/commands", post(commands))
        .route("/slack/interactivity", post(interactivity))
        .route("/healthz", get(healthz))
        .with_state(state.clone());
    // "Add to Slack", in multi-workspace mode only.
    if let Some(installer) = installer {
        router = router.merge(
            Router::new()
                .route("/slack/install", get(super::install::install))
                .route("/slack/oauth_redirect", get(super::install::redirect))
                .with_state(installer),
        );
    }
    let router = router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(track));
    Routes {
        router,
        events: Some(state),
    }
}

/// Counts requests and their latency by route and status. Labels are
/// static strings for every route and the usual statuses: this runs for
/// each event, and an owned label is an allocation per request.
async fn track(req: Request, next: Next) -> Response {
    let route = match req.uri().path() {
        "/slack/events" => "/slack/events",
        "/slack/commands" => "/slack/commands",
        "/slack/interactivity" => "/slack/interactivity",
        "/slack/install" => "/slack/install",
        "/slack/oauth_redirect" => "/slack/oauth_redirect",
        "/healthz" => "/healthz",
        "/metrics" => "/metrics",
        _ => "other",
    };
    let started = Instant::now();
    let res = next.run(req).await;
    record(route, started, &res);
    res
}

/// Records one answered request.
fn record(route: &'static str, started: Instant, res: &Response) {
    if route == "/slack/events" && res.status() == StatusCode::OK {
        let hot = m::hot();
        hot.events_ok.increment(1);
        hot.events_latency.record(started.elapsed().as_secs_f64());
        return;
    }
    let status: metrics::SharedString = match res.status().as_u16() {
        200 => "200".into(),
        400 => "400".into(),
        401 => "401".into(),
        413 => "413".into(),
        500 => "500".into(),
        other => other.to_string().into(),
    };
    metrics::counter!(m::HTTP_REQUESTS, "route" => route, "status" => status).increment(1);
    metrics::histogram!(m::HTTP_LATENCY, "route" => route).record(started.elapsed().as_secs_f64());
}

fn reject(status: StatusCode, what: &str) -> Response {
    (status, Json(json!({ "ok": false, "error": what }))).into_response()
}

impl Ingress {
    /// Verifies the signature; on failure returns the response to send.
    #[allow(clippy::result_large_err)] // the error is the response itself, built once per refused request
    fn verify<'b>(
        &self,
        route: &str,
        headers: &HeaderMap,
        body: &'b [u8],
    ) -> Result<&'b str, Response> {
        let Some(verifier) = &self.verifier else {
            tracing::warn!(
                route,
                "request refused: SLACK_SIGNING_SECRET is not set, HTTP mode is off"
            );
            return Err(reject(StatusCode::UNAUTHORIZED, "http_mode_disabled"));
        };
        verifier.verify(headers, body).map_err(|e| {
            tracing::warn!(route, reason = %e, "request refused: signature check failed");
            reject(StatusCode::UNAUTHORIZED, "invalid_signature")
        })
    }
}

fn bad_request(route: &str, e: &inbound::PayloadError) -> Response {
    tracing::warn!(route, error = %e, "malformed payload refused");
    reject(StatusCode::BAD_REQUEST, "malformed_payload")
}

impl Ingress {
    /// POST /slack/events without the router (see [`Routes`]): the body
    /// read within [`MAX_BODY_BYTES`] (413 past it, as `DefaultBodyLimit`
    /// answers), then the same handler.
    async fn events_direct(&self, req: hyper::Request<Incoming>) -> Response {
        let started = Instant::now();
        let (parts, body) = req.into_parts();
        let res = match Limited::new(body, MAX_BODY_BYTES).collect().await {
            Ok(body) => events_answer(self, &parts.headers, body.to_bytes()).await,
            Err(e) if e.is::<LengthLimitError>() => {
                (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response()
            }
            // The client went away mid-body: nobody reads this answer.
            Err(_) => StatusCode::BAD_REQUEST.into_response(),
        };
        record("/slack/events", started, &res);
        res
    }
}

async fn events(State(ing): State<Ingress>, headers: HeaderMap, body: Bytes) -> Response {
    events_answer(&ing, &headers, body).await
}

async fn events_answer(ing: &Ingress, headers: &HeaderMap, body: Bytes) -> Response {
    let body = match ing.verify("events", headers, &body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let request = match inbound::parse_events_body(body) {
        Ok(r) => r,
        Err(e) => return bad_request("events", &e),
    };
    match request {
        EventsRequest::UrlVerification { challenge } => {
            Json(json!({ "challenge": challenge })).into_response()
        }
        EventsRequest::Callback(cb) => {
            let retry = headers
                .get("x-slack-retry-num")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("0");
            let event_id = cb.event_id.clone();
            match inbox::accept_event(&ing.ctx, cb, body.to_string()).await {
                Ok(_) => StatusCode::OK.into_response(),
                Err(e) => {
                    // Not stored: a 500 makes Slack redeliver, which is what we want.
                    tracing::error!(error = %e, event_id, retry, "could not store event");
                    reject(StatusCode::INTERNAL_SERVER_ERROR, "storage_unavailable")
                }
            }
        }
    }
}

async fn commands(State(ing): State<Ingress>, headers: HeaderMap, body: Bytes) -> Response {
    let body = match ing.verify("commands", &headers, &body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let cmd = match inbound::parse_command_form(body) {
        Ok(c) => c,
        Err(e) => return bad_request("commands", &e),
    };
    match inbox::handle_command(ing.ctx.clone(), cmd).await {
        Some(reply) => Json(command_reply_json(&reply)).into_response(),
        None => StatusCode::OK.into_response(),
    }
}

/// Longest command reply: Slack truncates message text past 40,000
/// characters, and a reply is read on a phone; long reports are files.
const MAX_REPLY_CHARS: usize = 3_000;

/// A slash command's reply as Slack reads it from the HTTP answer.
pub(crate) fn command_reply_json(reply: &CommandReply) -> serde_json::Value {
    let kind = if reply.in_channel {
        "in_channel"
    } else {
        "ephemeral"
    };
    // Every reply within Slack's limits, whatever a handler echoed.
    let text = crate::render::text::clip(&reply.text, MAX_REPLY_CHARS);
    json!({ "response_type": kind, "text": text })
}

/// A modal submission's answer as Slack reads it; `None` closes the modal
/// (an empty 200).
pub(crate) fn view_response_json(answer: &ViewResponse) -> Option<serde_json::Value> {
    match answer {
        ViewResponse::Close => None,
        ViewResponse::Errors(errors) => {
            Some(json!({ "response_action": "errors", "errors": errors }))
        }
    }
}

async fn interactivity(State(ing): State<Ingress>, headers: HeaderMap, body: Bytes) -> Response {
    let body = match ing.verify("interactivity", &headers, &body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (interaction, payload) = match inbound::parse_interaction_form(body) {
        Ok(parsed) => parsed,
        Err(e) => return bad_request("interactivity", &e),
    };
    match inbox::accept_interaction(ing.ctx.clone(), interaction, &payload).await {
        Ok(answer) => match answer.as_ref().and_then(view_response_json) {
            Some(body) => Json(body).into_response(),
            None => StatusCode::OK.into_response(),
        },
        Err(e) => {
            tracing::error!(error = %e, "could not store interaction");
            reject(StatusCode::INTERNAL_SERVER_ERROR, "storage_unavailable")
        }
    }
}

async fn healthz(State(ing): State<Ingress>) -> Response {
    crate::admin::health(&ing.ctx).await
}
