//! Test harness: starts the real bot (the `serve` path, port 0) against a
//! fake Slack on loopback, with its own fresh database, SQLite or PostgreSQL.
#![allow(dead_code)]

/// Defines each listed `async fn name(db: Db)` as two tests, one per
/// database backend: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::Db::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::Db::Postgres).await } )* }
    };
}

pub mod binary;
pub mod blocks;
pub mod fake_slack;
pub mod fake_workspaces;
pub mod fixtures;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use scrumbot::app::Application;
use scrumbot::config::Config;
use scrumbot::context::Context;
use serde_json::Value;

#[allow(unused_imports)]
pub use fake_slack::{Call, Failure, FakeSlack};

pub const SIGNING_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
pub const BOT_TOKEN: &str = "xoxb-test-bot-token-1234";
pub const TEAM: &str = "T0001";
pub const CHANNEL: &str = "C0001";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// The PostgreSQL server the tests use; CI starts it. Never skipped: a test
/// that cannot reach it fails and says why.
pub fn pg_admin_url() -> String {
    std::env::var("DATABASE_URL_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh, empty database URL of the given kind.
pub async fn fresh_database(db: Db) -> String {
    match db {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("{}.db", unique("scrumbot")));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        Db::Postgres => {
            use sqlx::Executor;
            sqlx::any::install_default_drivers();
            let admin = pg_admin_url();
            let name = unique("scrumbot");
            let pool = sqlx::any::AnyPoolOptions::new()
                .max_connections(1)
                .connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests (at {admin}; set DATABASE_URL_PG): {e}"));
            pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create test database");
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin);
            format!("{base}/{name}")
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// The admin address (`/metrics`, `/healthz`), on port 0 in tests.
    pub admin_addr: Option<SocketAddr>,
    pub clock: scrumbot::clock::Clock,
    /// The task running the whole bot; aborting it plays a crash.
    pub server: tokio::task::JoinHandle<anyhow::Result<()>>,
    pub slack: FakeSlack,
    pub ctx: Arc<Context>,
    pub http: reqwest::Client,
    pub database_url: String,
}

pub fn test_config(slack: &FakeSlack, database_url: &str, extra: &[(&str, &str)]) -> Config {
    let mut vars = base_vars(slack, database_url);
    vars.insert("SLACK_BOT_TOKEN".into(), BOT_TOKEN.into());
    config_from(vars, extra)
}

/// The OAuth app of the multi-workspace tests.
pub const CLIENT_ID: &str = "1111.2222";
pub const CLIENT_SECRET: &str = "oauth-client-secret-abc";
/// Base64 of 32 bytes (0x01..0x20).
pub const ENCRYPTION_KEY: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
pub const PUBLIC_URL: &str = "https://bot.example.com";

/// A multi-workspace configuration (OAuth, no bot token) on `slack`.
pub fn multi_workspace_config(
    slack: &FakeSlack,
    database_url: &str,
    extra: &[(&str, &str)],
) -> Config {
    let mut vars = base_vars(slack, database_url);
    for (k, v) in [
        ("SLACK_CLIENT_ID", CLIENT_ID),
        ("SLACK_CLIENT_SECRET", CLIENT_SECRET),
        ("SCRUMBOT_PUBLIC_URL", PUBLIC_URL),
        ("SCRUMBOT_ENCRYPTION_KEY", ENCRYPTION_KEY),
    ] {
        vars.insert(k.into(), v.into());
    }
    config_from(vars, extra)
}

fn config_from(mut vars: HashMap<String, String>, extra: &[(&str, &str)]) -> Config {
    for (k, v) in extra {
        vars.insert(k.to_string(), v.to_string());
    }
    Config::from_lookup(|k| vars.get(k).cloned()).expect("test configuration is valid")
}

/// What every test bot is configured with, whatever its Slack mode.
fn base_vars(slack: &FakeSlack, database_url: &str) -> HashMap<String, String> {
    HashMap::from([
        ("SLACK_SIGNING_SECRET".into(), SIGNING_SECRET.into()),
        ("SLACK_API_URL".into(), slack.api_url()),
        ("DATABASE_URL".into(), database_url.into()),
        ("SCRUMBOT_LISTEN".into(), "127.0.0.1:0".into()),
        ("SCRUMBOT_ADMIN_LISTEN".into(), "127.0.0.1:0".into()),
        ("SCRUMBOT_TICK_MS".into(), "100".into()),
        // A restarted test bot replays what a "crash" left within seconds.
        ("SCRUMBOT_INBOX_LEASE_SECS".into(), "4".into()),
    ])
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, &[]).await
}

/// Starts the bot with extra configuration variables.
pub async fn spawn_app_with(db: Db, extra: &[(&str, &str)]) -> TestApp {
    scrumbot::install_crypto_provider();
    if std::env::var("TEST_LOG").is_ok() {
        scrumbot::telemetry::init(scrumbot::config::LogFormat::Pretty);
    }
    let slack = FakeSlack::start().await;
    let database_url = fresh_database(db).await;
    start_on(slack, database_url, extra).await
}

/// Starts a bot on a fresh fake Slack and database whose manual clock
/// stands at `epoch_secs`; the test moves `app.clock` and drives `tick()`.
pub async fn spawn_with_clock(db: Db, epoch_secs: i64) -> TestApp {
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    let database_url = fresh_database(db).await;
    let clock = scrumbot::clock::Clock::manual(epoch_secs);
    start_with_clock(slack, database_url, &[], clock).await
}

/// Starts a bot on an existing fake Slack and database (a "restart").
pub async fn start_on(slack: FakeSlack, database_url: String, extra: &[(&str, &str)]) -> TestApp {
    start_app(slack, database_url, extra, scrumbot::clock::Clock::system()).await
}

/// How often the scheduler's own timer fires in a bot on a manual clock:
/// once at start, then not within any test. Such a test moves the clock and
/// runs the scheduler itself with [`TestApp::tick`], so nothing depends on
/// how fast a timer happens to fire.
const MANUAL_CLOCK_TICK_MS: &str = "3600000";

/// Starts a bot whose domain time is the manual `clock`, moved by the test;
/// the test drives the scheduler with [`TestApp::tick`].
pub async fn start_with_clock(
    slack: FakeSlack,
    database_url: String,
    extra: &[(&str, &str)],
    clock: scrumbot::clock::Clock,
) -> TestApp {
    let mut vars = vec![("SCRUMBOT_TICK_MS", MANUAL_CLOCK_TICK_MS)];
    vars.extend_from_slice(extra);
    start_app(slack, database_url, &vars, clock).await
}

async fn start_app(
    slack: FakeSlack,
    database_url: String,
    extra: &[(&str, &str)],
    clock: scrumbot::clock::Clock,
) -> TestApp {
    let config = test_config(&slack, &database_url, extra);
    start_configured(slack, database_url, config, clock).await
}

/// Starts a multi-workspace bot (OAuth; the fake knows the app's
/// credentials) on a manual clock at `epoch_secs`; workspaces are then
/// installed with [`TestApp::install_workspace`].
pub async fn spawn_multi_workspace(db: Db, epoch_secs: i64) -> TestApp {
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    slack.set_oauth_app(CLIENT_ID, CLIENT_SECRET);
    let database_url = fresh_database(db).await;
    start_multi_workspace(slack, database_url, &[], epoch_secs).await
}

/// A multi-workspace bot on an existing fake and database (a restart).
pub async fn start_multi_workspace(
    slack: FakeSlack,
    database_url: String,
    extra: &[(&str, &str)],
    epoch_secs: i64,
) -> TestApp {
    let mut vars = vec![("SCRUMBOT_TICK_MS", MANUAL_CLOCK_TICK_MS)];
    vars.extend_from_slice(extra);
    let config = multi_workspace_config(&slack, &database_url, &vars);
    let clock = scrumbot::clock::Clock::manual(epoch_secs);
    start_configured(slack, database_url, config, clock).await
}

async fn start_configured(
    slack: FakeSlack,
    database_url: String,
    config: Config,
    clock: scrumbot::clock::Clock,
) -> TestApp {
    let app = Application::build_with_clock(config, clock.clone())
        .await
        .expect("the app starts");
    let addr = app.local_addr();
    let admin_addr = app.admin_addr();
    let ctx = app.context();
    let server = tokio::spawn(app.run());
    TestApp {
        addr,
        admin_addr,
        clock,
        server,
        slack,
        ctx,
        http: reqwest::Client::new(),
        database_url,
    }
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl TestApp {
    /// Stops the bot abruptly, as a crash would (in-flight tasks are not awaited).
    pub async fn kill(self) -> (FakeSlack, String) {
        self.server.abort();
        let _ = self.server.await;
        self.ctx.store.pool.close().await;
        (self.slack, self.database_url)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn admin_url(&self, path: &str) -> String {
        let addr = self.admin_addr.expect("tests serve an admin address");
        format!("http://{addr}{path}")
    }

    /// POSTs a body signed with the app's signing secret, now.
    pub async fn post_signed(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        extra_headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let ts = now_secs();
        let mut req = self
            .http
            .post(self.url(path))
            .header("content-type", content_type)
            .header("x-slack-request-timestamp", ts.to_string())
            .header(
                "x-slack-signature",
                fixtures::sign(SIGNING_SECRET, ts, body),
            );
        for (k, v) in extra_headers {
            req = req.header(*k, *v);
        }
        req.body(body.to_string())
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_event(&self, body: &str) -> reqwest::Response {
        self.post_signed("/slack/events", "application/json", body, &[])
            .await
    }

    pub async fn post_event_retry(&self, body: &str, retry: u32) -> reqwest::Response {
        let n = retry.to_string();
        self.post_signed(
            "/slack/events",
            "application/json",
            body,
            &[
                ("x-slack-retry-num", &n),
                ("x-slack-retry-reason", "http_timeout"),
            ],
        )
        .await
    }

    /// Runs `/standup <text>` as `user` in `channel` and returns Slack's JSON reply.
    pub async fn command_as(&self, user: &str, channel: &str, command: &str, text: &str) -> Value {
        let body = command_body(command, text, user, channel, &unique("trigger"));
        let res = self
            .post_signed(
                "/slack/commands",
                "application/x-www-form-urlencoded",
                &body,
                &[],
            )
            .await;
        assert_eq!(res.status(), 200, "slash command answered");
        res.json().await.expect("JSON reply")
    }

    /// Runs `/standup <text>` sent from workspace `team` (multi-workspace tests).
    pub async fn command_in_team(
        &self,
        team: &str,
        user: &str,
        channel: &str,
        text: &str,
    ) -> reqwest::Response {
        self.slash_in_team(team, "/standup", user, channel, text)
            .await
    }

    /// Runs a slash command sent from workspace `team` (its form's
    /// `team_id`; `T1&enterprise_id=E1` adds the org's field).
    pub async fn slash_in_team(
        &self,
        team: &str,
        command: &str,
        user: &str,
        channel: &str,
        text: &str,
    ) -> reqwest::Response {
        let body = command_body(command, text, user, channel, &unique("trigger"))
            .replace("team_id=T0001", &format!("team_id={team}"));
        self.post_signed(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            &body,
            &[],
        )
        .await
    }

    /// Goes through "Add to Slack" for `team` as a browser would:
    /// `/slack/install` (its redirect and cookie), the user's approval on
    /// the fake's consent page, then `/slack/oauth_redirect`. Returns the
    /// final page's status and what a replay of the redirect needs.
    pub async fn install_workspace(&self, team: &str, user: &str) -> Installing {
        let started = self.start_install().await;
        let code = self.slack.approve(team, user);
        let res = self
            .oauth_redirect(&code, &started.state, Some(&started.cookie))
            .await;
        assert_eq!(
            res.status(),
            200,
            "install of {team} succeeded: {}",
            res.text().await.unwrap_or_default()
        );
        Installing { code, ..started }
    }

    /// `GET /slack/install`: the state from the redirect and the cookie set.
    pub async fn start_install(&self) -> Installing {
        let res = no_redirects()
            .get(self.url("/slack/install"))
            .send()
            .await
            .expect("install page");
        assert_eq!(res.status(), 302, "/slack/install redirects");
        let location = res.headers()["location"].to_str().unwrap().to_string();
        let cookie = res.headers()["set-cookie"].to_str().unwrap();
        let cookie = cookie.split(';').next().unwrap().to_string();
        let url = url::Url::parse(&location).expect("an absolute redirect");
        let state = url
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .expect("a state");
        Installing {
            location,
            cookie,
            state,
            code: String::new(),
        }
    }

    /// `GET /slack/oauth_redirect?code=…&state=…`, with `cookie` (`name=value`) if given.
    pub async fn oauth_redirect(
        &self,
        code: &str,
        state: &str,
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let query = serde_urlencoded::to_string([("code", code), ("state", state)]).unwrap();
        let mut req = no_redirects().get(self.url(&format!("/slack/oauth_redirect?{query}")));
        if let Some(cookie) = cookie {
            req = req.header("cookie", cookie);
        }
        req.send().await.expect("redirect page")
    }

    pub async fn standup(&self, text: &str) -> Value {
        self.command_as("U0001", CHANNEL, "/standup", text).await
    }

    /// `/standup start`, then waits for the run to open; its parent message's ts.
    pub async fn open_run(&self) -> String {
        self.standup("start").await;
        self.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
            .await;
        self.text("SELECT parent_ts FROM runs WHERE status = 'open'")
            .await
    }

    pub async fn interaction(&self, payload: &Value) -> reqwest::Response {
        let body = serde_urlencoded::to_string([("payload", payload.to_string())]).unwrap();
        self.post_signed(
            "/slack/interactivity",
            "application/x-www-form-urlencoded",
            &body,
            &[],
        )
        .await
    }

    /// Sends a thread reply from `user` as a signed `message` event.
    pub async fn reply_in_thread(
        &self,
        user: &str,
        thread_ts: &str,
        ts: &str,
        text: &str,
    ) -> reqwest::Response {
        let body = fixtures::event_envelope(
            "message_thread_reply",
            &unique("Ev"),
            serde_json::json!({ "user": user, "channel": CHANNEL, "ts": ts, "thread_ts": thread_ts, "text": text }),
        );
        self.post_event(&body).await
    }

    /// Polls `cond` every 50 ms for up to 10 s.
    pub async fn eventually<F, Fut>(&self, what: &str, cond: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..200 {
            if cond().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "timed out waiting for: {what}\nSlack calls:\n{}",
            self.slack.describe_calls()
        );
    }

    /// Waits (up to 10 s) until the bot is idle: no inbox row pending and no
    /// background work in flight (handlers, scheduled opens and closes, a
    /// scheduler tick), seen on two polls in a row. "Nothing else happened"
    /// is asserted after this, never after a fixed sleep.
    pub async fn idle(&self) {
        let mut quiet = 0;
        for _ in 0..500 {
            let pending = self
                .scalar("SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL AND attempts = 0")
                .await;
            if pending == 0 && self.ctx.tasks_in_flight() == 0 {
                quiet += 1;
                if quiet == 2 {
                    return;
                }
            } else {
                quiet = 0;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "the bot did not become idle within 10 s ({} tasks in flight)\nSlack calls:\n{}",
            self.ctx.tasks_in_flight(),
            self.slack.describe_calls()
        );
    }

    /// Runs one scheduler pass now (at the app's clock) and waits until
    /// the work it started is done. Tests that move a manual clock drive the
    /// scheduler with this instead of waiting for its timer.
    pub async fn tick(&self) {
        scrumbot::scheduler::tick(&self.ctx)
            .await
            .expect("a scheduler tick");
        self.idle().await;
    }

    /// Waits (up to 10 s) until the integer query `sql` returns `n`.
    pub async fn wait_count(&self, sql: &str, n: i64) {
        self.eventually(&format!("{sql} = {n}"), || async {
            self.scalar(sql).await == n
        })
        .await
    }

    pub async fn scalar(&self, sql: &str) -> i64 {
        use sqlx::Row;
        let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(&self.ctx.store.pool)
            .await
            .expect("query");
        row.try_get::<i64, _>(0)
            .or_else(|_| row.try_get::<i32, _>(0).map(i64::from))
            .expect("an integer")
    }

    pub async fn text(&self, sql: &str) -> String {
        use sqlx::Row;
        let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(&self.ctx.store.pool)
            .await
            .expect("query");
        row.try_get::<String, _>(0).expect("a text value")
    }

    pub async fn exec(&self, sql: &str) {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&self.ctx.store.pool)
            .await
            .expect("statement");
    }
}

/// An "Add to Slack" in progress (or done): where `/slack/install` sent the
/// browser, the cookie it set, the state, and the code once approved.
pub struct Installing {
    pub location: String,
    pub cookie: String,
    pub state: String,
    pub code: String,
}

/// A client that shows redirects rather than following them.
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// A slash-command form body: Slack's sample (`commands/standup.txt`) with
/// the command, text, user, channel and trigger id replaced.
pub fn command_body(command: &str, text: &str, user: &str, channel: &str, trigger: &str) -> String {
    let sample = fixtures::fixture("commands/standup.txt");
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_str(sample.trim()).expect("the sample is a form");
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| {
            let v = match k.as_str() {
                "command" => command.to_string(),
                "text" => text.to_string(),
                "user_id" => user.to_string(),
                "channel_id" => channel.to_string(),
                "trigger_id" => trigger.to_string(),
                _ => v,
            };
            (k, v)
        })
        .collect();
    serde_urlencoded::to_string(fields).unwrap()
}

/// Opens a run in [`CHANNEL`] (members U0001–U0003), has each `(user, ts,
/// text)` answer in its thread, closes it and waits for its "Action items"
/// message. Returns the parent ts. The scripted standup the follow-through,
/// API and MCP tests start from.
pub async fn closed_run_with_answers(app: &TestApp, answers: &[(&str, &str, &str)]) -> String {
    let parent = closed_run(app, answers).await;
    app.wait_count(
        "SELECT COUNT(*) FROM posts WHERE post_key LIKE '%:actions' AND ts IS NOT NULL",
        1,
    )
    .await;
    parent
}

/// Opens a run in [`CHANNEL`] (members U0001–U0003), has each `(user, ts,
/// text)` answer in its thread, closes it and waits until the run is
/// closed. Returns the parent ts.
pub async fn closed_run(app: &TestApp, answers: &[(&str, &str, &str)]) -> String {
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    app.standup("start").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let parent = app.text("SELECT parent_ts FROM runs").await;
    for (user, ts, text) in answers {
        app.reply_in_thread(user, &parent, ts, text).await;
    }
    app.wait_count("SELECT COUNT(*) FROM answers", answers.len() as i64)
        .await;
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    parent
}
