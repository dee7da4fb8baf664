//! "Add to Slack" (multi-workspace mode): `GET /slack/install` sends the
//! browser to Slack's consent page; `GET /slack/oauth_redirect` is where
//! Slack sends it back with a code, exchanged for the workspace's token.
//!
//! Nothing reaches Slack before the `state` has been checked (see
//! `install::state`): a bad, reused, expired or other browser's state gets a
//! 400 page and no `oauth.v2.access` call. The pages are plain HTML a person
//! reads in their browser: what happened, and what to do next.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::config::OAuthConfig;
use crate::context::Context;
use crate::install::oauth::OAuthError;
use crate::install::state;
use crate::install::workspaces::Workspaces;

/// What `/slack/install` and `/slack/oauth_redirect` need.
#[derive(Clone)]
pub struct Installer {
    ctx: Arc<Context>,
    config: OAuthConfig,
    workspaces: Arc<Workspaces>,
}

impl Installer {
    /// `None` in single-workspace mode (the routes are then not served).
    pub fn new(ctx: &Arc<Context>) -> Option<Installer> {
        Some(Installer {
            ctx: ctx.clone(),
            config: ctx.config.oauth.clone()?,
            workspaces: ctx.workspaces.clone()?,
        })
    }

    fn parts(&self) -> (&OAuthConfig, &Workspaces) {
        (&self.config, &self.workspaces)
    }
}

/// Slack's consent page: at the origin of `SLACK_API_URL` (for Slack,
/// `https://slack.com/api/` → `https://slack.com/oauth/v2/authorize`), so a
/// test's fake Slack serves it too and no other variable is needed.
fn authorize_url(api_url: &str) -> String {
    let origin = match url::Url::parse(api_url) {
        Ok(u) => u.origin().ascii_serialization(),
        Err(_) => "https://slack.com".into(),
    };
    format!("{origin}/oauth/v2/authorize")
}

pub async fn install(State(inst): State<Installer>) -> Response {
    let (config, workspaces) = inst.parts();
    let state = state::new_state();
    let expires_at = inst.ctx.store.now() + state::STATE_TTL_SECS;
    let stored = inst
        .ctx
        .store
        .oauth_state_insert(&state::hash(&state), expires_at)
        .await;
    match stored {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!("too many installs started in ten minutes: refused");
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again",
                "Too many installations were started in the last minutes. Please try again in ten minutes.",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot store an OAuth state");
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again",
                "scrumbot cannot reach its database right now. Please try again in a minute.",
            );
        }
    }
    let scopes = crate::check::manifest_bot_scopes().join(",");
    let query = serde_urlencoded::to_string([
        ("client_id", workspaces.oauth().client_id()),
        ("scope", &scopes),
        ("redirect_uri", &config.redirect_uri()),
        ("state", &state),
    ])
    .unwrap_or_default();
    let location = format!("{}?{query}", authorize_url(&inst.ctx.config.slack_api_url));
    let secure = config.public_url.starts_with("https://");
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, location),
            (header::SET_COOKIE, state::set_cookie(&state, secure)),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Redirect {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn redirect(
    State(inst): State<Installer>,
    headers: HeaderMap,
    Query(q): Query<Redirect>,
) -> Response {
    if q.error.as_deref() == Some("access_denied") {
        return page(
            StatusCode::OK,
            "Installation cancelled",
            "scrumbot was not added to your workspace. You can add it any time from the same link.",
        );
    }
    let cookie = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(state::from_cookie_header);
    let (Some(code), Some(given)) = (q.code.as_deref(), q.state.as_deref()) else {
        return refused("the link is incomplete (no code or state)");
    };
    if !state::matches_cookie(given, cookie) {
        return refused("it was started in another browser, or the link was altered");
    }
    match inst.ctx.store.oauth_state_take(&state::hash(given)).await {
        Ok(true) => {}
        Ok(false) => return refused("the link has expired or was already used"),
        Err(e) => {
            tracing::error!(error = %e, "cannot check an OAuth state");
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again",
                "scrumbot cannot reach its database right now. Please start again in a minute.",
            );
        }
    }
    finish(&inst, code).await
}

/// The state was good: exchange the code and store the installation.
async fn finish(inst: &Installer, code: &str) -> Response {
    let (config, workspaces) = inst.parts();
    let granted = match workspaces
        .oauth()
        .exchange(code, &config.redirect_uri())
        .await
    {
        Ok(g) => g,
        Err(e) => {
            tracing::warn!(error = %e, "oauth.v2.access failed");
            let (status, why) = match e {
                OAuthError::Refused(_) => (
                    StatusCode::BAD_REQUEST,
                    "Slack did not accept the installation code (it may have been used already).",
                ),
                _ => (
                    StatusCode::BAD_GATEWAY,
                    "scrumbot could not reach Slack to finish the installation.",
                ),
            };
            return page(
                status,
                "Installation failed",
                &format!("{why} Please start again from the install link."),
            );
        }
    };
    match workspaces.install(granted).await {
        Ok(_) => page(
            StatusCode::OK,
            "scrumbot is installed",
            "scrumbot was added to your workspace. Next: invite it to a channel with <code>/invite @scrumbot</code>, then type <code>/standup start</code> there (or <code>/standup schedule mon-fri 09:30 Europe/Berlin</code>).",
        ),
        Err(e) => {
            tracing::error!(error = ?e, "cannot store an installation");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Installation failed",
                "Slack accepted the installation but scrumbot could not save it. Please start again from the install link.",
            )
        }
    }
}

fn refused(why: &str) -> Response {
    tracing::warn!(why, "OAuth redirect refused");
    page(
        StatusCode::BAD_REQUEST,
        "This installation link is not valid",
        &format!("The installation could not be finished: {why}. Please start again from the install link."),
    )
}

/// A small HTML page. `body` is trusted markup written here (never a value
/// from the request), and the cookie is cleared: every outcome ends the flow.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family: sans-serif; max-width: 40em; margin: 4em auto\"><h1>{title}</h1><p>{body}</p></body></html>"
    );
    (
        status,
        [
            (header::SET_COOKIE, state::clear_cookie()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        Html(html),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consent_page_is_at_the_api_url_origin() {
        assert_eq!(
            authorize_url("https://slack.com/api/"),
            "https://slack.com/oauth/v2/authorize"
        );
        assert_eq!(
            authorize_url("http://127.0.0.1:4000/api/"),
            "http://127.0.0.1:4000/oauth/v2/authorize"
        );
    }
}
