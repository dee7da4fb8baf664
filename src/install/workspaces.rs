//! The installations in memory: each workspace's client (its own token and
//! 429 gates, a shared connection pool) and bot identity, found by team.
//!
//! Loaded from the database at start — every stored token is opened then,
//! so a wrong `SCRUMBOT_ENCRYPTION_KEY` stops the bot with a clear error
//! before it serves anything — and looked up in the database on a miss (an
//! install made through another replica). An uninstall on another replica
//! reaches this one's cache only through Slack's `token_revoked` answers;
//! the schedules, which the database holds, stop everywhere at once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use anyhow::Context as _;
use secrecy::SecretString;

use super::crypto::TokenKey;
use super::oauth::{Granted, OAuthClient, OAuthError};
use crate::slack::api::{BotIdentity, SlackApi, SlackApiError, SlackWebClient};
use crate::store::installations::StoredInstallation;
use crate::store::Store;

/// A rotating token is refreshed when it has less than this left: longer
/// than any call (with its retries) takes, so no call starts with a token
/// that expires on the way.
const REFRESH_MARGIN_SECS: i64 = 5 * 60;

/// What every workspace needs to open, refresh and store its tokens.
struct Keeper {
    store: Store,
    key: TokenKey,
    oauth: OAuthClient,
    /// The connection pool every workspace's client shares.
    base: SlackWebClient,
}

/// One installation: a workspace, or an org-wide install serving all the
/// workspaces of an Enterprise Grid org.
pub struct Workspace {
    /// The team id, or the enterprise id of an org-wide install.
    key: String,
    bot: Arc<BotIdentity>,
    tokens: Mutex<Tokens>,
    /// Held while a rotated token is refreshed, so concurrent callers
    /// refresh once and the others use its result.
    refreshing: tokio::sync::Mutex<()>,
    keeper: Arc<Keeper>,
}

struct Tokens {
    client: Arc<SlackWebClient>,
    refresh: Option<SecretString>,
    expires_at: Option<i64>,
}

/// The data behind this lock is replaced whole, valid whatever a panicking
/// holder was doing, so a poisoned lock is used as is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Workspace {
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Who the bot is in this workspace.
    pub fn bot(&self) -> Arc<BotIdentity> {
        self.bot.clone()
    }

    /// This workspace's client, its token refreshed first when it is about
    /// to expire (token rotation).
    pub async fn client(&self) -> Result<Arc<SlackWebClient>, SlackApiError> {
        if self.needs_refresh() {
            self.refresh().await?;
        }
        Ok(lock(&self.tokens).client.clone())
    }

    fn needs_refresh(&self) -> bool {
        let tokens = lock(&self.tokens);
        match (tokens.expires_at, &tokens.refresh) {
            (Some(at), Some(_)) => at - self.keeper.store.now() <= REFRESH_MARGIN_SECS,
            _ => false,
        }
    }

    async fn refresh(&self) -> Result<(), SlackApiError> {
        let _once = self.refreshing.lock().await;
        // Another caller may have refreshed while this one waited.
        if !self.needs_refresh() {
            return Ok(());
        }
        let Some(old_refresh) = lock(&self.tokens).refresh.clone() else {
            return Ok(());
        };
        let granted = self.keeper.oauth.refresh(&old_refresh).await.map_err(|e| {
            tracing::error!(install = %self.key, error = %e, "token refresh failed");
            match e {
                OAuthError::Refused(code) => SlackApiError::Slack(code),
                other => SlackApiError::Transport(other.to_string()),
            }
        })?;
        let refresh = granted.refresh_token.clone().unwrap_or(old_refresh);
        let expires_at = granted.expires_in.map(|s| self.keeper.store.now() + s);
        let key = &self.keeper.key;
        self.keeper
            .store
            .installation_set_tokens(
                &self.key,
                &key.seal(&self.key, &granted.bot_token),
                Some(&key.seal(&self.key, &refresh)),
                expires_at,
            )
            .await
            .map_err(|e| {
                SlackApiError::Transport(format!("cannot store the refreshed token: {e}"))
            })?;
        let mut tokens = lock(&self.tokens);
        tokens.client = Arc::new(tokens.client.with_token(&granted.bot_token));
        tokens.refresh = Some(refresh);
        tokens.expires_at = expires_at;
        tracing::info!(install = %self.key, "bot token refreshed (token rotation)");
        Ok(())
    }
}

