//! The fake Slack's many workspaces: "Add to Slack" (`oauth.v2.access`) and
//! the per-team bearer-token checks behind it, as Slack does them.
//!
//! What it checks, like Slack: the client id and secret (HTTP Basic auth or
//! form fields), that a code is used once and only with the redirect URI it
//! was issued for, that a refresh token is current; and on every Web API
//! call with a token it issued, that the token is neither revoked nor
//! expired and belongs to the team of the channel named (a channel of
//! another team is `channel_not_found`, as Slack answers). What it does not
//! check: tokens it did not issue (the single-workspace tests' token) are
//! accepted as before, and the consent page itself is not served (a test
//! "approves" with [`super::FakeSlack::approve`]).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use base64::Engine as _;
use serde_json::{json, Value};

use super::fake_slack::Call;

/// One workspace's installed bot.
#[derive(Clone, Debug)]
pub struct Installed {
    pub team: String,
    pub enterprise: Option<String>,
    pub bot_user: String,
    pub bot_id: String,
    /// An org-wide install: its token serves every workspace of the org.
    pub org_wide: bool,
}

#[derive(Clone)]
struct Grant {
    team: String,
    enterprise: Option<String>,
    org_wide: bool,
    user: String,
}

#[derive(Clone)]
struct Token {
    installed: Installed,
    expires: Option<Instant>,
    revoked: bool,
}

#[derive(Default)]
pub struct Workspaces {
    /// (client_id, client_secret) of the app.
    app: Option<(String, String)>,
    codes: HashMap<String, Grant>,
    tokens: HashMap<String, Token>,
    /// refresh token → the grant it renews.
    refresh: HashMap<String, Grant>,
    /// With token rotation on: how long an access token lives.
    rotation: Option<Duration>,
    /// channel → the team it belongs to.
    channels: HashMap<String, String>,
    seq: u64,
}

/// The ids of a team's bot: `UBOT_T0002`-like, distinct per team.
pub fn bot_user_of(team: &str) -> String {
    format!("UB{team}")
}

impl Workspaces {
    pub fn set_app(&mut self, client_id: &str, secret: &str) {
        self.app = Some((client_id.into(), secret.into()));
    }

    pub fn set_rotation(&mut self, lifetime: Option<Duration>) {
        self.rotation = lifetime;
    }

    pub fn set_channel_team(&mut self, channel: &str, team: &str) {
        self.channels.insert(channel.into(), team.into());
    }

    /// A user approved the install on the consent page: the code Slack
    /// sends their browser back with.
    pub fn approve(
        &mut self,
        team: &str,
        enterprise: Option<&str>,
        org_wide: bool,
        user: &str,
    ) -> String {
        self.seq += 1;
        let code = format!("code-{}-{team}", self.seq);
        let grant = Grant {
            team: team.into(),
            enterprise: enterprise.map(str::to_string),
            org_wide,
            user: user.into(),
        };
        self.codes.insert(code.clone(), grant);
        code
    }

    /// Revokes every token issued to `team` (what an uninstall does).
    pub fn revoke_team(&mut self, team: &str) {
        for t in self.tokens.values_mut() {
            if t.installed.team == team {
                t.revoked = true;
            }
        }
    }

    /// The tokens issued so far (clear text; tests look for them in the database).
    pub fn issued_tokens(&self) -> Vec<String> {
        self.tokens.keys().cloned().collect()
    }

    /// Which workspace a token was issued to, if this fake issued it.
    pub fn owner(&self, token: &str) -> Option<Installed> {
        self.tokens.get(token).map(|t| t.installed.clone())
    }

