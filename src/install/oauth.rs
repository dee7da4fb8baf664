//! `oauth.v2.access`: a code from "Add to Slack" (or a refresh token, with
//! token rotation on) exchanged for a bot token.
//!
//! Not slack-morphism's `oauth2_access` (read in 2.31, `api/oauth.rs`): its
//! response type has no `refresh_token`/`expires_in` (token rotation), no
//! `enterprise`/`is_enterprise_install` (org-wide installs), and it has no
//! `grant_type=refresh_token` request; its `authed_user` and `app_id` are
//! required where an org-wide or refreshed answer may omit them. So this is
//! one small typed request and response of our own, sent through the same
//! `SLACK_API_URL` as every other call. The client credentials go in HTTP
//! Basic auth (Slack's preferred way), never in a URL that could be logged.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// An `oauth.v2.access` call takes well under a second; past this Slack is down.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The app's OAuth credentials and where to reach Slack.
#[derive(Clone)]
pub struct OAuthClient {
    http: reqwest::Client,
    /// `SLACK_API_URL`, ending in `/`.
    api_url: String,
    client_id: String,
    client_secret: SecretString,
}

/// What an install (or a refresh) granted.
#[derive(Debug)]
pub struct Granted {
    pub bot_token: SecretString,
    /// With token rotation on: the refresh token and the access token's lifetime.
    pub refresh_token: Option<SecretString>,
    pub expires_in: Option<i64>,
    pub scopes: String,
    pub bot_user_id: Option<String>,
    pub app_id: Option<String>,
    pub team_id: Option<String>,
    pub enterprise_id: Option<String>,
    pub is_enterprise_install: bool,
    pub installer_user_id: Option<String>,
}

impl Granted {
    /// The id an installation is stored under: the enterprise for an
    /// org-wide install (it serves every workspace of the org), else the team.
    pub fn install_key(&self) -> Option<&str> {
        if self.is_enterprise_install {
            self.enterprise_id.as_deref()
        } else {
            self.team_id.as_deref()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// Slack refused (`invalid_code`, `bad_client_secret`, …): its code.
    #[error("Slack refused the OAuth exchange: {0}")]
    Refused(String),
    #[error("cannot reach Slack for the OAuth exchange: {0}")]
    Transport(String),
    #[error("Slack's OAuth answer lacks {0}")]
    Incomplete(&'static str),
}

#[derive(Deserialize)]
struct Named {
    id: String,
}

/// `oauth.v2.access`'s answer, as far as scrumbot reads it.
#[derive(Deserialize)]
struct AccessResponse {
    ok: bool,
    error: Option<String>,
    access_token: Option<String>,
    token_type: Option<String>,
    #[serde(default)]
    scope: String,
    bot_user_id: Option<String>,
    app_id: Option<String>,
    team: Option<Named>,
    enterprise: Option<Named>,
    #[serde(default)]
    is_enterprise_install: bool,
    authed_user: Option<Named>,
    refresh_token: Option<String>,
    expires_in: Option<i64>,
}

impl OAuthClient {
    pub fn new(api_url: &str, client_id: &str, client_secret: &SecretString) -> OAuthClient {
        OAuthClient {
            http: reqwest::Client::new(),
            api_url: api_url.to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.clone(),
        }
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Exchanges the code of a finished "Add to Slack" for the bot token.
    pub async fn exchange(&self, code: &str, redirect_uri: &str) -> Result<Granted, OAuthError> {
        self.access(&[("code", code), ("redirect_uri", redirect_uri)])
            .await
    }

    /// Token rotation: a new access token (and refresh token) for the old refresh token.
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<Granted, OAuthError> {
        self.access(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose_secret()),
        ])
        .await
    }

    async fn access(&self, form: &[(&str, &str)]) -> Result<Granted, OAuthError> {
        let body =
            serde_urlencoded::to_string(form).map_err(|e| OAuthError::Transport(e.to_string()))?;
        let res = self
            .http
            .post(format!("{}oauth.v2.access", self.api_url))
            .basic_auth(&self.client_id, Some(self.client_secret.expose_secret()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .timeout(TIMEOUT)
            .send()
            .await
            // Without the URL: it is ours, but the error stays short.
            .map_err(|e| OAuthError::Transport(e.without_url().to_string()))?;
        let status = res.status();
        let answer: AccessResponse = res
            .json()
            .await
            .map_err(|_| OAuthError::Transport(format!("HTTP {status}, not Slack's JSON")))?;
        if !answer.ok {
            return Err(OAuthError::Refused(
                answer.error.unwrap_or_else(|| "unknown_error".into()),
            ));
        }
        if answer.token_type.as_deref().is_some_and(|t| t != "bot") {
            return Err(OAuthError::Incomplete("a bot token"));
        }
        Ok(Granted {
            bot_token: SecretString::from(
                answer
                    .access_token
                    .ok_or(OAuthError::Incomplete("access_token"))?,
            ),
            refresh_token: answer.refresh_token.map(SecretString::from),
            expires_in: answer.expires_in,
            scopes: answer.scope,
            bot_user_id: answer.bot_user_id,
            app_id: answer.app_id,
            team_id: answer.team.map(|t| t.id),
            enterprise_id: answer.enterprise.map(|e| e.id),
            is_enterprise_install: answer.is_enterprise_install,
            installer_user_id: answer.authed_user.map(|u| u.id),
        })
    }
}