/// Every installation this deployment serves.
pub struct Workspaces {
    keeper: Arc<Keeper>,
    by_key: RwLock<HashMap<String, Arc<Workspace>>>,
    /// Teams already logged as not installed (logged once each).
    unknown: Mutex<HashSet<String>>,
    /// Workspaces already recorded under their org-wide install.
    linked: Mutex<HashSet<String>>,
}

impl Workspaces {
    /// Opens every stored installation with `key`; one that does not open
    /// is a startup error naming the variable (never a garbage token).
    pub async fn load(
        store: Store,
        key: TokenKey,
        oauth: OAuthClient,
        base: SlackWebClient,
    ) -> anyhow::Result<Workspaces> {
        let workspaces = Workspaces {
            keeper: Arc::new(Keeper {
                store,
                key,
                oauth,
                base,
            }),
            by_key: Default::default(),
            unknown: Default::default(),
            linked: Default::default(),
        };
        let stored = workspaces
            .keeper
            .store
            .installations_active()
            .await
            .context("cannot read the installations")?;
        for row in &stored {
            let ws = workspaces.open(row).with_context(|| {
                format!(
                    "SCRUMBOT_ENCRYPTION_KEY does not open the stored token of installation {}",
                    row.install_key
                )
            })?;
            workspaces.remember(ws);
        }
        tracing::info!(installations = stored.len(), "multi-workspace mode");
        Ok(workspaces)
    }

