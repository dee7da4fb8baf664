//! The [`Context`] every handler, the scheduler and the ingress get: the
//! shared handles (configuration, store, Slack client, summarizer, clock)
//! built once at start.
//!
//! This module imports no feature module (no handler, domain or ingress
//! code), so every part of the bot can depend on it without an import cycle.
//!
//! In multi-workspace mode (OAuth) `slack` and [`Context::bot`] answer for
//! the workspace the running task serves: the entry points admit a request
//! or a job into its workspace ([`Context::admit`], [`Admitted::run`]) and
//! [`Tasks::spawn`] carries that scope into the work it spawns. See
//! [`crate::install`] for why a scope rather than a team argument per call.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context as _;
use tokio_util::task::TaskTracker;

use crate::clock::Clock;
use crate::config::Config;
use crate::ids::TeamId;
use crate::install::oauth::OAuthClient;
use crate::install::router::ScopedSlack;
use crate::install::scope;
use crate::install::workspaces::{Workspace, Workspaces};
use crate::slack::api::{BotIdentity, SlackApi, SlackWebClient};
use crate::store::Store;
use crate::summarize::Summarizer;

/// Everything a handler needs, built once at start.
pub struct Context {
    pub config: Config,
    pub store: Store,
    pub slack: Arc<dyn SlackApi>,
    /// Who the bot is (from `auth.test`) in single-workspace mode; `None`
    /// in multi-workspace mode, where [`Context::bot`] asks the scope.
    single_bot: Option<Arc<BotIdentity>>,
    /// The installations, in multi-workspace mode.
    pub workspaces: Option<Arc<Workspaces>>,
    pub summarizer: Summarizer,
    pub clock: Clock,
    /// Whether the Socket Mode connection is up (when an app token is set):
    /// `/healthz` reports it, since without it nothing reaches the bot.
    pub socket_mode_up: std::sync::atomic::AtomicBool,
    /// Work the bot started in the background (handlers after the ack,
    /// scheduled opens and closes). Counted so that tests — and a graceful
    /// stop — can tell when the bot is idle rather than guessing with a sleep.
    tasks: Tasks,
}

/// A request or a job let in, with the workspace it is to be served as.
#[derive(Clone)]
pub struct Admitted(Option<Arc<Workspace>>);

impl Admitted {
    /// Runs `work` as this workspace (its token, its bot identity).
    pub async fn run<F: Future>(self, work: F) -> F::Output {
        scope::within(self.0, work).await
    }
}

/// The tracker of background work, which also carries the running task's
/// workspace into what it spawns (so a handler's follow-up work keeps its
/// team's token).
#[derive(Clone, Default)]
pub struct Tasks(TaskTracker);

