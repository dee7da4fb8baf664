//! The [`Context`] every handler, the scheduler and the ingress get: the
//! shared handles (configuration, store, Slack client, summarizer, clock)
//! built once at start.
//!
//! This module imports no feature module (no handler, domain or ingress
//! code), so every part of the bot can depend on it without an import cycle.

use std::sync::Arc;

use anyhow::Context as _;
use tokio_util::task::TaskTracker;

use crate::clock::Clock;
use crate::config::Config;
use crate::ids::TeamId;
use crate::slack::api::{BotIdentity, SlackApi, SlackWebClient};
use crate::store::Store;
use crate::summarize::Summarizer;

/// Everything a handler needs, built once at start.
pub struct Context {
    pub config: Config,
    pub store: Store,
    pub slack: Arc<dyn SlackApi>,
    /// Who the bot is (from `auth.test`): its own messages are ignored.
    pub bot: BotIdentity,
    pub summarizer: Summarizer,
    pub clock: Clock,
    /// Whether the Socket Mode connection is up (when an app token is set):
    /// `/healthz` reports it, since without it nothing reaches the bot.
    pub socket_mode_up: std::sync::atomic::AtomicBool,
    /// Work the bot started in the background (handlers after the ack,
    /// scheduled opens and closes). Counted so that tests — and a graceful
    /// stop — can tell when the bot is idle rather than guessing with a sleep.
    tasks: TaskTracker,
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
        let client = SlackWebClient::new(&config.slack_api_url, &config.bot_token)?;
        let bot = client
            .auth_test()
            .await
            .context("auth.test failed: check SLACK_BOT_TOKEN and SLACK_API_URL")?;
        tracing::info!(bot_user = %bot.user_id, team = %bot.team_id, "authenticated with Slack");
        let summarizer = Summarizer::from_config(config.openai.as_ref());
        Ok(Arc::new(Context {
            config,
            store,
            slack: Arc::new(client),
            bot,
            summarizer,
            clock,
            socket_mode_up: Default::default(),
            tasks: TaskTracker::new(),
        }))
    }

    /// Whether a request is for this bot: from the workspace it is
    /// installed in, sent to its own app (when both are known). A correctly
    /// signed request can still come from another workspace of the same
    /// app, or be replayed from another app sharing the signing secret.
    pub fn serves(&self, team: &TeamId, app: Option<&str>) -> bool {
        let app_ok = match (app, self.bot.app_id.as_deref()) {
            (Some(theirs), Some(ours)) => theirs == ours,
            _ => true,
        };
        team.as_str() == self.bot.team_id && app_ok
    }

    /// True for messages the bot itself wrote.
    pub fn is_self(&self, user: &str) -> bool {
        user == self.bot.user_id
    }

    /// The tracker of background work: `ctx.tasks().spawn(work)` runs
    /// `work` counted as in-flight until it ends. (An owned handle, so the
    /// spawned future may take the context by move.)
    pub fn tasks(&self) -> TaskTracker {
        self.tasks.clone()
    }

    /// How many background tasks are still running.
    pub fn tasks_in_flight(&self) -> usize {
        self.tasks.len()
    }
}