    /// The OAuth client (for the install flow).
    pub fn oauth(&self) -> &OAuthClient {
        &self.keeper.oauth
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<Workspace>>> {
        self.by_key.read().unwrap_or_else(|p| p.into_inner())
    }

    fn remember(&self, ws: Workspace) -> Arc<Workspace> {
        let ws = Arc::new(ws);
        self.by_key
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(ws.key.clone(), ws.clone());
        ws
    }

    fn forget(&self, key: &str) {
        self.by_key
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }

    /// Builds the in-memory installation from its row (tokens opened).
    fn open(&self, row: &StoredInstallation) -> Result<Workspace, super::crypto::CryptoError> {
        let k = &self.keeper.key;
        let sealed = row.bot_token_sealed.as_deref().unwrap_or_default();
        let token = k.open(&row.install_key, sealed)?;
        let refresh = match &row.refresh_token_sealed {
            Some(s) => Some(k.open(&row.install_key, s)?),
            None => None,
        };
        Ok(Workspace {
            key: row.install_key.clone(),
            bot: Arc::new(BotIdentity {
                user_id: row.bot_user_id.clone(),
                bot_id: row.bot_id.clone(),
                team_id: row
                    .team_id
                    .clone()
                    .unwrap_or_else(|| row.install_key.clone()),
                url: row.url.clone(),
                app_id: row.app_id.clone(),
            }),
            tokens: Mutex::new(Tokens {
                client: Arc::new(self.keeper.base.for_workspace(&token)),
                refresh,
                expires_at: row.token_expires_at,
            }),
            refreshing: Default::default(),
            keeper: self.keeper.clone(),
        })
    }

    /// The installation serving `team` (or its org, for an org-wide
    /// install); `None` when the app is not installed there.
    pub async fn for_team(&self, team: &str, enterprise: Option<&str>) -> Option<Arc<Workspace>> {
        if let Some(ws) = self.cached(team, enterprise) {
            if ws.key != team {
                self.link(team, &ws.key).await;
            }
            return Some(ws);
        }
        let store = &self.keeper.store;
        let mut row = store.installation_for_team(team).await.ok().flatten();
        if row.as_ref().is_none_or(|r| r.bot_token_sealed.is_none()) {
            if let Some(org) = enterprise {
                row = store.installation_for_team(org).await.ok().flatten();
                if row.as_ref().is_some_and(|r| r.is_enterprise) {
                    self.link(team, org).await;
                }
            }
        }
        match row.filter(|r| r.bot_token_sealed.is_some()) {
            Some(row) => match self.open(&row) {
                Ok(ws) => Some(self.remember(ws)),
                Err(e) => {
                    tracing::error!(install = %row.install_key, error = %e, "cannot open an installation's token");
                    None
                }
            },
            None => {
                if lock(&self.unknown).insert(team.to_string()) {
                    tracing::warn!(
                        team,
                        enterprise = enterprise.unwrap_or("-"),
                        "request from a workspace where the app is not installed: ignored"
                    );
                }
                None
            }
        }
    }

    /// Records that `team` is served by the org-wide install `key` (once
    /// per process): data rows carry the workspace's team, and the
    /// scheduler finds the org's installation from it.
    async fn link(&self, team: &str, key: &str) {
        if !lock(&self.linked).insert(team.to_string()) {
            return;
        }
        if let Err(e) = self.keeper.store.installation_link_team(team, key).await {
            lock(&self.linked).remove(team);
            tracing::warn!(team, error = %e, "cannot link a workspace to its org-wide install");
        }
    }

    fn cached(&self, team: &str, enterprise: Option<&str>) -> Option<Arc<Workspace>> {
        let map = self.read();
        map.get(team)
            .or_else(|| enterprise.and_then(|org| map.get(org)))
            .cloned()
    }

    /// Stores what "Add to Slack" granted (after asking Slack who the bot
    /// is with the new token) and serves the workspace from now on.
    pub async fn install(&self, granted: Granted) -> anyhow::Result<Arc<Workspace>> {
        let key = granted
            .install_key()
            .context("Slack's OAuth answer names no team or enterprise")?
            .to_string();
        let client = self.keeper.base.for_workspace(&granted.bot_token);
        let me = client
            .auth_test()
            .await
            .context("auth.test with the new token failed")?;
        let now = self.keeper.store.now();
        let k = &self.keeper.key;
        let row = StoredInstallation {
            install_key: key.clone(),
            team_id: granted.team_id.clone(),
            enterprise_id: granted.enterprise_id.clone(),
            is_enterprise: granted.is_enterprise_install,
            app_id: granted.app_id.clone().or(me.app_id),
            bot_user_id: granted.bot_user_id.clone().unwrap_or(me.user_id),
            bot_id: me.bot_id,
            url: me.url,
            scopes: granted.scopes.clone(),
            installer_user_id: granted.installer_user_id.clone(),
            bot_token_sealed: Some(k.seal(&key, &granted.bot_token)),
            refresh_token_sealed: granted.refresh_token.as_ref().map(|r| k.seal(&key, r)),
            token_expires_at: granted.expires_in.map(|s| now + s),
            revoked_at: None,
        };
        self.keeper
            .store
            .installation_upsert(&row)
            .await
            .context("cannot store the installation")?;
        lock(&self.unknown).remove(&key);
        tracing::info!(install = %key, org_wide = row.is_enterprise, "installed");
        Ok(self.remember(self.open(&row)?))
    }

    /// `app_uninstalled` / `tokens_revoked`: the installation serving
    /// `team` loses its tokens, and its schedules stop (see
    /// `Store::installation_revoke`).
    pub async fn revoke(&self, team: &str, enterprise: Option<&str>) -> anyhow::Result<()> {
        let key = match self.for_team(team, enterprise).await {
            Some(ws) => ws.key.clone(),
            None => team.to_string(),
        };
        self.forget(&key);
        if self.keeper.store.installation_revoke(&key).await? {
            tracing::info!(install = %key, "uninstalled or tokens revoked: tokens deleted, schedules stopped");
        }
        Ok(())
    }
}