    /// The error Slack would answer a call with this token, if any.
    pub fn check(&self, call: &Call) -> Option<&'static str> {
        let token = self.tokens.get(call.token.as_deref()?)?;
        if token.revoked {
            return Some("token_revoked");
        }
        if token.expires.is_some_and(|at| at <= Instant::now()) {
            return Some("token_expired");
        }
        let channel = call.param("channel")?;
        match self.channels.get(&channel) {
            Some(team) if !token.installed.org_wide && *team != token.installed.team => {
                Some("channel_not_found")
            }
            _ => None,
        }
    }

    /// The answer to `call` when it concerns the workspaces (an OAuth
    /// exchange, a refused token, the identity of an issued token); `None`
    /// to answer it as usual.
    pub fn answer(&mut self, call: &Call, headers: &HeaderMap) -> Option<Value> {
        if call.method == "oauth.v2.access" {
            return Some(self.access(call, headers));
        }
        if let Some(error) = self.check(call) {
            return Some(json!({"ok": false, "error": error}));
        }
        match call.method.as_str() {
            "auth.test" => self.auth_test(call.token.as_deref()?),
            "bots.info" => self.bot_info(&call.param("bot")?),
            _ => None,
        }
    }

    /// `oauth.v2.access`.
    fn access(&mut self, call: &Call, headers: &HeaderMap) -> Value {
        let Some((id, secret)) = self.app.clone() else {
            return json!({"ok": false, "error": "invalid_client_id"});
        };
        let (given_id, given_secret) = client_credentials(call, headers);
        if given_id.as_deref() != Some(id.as_str()) {
            return json!({"ok": false, "error": "invalid_client_id"});
        }
        if given_secret.as_deref() != Some(secret.as_str()) {
            return json!({"ok": false, "error": "bad_client_secret"});
        }
        let grant = if call.param("grant_type").as_deref() == Some("refresh_token") {
            let refresh = call.param("refresh_token").unwrap_or_default();
            // A refresh token is used once: its answer carries the next one.
            match self.refresh.remove(&refresh) {
                Some(g) => g,
                None => return json!({"ok": false, "error": "invalid_refresh_token"}),
            }
        } else {
            match self.codes.remove(&call.param("code").unwrap_or_default()) {
                Some(g) => g,
                None => return json!({"ok": false, "error": "invalid_code"}),
            }
        };
        self.issue(grant)
    }

    fn issue(&mut self, grant: Grant) -> Value {
        self.seq += 1;
        let n = self.seq;
        let installed = Installed {
            team: grant.team.clone(),
            enterprise: grant.enterprise.clone(),
            bot_user: bot_user_of(&grant.team),
            bot_id: format!("BB{}", grant.team),
            org_wide: grant.org_wide,
        };
        let rotating = self.rotation.is_some();
        let prefix = if rotating { "xoxe.xoxb" } else { "xoxb" };
        let token = format!("{prefix}-{}-{n}-secretpart", grant.team);
        self.tokens.insert(
            token.clone(),
            Token {
                installed: installed.clone(),
                expires: self.rotation.map(|d| Instant::now() + d),
                revoked: false,
            },
        );
        let mut answer = json!({
            "ok": true,
            "access_token": token,
            "token_type": "bot",
            "scope": scrumbot::check::manifest_bot_scopes().join(","),
            "bot_user_id": installed.bot_user,
            "app_id": "A0001",
            "team": if grant.org_wide { Value::Null } else { json!({"id": grant.team, "name": format!("Team {}", grant.team)}) },
            "enterprise": grant.enterprise.as_ref().map(|e| json!({"id": e, "name": "Org"})),
            "is_enterprise_install": grant.org_wide,
            "authed_user": {"id": grant.user},
        });
        if let Some(lifetime) = self.rotation {
            let refresh = format!("xoxe-1-refresh-{}-{n}", grant.team);
            self.refresh.insert(refresh.clone(), grant);
            answer["refresh_token"] = refresh.into();
            answer["expires_in"] = lifetime.as_secs().into();
        }
        answer
    }

    /// `auth.test` for a token this fake issued.
    pub fn auth_test(&self, token: &str) -> Option<Value> {
        let t = self.tokens.get(token)?;
        let i = &t.installed;
        Some(json!({
            "ok": true,
            "url": format!("https://{}.slack.com/", i.team.to_lowercase()),
            "team": format!("Team {}", i.team),
            "user": "scrumbot",
            "team_id": i.team,
            "user_id": i.bot_user,
            "bot_id": i.bot_id,
            "app_id": "A0001",
            "enterprise_id": i.enterprise,
            "is_enterprise_install": false,
        }))
    }

    /// `bots.info` for a bot this fake issued.
    pub fn bot_info(&self, bot: &str) -> Option<Value> {
        let t = self.tokens.values().find(|t| t.installed.bot_id == bot)?;
        Some(json!({
            "ok": true,
            "bot": {"id": bot, "deleted": false, "name": "scrumbot", "updated": 1, "app_id": "A0001", "user_id": t.installed.bot_user, "icons": {}}
        }))
    }
}

/// The client id and secret, from HTTP Basic auth or else the form.
fn client_credentials(call: &Call, headers: &HeaderMap) -> (Option<String>, Option<String>) {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok());
    match basic.as_deref().and_then(|b| b.split_once(':')) {
        Some((id, secret)) => (Some(id.into()), Some(secret.into())),
        None => (call.param("client_id"), call.param("client_secret")),
    }
}
