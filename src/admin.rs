//! The admin address (`SCRUMBOT_ADMIN_LISTEN`, loopback by default): `/metrics`
//! and `/healthz` for the operator's Prometheus and probes, and, behind
//! bearer tokens, the JSON API (`/api/v1`) and the MCP server (`/mcp`).
//!
//! Metrics name channels' traffic and error rates, which is nobody's
//! business on the internet; the public port is the one Slack must reach,
//! so operators' pages are served here as well, on an address a firewall
//! need not open.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::context::Context;

pub fn router(ctx: Arc<Context>) -> Router {
    let mcp = Router::new()
        .nest_service("/mcp", crate::mcp::http_service(ctx.clone()))
        .layer(axum::middleware::from_fn_with_state(
            ctx.clone(),
            crate::api::auth::require_token,
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_page))
        .merge(crate::api::http::router(ctx.clone()))
        .merge(mcp)
        .with_state(ctx)
}

async fn healthz(State(ctx): State<Arc<Context>>) -> Response {
    health(&ctx).await
}

/// 200 while the database answers, 503 when it does not (both addresses).
pub(crate) async fn health(ctx: &Context) -> Response {
    let socket_down = ctx.config.app_token.is_some()
        && !ctx
            .socket_mode_up
            .load(std::sync::atomic::Ordering::Relaxed);
    if socket_down {
        // Nothing reaches the bot without its Socket Mode connection.
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ok": false, "socket_mode": "down" })),
        )
            .into_response();
    }
    match ctx.store.ping().await {
        Ok(()) => Json(json!({ "ok": true, "database": "up" })).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database down");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "ok": false, "database": "down" })),
            )
                .into_response()
        }
    }
}

/// The Prometheus page (both addresses).
pub(crate) async fn metrics_page() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::metrics::handle().render(),
    )
        .into_response()
}
