//! Bearer tokens on the admin address: `/api/v1` and `/mcp` run only for a
//! request carrying a live token, which becomes the request's [`Scope`].

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{ApiError, Scope};
use crate::context::Context;
use crate::store::api_tokens::hash_token;

/// The scope of a request's `Authorization: Bearer …` token.
pub async fn scope_of(ctx: &Context, headers: &HeaderMap) -> Result<Scope, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        // The scheme's name is case-insensitive (RFC 9110, 11.1).
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::Unauthorized)?;
    let found = ctx.store.token_by_hash(&hash_token(token)).await?;
    let token = found.ok_or(ApiError::Unauthorized)?;
    Ok(Scope {
        team_id: token.team_id,
        user_id: Some(token.user_id),
        read_only: token.read_only,
    })
}

/// Middleware: refuses a request without a live token (401), else puts its
/// [`Scope`] in the request's extensions for the handler (and for the MCP
/// tools, which find it in the HTTP parts rmcp hands them).
pub async fn require_token(
    State(ctx): State<Arc<Context>>,
    mut request: Request,
    next: Next,
) -> Response {
    match scope_of(&ctx, request.headers()).await {
        Ok(scope) => {
            request.extensions_mut().insert(scope);
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}