impl Tasks {
    /// Spawns `work`, counted as in flight until it ends, in the caller's workspace.
    pub fn spawn<F>(&self, work: F) -> tokio::task::JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.0.spawn(scope::within(scope::current(), work))
    }

    /// Counts `work` as in flight while it is awaited (in the caller's task,
    /// so in its workspace).
    pub fn track_future<F: Future>(
        &self,
        work: F,
    ) -> tokio_util::task::task_tracker::TrackedFuture<F> {
        self.0.track_future(work)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Context {
    /// Connects the database (migrating it), builds the clients and asks
    /// Slack who we are.
    pub async fn build(config: Config, clock: Clock) -> anyhow::Result<Arc<Context>> {
        // The recorder must exist before the first metric is emitted (auth.test below).
        crate::metrics::handle();
        let options = crate::store::StoreOptions {
            sqlite_sync: config.sqlite_sync,
        };
        let store = Store::open_with(&config.database_url, clock.clone(), options).await?;
        let summarizer = Summarizer::from_config(config.openai.as_ref());
        let (slack, single_bot, workspaces) = match (&config.bot_token, &config.oauth) {
            (Some(token), _) => {
                let client = SlackWebClient::new(&config.slack_api_url, token)?;
                let bot = client
                    .auth_test()
                    .await
                    .context("auth.test failed: check SLACK_BOT_TOKEN and SLACK_API_URL")?;
                tracing::info!(bot_user = %bot.user_id, team = %bot.team_id, "authenticated with Slack");
                let slack: Arc<dyn SlackApi> = Arc::new(client);
                (slack, Some(Arc::new(bot)), None)
            }
            (None, Some(oauth)) => {
                // No token of its own: a connection pool for the workspaces' clients.
                let base =
                    SlackWebClient::new(&config.slack_api_url, &secrecy::SecretString::from(""))?;
                let client = OAuthClient::new(
                    &config.slack_api_url,
                    &oauth.client_id,
                    &oauth.client_secret,
                );
                let key = oauth.encryption_key.clone();
                let workspaces = Workspaces::load(store.clone(), key, client, base).await?;
                let slack: Arc<dyn SlackApi> = Arc::new(ScopedSlack);
                (slack, None, Some(Arc::new(workspaces)))
            }
            (None, None) => anyhow::bail!("SLACK_BOT_TOKEN is required but not set"),
        };
        Ok(Arc::new(Context {
            config,
            store,
            slack,
            single_bot,
            workspaces,
            summarizer,
            clock,
            socket_mode_up: Default::default(),
            tasks: Tasks::default(),
        }))
    }

    /// Who the bot is in the workspace being served. Outside any workspace
    /// in multi-workspace mode: an empty identity (it matches no user, so
    /// nothing is mistaken for the bot's own) and an error in the log.
    pub fn bot(&self) -> Arc<BotIdentity> {
        if let Some(bot) = &self.single_bot {
            return bot.clone();
        }
        match scope::current() {
            Some(ws) => ws.bot(),
            None => {
                tracing::error!("bot identity asked outside any workspace scope in multi-workspace mode (a bug: the entry point must use install::scope::within)");
                Arc::new(BotIdentity {
                    user_id: String::new(),
                    bot_id: None,
                    team_id: String::new(),
                    url: None,
                    app_id: None,
                })
            }
        }
    }

    /// Under which key the bot's liveness mark is kept (digest gap
    /// detection): the workspace in single-workspace mode; in
    /// multi-workspace mode the deployment as a whole (`*`), since the
    /// process is up or down for every workspace at once.
    pub fn liveness_key(&self) -> String {
        match &self.single_bot {
            Some(bot) => bot.team_id.clone(),
            None => "*".into(),
        }
    }

    /// Every workspace this bot serves: the one, or each installation's
    /// team (and the workspaces seen under an org-wide install).
    pub async fn served_teams(&self) -> Vec<String> {
        match &self.single_bot {
            Some(bot) => vec![bot.team_id.clone()],
            None => self.store.installation_teams().await.unwrap_or_else(|e| {
                tracing::error!(error = %e, "cannot list the installed workspaces");
                Vec::new()
            }),
        }
    }

    /// Lets a scheduled job (or a replayed request) of `team` run: always
    /// in single-workspace mode (the data is the one workspace's); in
    /// multi-workspace mode as the team's installation, `None` when it has
    /// none any more (its schedules were stopped when it went, so this is a
    /// job claimed just before; it is skipped, logged once).
    pub async fn admit_team(&self, team: &str) -> Option<Admitted> {
        match &self.workspaces {
            None => Some(Admitted(None)),
            Some(workspaces) => workspaces
                .for_team(team, None)
                .await
                .map(|ws| Admitted(Some(ws))),
        }
    }

    /// Lets a request (or a job) in: `None` when it is not for this bot —
    /// another workspace or app in single-workspace mode, a workspace
    /// without an installation in multi-workspace mode.
    pub async fn admit(
        &self,
        team: &TeamId,
        enterprise: Option<&str>,
        app: Option<&str>,
    ) -> Option<Admitted> {
        let Some(workspaces) = &self.workspaces else {
            return self.serves(team, app).then_some(Admitted(None));
        };
        let ws = workspaces.for_team(team.as_str(), enterprise).await?;
        let ours = match (app, ws.bot().app_id.as_deref()) {
            (Some(theirs), Some(ours)) => theirs == ours,
            _ => true,
        };
        ours.then_some(Admitted(Some(ws)))
    }

    /// Whether a request is for this bot: from the workspace it is
    /// installed in, sent to its own app (when both are known). A correctly
    /// signed request can still come from another workspace of the same
    /// app, or be replayed from another app sharing the signing secret.
    pub fn serves(&self, team: &TeamId, app: Option<&str>) -> bool {
        let bot = self.bot();
        let app_ok = match (app, bot.app_id.as_deref()) {
            (Some(theirs), Some(ours)) => theirs == ours,
            _ => true,
        };
        team.as_str() == bot.team_id && app_ok
    }

    /// True for messages the bot itself wrote.
    pub fn is_self(&self, user: &str) -> bool {
        user == self.bot().user_id
    }

    /// The tracker of background work: `ctx.tasks().spawn(work)` runs
    /// `work` counted as in-flight until it ends. (An owned handle, so the
    /// spawned future may take the context by move.)
    pub fn tasks(&self) -> Tasks {
        self.tasks.clone()
    }

    /// How many background tasks are still running.
    pub fn tasks_in_flight(&self) -> usize {
        self.tasks.len()
    }
}
