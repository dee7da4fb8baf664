//! Configuration, read once at start from the environment (and `.env`) or
//! from the command line.
//!
//! The variable names are a contract with the people who deploy scrumbot, so
//! they are declared once, in [`VARS`]: the command line builds one option per
//! variable from that table (`scrumbot serve --help` lists them), a test
//! checks the README's configuration table against it, and
//! [`Config::from_lookup`] reads no name that is not in it. Nothing reads the
//! environment on the request path. Secrets are `SecretString`s so that a
//! `{:?}` of the config never prints them.

use std::net::{SocketAddr, ToSocketAddrs};
use std::ops::RangeInclusive;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::ingress::server::ServerLimits;

/// A configuration problem, naming the variable so the operator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is required but not set")]
    Missing(&'static str),
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

/// Which commands a variable concerns: `migrate` reads only the database
/// group, `summarize` only the LLM group; `serve` and `check` read them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Slack,
    Database,
    Llm,
    Server,
    Log,
    Tickets,
}

/// One configuration variable: its name, its command-line flag and what it is for.
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub name: &'static str,
    /// The long flag without `--`: the name in lower case with dashes.
    pub flag: &'static str,
    pub group: Group,
    /// A secret's value is never shown (not by `--help` either).
    pub secret: bool,
    pub help: &'static str,
}

const fn var(name: &'static str, flag: &'static str, group: Group, help: &'static str) -> Var {
    Var {
        name,
        flag,
        group,
        secret: false,
        help,
    }
}

const fn secret(name: &'static str, flag: &'static str, group: Group, help: &'static str) -> Var {
    Var {
        name,
        flag,
        group,
        secret: true,
        help,
    }
}

/// Every variable scrumbot reads, in the order `--help` shows them.
#[rustfmt::skip] // one variable per line, read as a table
pub const VARS: &[Var] = &[
    secret("SLACK_BOT_TOKEN", "slack-bot-token", Group::Slack, "Bot token, xoxb-… (required for one workspace; unset with the OAuth variables)"),
    secret("SLACK_SIGNING_SECRET", "slack-signing-secret", Group::Slack, "Verifies requests from Slack (required for HTTP mode)"),
    secret("SLACK_APP_TOKEN", "slack-app-token", Group::Slack, "App-level token, xapp-…; when set, the bot also connects over Socket Mode"),
    var("SLACK_CLIENT_ID", "slack-client-id", Group::Slack, "OAuth client id: with the next three, the bot installs by \"Add to Slack\" in many workspaces"),
    secret("SLACK_CLIENT_SECRET", "slack-client-secret", Group::Slack, "OAuth client secret (multi-workspace)"),
    var("SCRUMBOT_PUBLIC_URL", "scrumbot-public-url", Group::Slack, "Public base URL, e.g. https://bot.example.com (multi-workspace: the OAuth redirect)"),
    secret("SCRUMBOT_ENCRYPTION_KEY", "scrumbot-encryption-key", Group::Slack, "Base64 of 32 bytes that encrypt the stored tokens; `scrumbot keygen` prints one (multi-workspace)"),
    var("SLACK_API_URL", "slack-api-url", Group::Slack, "Base of every Web API call [default: https://slack.com/api/]"),
    var("DATABASE_URL", "database-url", Group::Database, "sqlite:… (file created if missing) or postgres://… [default: sqlite://scrumbot.db?mode=rwc]"),
    var("SCRUMBOT_SQLITE_SYNC", "scrumbot-sqlite-sync", Group::Database, "SQLite durability: full (survives a power cut) or normal (survives a crash) [default: full]"),
    secret("OPENAI_API_KEY", "openai-api-key", Group::Llm, "OpenAI key; with neither it nor OPENAI_BASE_URL the offline summarizer is used"),
    var("OPENAI_BASE_URL", "openai-base-url", Group::Llm, "Any OpenAI-compatible API, e.g. Ollama or vLLM (no key needed then) [default: https://api.openai.com/v1]"),
    var("OPENAI_MODEL", "openai-model", Group::Llm, "Chat model [default: gpt-4o-mini]"),
    var("OPENAI_MAX_INPUT_TOKENS", "openai-max-input-tokens", Group::Llm, "Past this, input is summarized in chunks [default: 12000]"),
    var("OPENAI_TIMEOUT_SECS", "openai-timeout-secs", Group::Llm, "Upper bound for one summary, retries included [default: 60]"),
    var("AZURE_OPENAI_ENDPOINT", "azure-openai-endpoint", Group::Llm, "Azure OpenAI resource, https://NAME.openai.azure.com; selects Azure"),
    secret("AZURE_OPENAI_API_KEY", "azure-openai-api-key", Group::Llm, "Azure OpenAI key (sent as the api-key header)"),
    var("AZURE_OPENAI_DEPLOYMENT", "azure-openai-deployment", Group::Llm, "Azure OpenAI deployment name"),
    var("AZURE_OPENAI_API_VERSION", "azure-openai-api-version", Group::Llm, "Azure OpenAI API version [default: 2024-10-21]"),
    var("SCRUMBOT_LISTEN", "scrumbot-listen", Group::Server, "Public HTTP address (Slack, /healthz) [default: 0.0.0.0:3000]"),
    var("SCRUMBOT_ADMIN_LISTEN", "scrumbot-admin-listen", Group::Server, "Admin HTTP address (/metrics, /healthz), or off [default: 127.0.0.1:9000]"),
    var("SCRUMBOT_MAX_CONNECTIONS", "scrumbot-max-connections", Group::Server, "HTTP connections served at once [default: 10000]"),
    var("SCRUMBOT_HTTP_HEADER_TIMEOUT_SECS", "scrumbot-http-header-timeout-secs", Group::Server, "Time a client has to send a request head [default: 10]"),
    var("SCRUMBOT_INBOX_LEASE_SECS", "scrumbot-inbox-lease-secs", Group::Server, "How long a replica holds a received request before another may replay it [default: 120]"),
    var("SCRUMBOT_RETENTION_DAYS", "scrumbot-retention-days", Group::Server, "How long received channel messages are kept [default: 30]"),
    var("SCRUMBOT_TICK_MS", "scrumbot-tick-ms", Group::Server, "How often the scheduler looks for due work [default: 1000]"),
    var("SCRUMBOT_LOG_FORMAT", "scrumbot-log-format", Group::Log, "pretty or json [default: pretty]"),
    var("RUST_LOG", "rust-log", Group::Log, "Log filter, e.g. scrumbot=debug [default: info]"),
    secret("GITHUB_TOKEN", "github-token", Group::Tickets, "\"Create issue\" in GitHub Issues"),
    var("GITHUB_API_URL", "github-api-url", Group::Tickets, "GitHub API base [default: https://api.github.com]"),
    var("JIRA_BASE_URL", "jira-base-url", Group::Tickets, "\"Create issue\" in Jira Cloud: the site, https://NAME.atlassian.net"),
    var("JIRA_EMAIL", "jira-email", Group::Tickets, "Jira account e-mail"),
    secret("JIRA_API_TOKEN", "jira-api-token", Group::Tickets, "Jira API token"),
    secret("TRELLO_API_KEY", "trello-api-key", Group::Tickets, "\"Create issue\" in Trello: the Power-Up's API key (with TRELLO_TOKEN)"),
    secret("TRELLO_TOKEN", "trello-token", Group::Tickets, "Trello token authorized for that key"),
    var("TRELLO_API_URL", "trello-api-url", Group::Tickets, "Trello API base [default: https://api.trello.com]"),
    secret("ASANA_TOKEN", "asana-token", Group::Tickets, "\"Create issue\" in Asana: a personal access token"),
    var("ASANA_API_URL", "asana-api-url", Group::Tickets, "Asana API base [default: https://app.asana.com/api/1.0]"),
    secret("LINEAR_API_KEY", "linear-api-key", Group::Tickets, "\"Create issue\" in Linear: a personal API key"),
    var("LINEAR_API_URL", "linear-api-url", Group::Tickets, "Linear GraphQL endpoint [default: https://api.linear.app/graphql]"),
    var("SCRUMBOT_TICKET_STATUS_TIMEOUT_MS", "scrumbot-ticket-status-timeout-ms", Group::Tickets, "Longest a summary waits for ticket statuses [default: 1500]"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// SQLite's `synchronous` pragma under WAL: the store's own setting.
pub use crate::store::SqliteSync;

/// Where the LLM is served.
#[derive(Debug, Clone)]
pub enum LlmServer {
    /// OpenAI, or any server speaking its API (Ollama, vLLM, LiteLLM, …).
    /// Local servers need no key; then no Authorization header is sent.
    OpenAi {
        base_url: String,
        api_key: Option<SecretString>,
    },
    /// Azure OpenAI: the deployment is in the path, the version in the query,
    /// the key in an `api-key` header.
    Azure {
        endpoint: String,
        deployment: String,
        api_version: String,
        api_key: SecretString,
    },
}

/// The LLM endpoint; absent when none is configured, which selects the
/// offline summarizer.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub server: LlmServer,
    pub model: String,
    pub max_input_tokens: usize,
    pub timeout: Duration,
}

/// What `migrate` needs: the database alone.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub url: String,
    pub sqlite_sync: SqliteSync,
}

/// Multi-workspace mode: "Add to Slack" by OAuth, tokens stored encrypted.
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    pub client_id: String,
    pub client_secret: SecretString,
    /// `SCRUMBOT_PUBLIC_URL` without a trailing `/`.
    pub public_url: String,
    /// The decoded `SCRUMBOT_ENCRYPTION_KEY` (its `Debug` shows nothing).
    pub encryption_key: crate::install::crypto::TokenKey,
}

impl OAuthConfig {
    /// Where Slack sends the browser back after "Add to Slack".
    pub fn redirect_uri(&self) -> String {
        format!("{}/slack/oauth_redirect", self.public_url)
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Single-workspace mode: the one bot token. `None` in multi-workspace
    /// mode (exactly one of this and [`Config::oauth`] is set).
    pub bot_token: Option<SecretString>,
    /// Multi-workspace mode (the OAuth variables).
    pub oauth: Option<OAuthConfig>,
    /// Required for the HTTP endpoints; optional when only Socket Mode is used.
    pub signing_secret: Option<SecretString>,
    pub app_token: Option<SecretString>,
    /// Web API base, always ending in `/` (e.g. `https://slack.com/api/`).
    pub slack_api_url: String,
    /// A SQLite URL always says `mode=…` (`rwc` unless given), so the file is
    /// created on first start.
    pub database_url: String,
    pub sqlite_sync: SqliteSync,
    pub openai: Option<OpenAiConfig>,
    pub listen: SocketAddr,
    /// `/metrics` and `/healthz` for operators, off the public port; `None` when `off`.
    pub admin_listen: Option<SocketAddr>,
    /// The public HTTP server's connection cap and timeouts.
    pub server: ServerLimits,
    pub log_format: LogFormat,
    /// How long received channel messages are kept (digests).
    pub retention_days: u32,
    /// How long the replica that received a request holds it before
    /// another may replay it (see `store::inbox`): longer than any handler
    /// runs, and a handler waiting on the LLM runs up to `OPENAI_TIMEOUT_SECS`
    /// (60 s by default), hence twice that.
    pub inbox_lease_secs: u32,
    /// How often the scheduler looks for due work.
    pub scheduler_interval: Duration,
    pub tickets: TicketsConfig,
}

/// Issue trackers for "Create issue" (each optional; the repository or
/// project is chosen per channel with `/standup tickets …`).
#[derive(Debug, Clone, Default)]
pub struct TicketsConfig {
    pub github_token: Option<SecretString>,
    pub github_api_url: String,
    pub jira_base_url: Option<String>,
    pub jira_email: Option<String>,
    pub jira_api_token: Option<SecretString>,
    /// Trello's API key and token, sent together (both or neither).
    pub trello: Option<(SecretString, SecretString)>,
    pub trello_api_url: String,
    pub asana_token: Option<SecretString>,
    pub asana_api_url: String,
    pub linear_api_key: Option<SecretString>,
    pub linear_api_url: String,
    /// How long a summary waits, at most, for the statuses of the tickets
    /// its answers mention: past it the summary goes out without them.
    pub status_timeout: Duration,
}

pub const DEFAULT_SLACK_API_URL: &str = "https://slack.com/api/";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://scrumbot.db?mode=rwc";
pub const DEFAULT_OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4o-mini";
/// The newest generally available Azure OpenAI data-plane version.
pub const DEFAULT_AZURE_API_VERSION: &str = "2024-10-21";

/// A lookup of variables by name (the environment, the command line, a test's map).
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Config {
    /// Reads the process environment, after loading `.env` if one exists.
    pub fn from_env() -> Result<Self, anyhow::Error> {
        load_dotenv()?;
        Ok(Self::from_lookup(|name| std::env::var(name).ok())?)
    }

    /// Builds the configuration from any lookup, so tests need not touch the
    /// process environment. Groups are read in a fixed order (Slack, database,
    /// LLM, server, then the numbers and trackers), so the first problem
    /// reported is always the same one.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars(&get);
        let slack = SlackVars::read(&vars)?;
        let database = DatabaseConfig::read(&vars)?;
        let openai = llm(&vars)?;
        let listen = vars.address("SCRUMBOT_LISTEN", "0.0.0.0:3000")?;
        let admin_listen = match vars.get("SCRUMBOT_ADMIN_LISTEN") {
            Some(v) if v.eq_ignore_ascii_case("off") => None,
            _ => Some(vars.address("SCRUMBOT_ADMIN_LISTEN", "127.0.0.1:9000")?),
        };
        Ok(Config {
            bot_token: slack.bot_token,
            oauth: slack.oauth,
            signing_secret: slack.signing_secret,
            app_token: slack.app_token,
            slack_api_url: slack.api_url,
            database_url: database.url,
            sqlite_sync: database.sqlite_sync,
            openai,
            listen,
            admin_listen,
            server: server_limits(&vars)?,
            log_format: log_format(&vars)?,
            // 30 days, as before this variable had a range: the digest tests'
            // purge expects it, and a longer default would keep people's
            // messages longer than operators agreed to.
            retention_days: vars.number("SCRUMBOT_RETENTION_DAYS", 30, 1..=3650)?,
            inbox_lease_secs: vars.number("SCRUMBOT_INBOX_LEASE_SECS", 120, 1..=3600)?,
            scheduler_interval: Duration::from_millis(vars.number(
                "SCRUMBOT_TICK_MS",
                1_000,
                10..=86_400_000,
            )?),
            tickets: tickets(&vars)?,
        })
    }

    /// True when the HTTP endpoints can verify requests.
    pub fn http_enabled(&self) -> bool {
        self.signing_secret
            .as_ref()
            .is_some_and(|s| !s.expose_secret().is_empty())
    }
}

impl DatabaseConfig {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self::read(&Vars(&get))
    }

    fn read(vars: &Vars) -> Result<Self, ConfigError> {
        let sqlite_sync = match lower(vars.get("SCRUMBOT_SQLITE_SYNC")).as_deref() {
            None | Some("full") => SqliteSync::Full,
            Some("normal") => SqliteSync::Normal,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "SCRUMBOT_SQLITE_SYNC",
                    reason: format!("{other:?} is neither full nor normal"),
                })
            }
        };
        Ok(DatabaseConfig {
            url: database_url(vars)?,
            sqlite_sync,
        })
    }
}

/// Loads `.env` from the working directory when there is one, without
/// overriding the environment. A line that does not parse is an error naming
/// the file and the line: skipping it would leave its variable "not set"
/// with no hint why.
pub fn load_dotenv() -> anyhow::Result<()> {
    let path = std::path::Path::new(".env");
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        // No .env is the normal case in production.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => anyhow::bail!("cannot read {}: {e}", shown(path)),
    };
    let mut pairs = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(pair) => pairs.push(pair),
            Err(dotenvy::Error::LineParse(line, column)) => {
                // The error carries the line's text (possibly a secret), not
                // its number: find it, and name only the number.
                let number = text
                    .find(&line)
                    .map_or(0, |at| text[..at].matches('\n').count())
                    + 1;
                anyhow::bail!(
                    "{}, line {number}: not a NAME=value line (unexpected character at column {})",
                    shown(path),
                    column + 1
                );
            }
            Err(e) => anyhow::bail!("{}: {e}", shown(path)),
        }
    }
    for (name, value) in pairs {
        if std::env::var_os(&name).is_none() {
            // Still single-threaded work: nothing else reads the environment yet.
            std::env::set_var(name, value);
        }
    }
    Ok(())
}

fn shown(path: &std::path::Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.into())
        .display()
        .to_string()
}

/// The LLM group alone, for `scrumbot summarize` (`None`: the offline engine).
pub fn llm_from_lookup(
    get: impl Fn(&str) -> Option<String>,
) -> Result<Option<OpenAiConfig>, ConfigError> {
    llm(&Vars(&get))
}

/// The log format alone, read before the rest so errors are logged in it.
pub fn log_format_from_lookup(
    get: impl Fn(&str) -> Option<String>,
) -> Result<LogFormat, ConfigError> {
    log_format(&Vars(&get))
}

fn lower(v: Option<String>) -> Option<String> {
    v.map(|v| v.to_ascii_lowercase())
}

/// The lookup, with blank values treated as unset.
struct Vars<'a>(Lookup<'a>);

impl Vars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        debug_assert!(
            VARS.iter().any(|v| v.name == name),
            "{name} is read but not declared in VARS"
        );
        (self.0)(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A number within `range` (checked here, so a zero interval cannot
    /// reach the scheduler); the error says the range.
    fn number<T>(
        &self,
        name: &'static str,
        default: T,
        range: RangeInclusive<T>,
    ) -> Result<T, ConfigError>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display,
    {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        let out_of_range = || ConfigError::Invalid {
            name,
            reason: format!(
                "{v:?} is not a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        };
        let n: T = v.parse().map_err(|_| out_of_range())?;
        if range.contains(&n) {
            Ok(n)
        } else {
            Err(out_of_range())
        }
    }

    /// A `host:port`; a host name is resolved (the first address is used).
    fn address(&self, name: &'static str, default: &str) -> Result<SocketAddr, ConfigError> {
        let v = self.get(name).unwrap_or_else(|| default.into());
        if let Ok(addr) = v.parse() {
            return Ok(addr);
        }
        let invalid = |why: String| ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not a host:port address ({why})"),
        };
        v.to_socket_addrs()
            .map_err(|e| invalid(e.to_string()))?
            .next()
            .ok_or_else(|| invalid("the host has no address".into()))
    }

    fn url(&self, name: &'static str, default: &str) -> Result<String, ConfigError> {
        let url = self.get(name).unwrap_or_else(|| default.into());
        let parsed = url::Url::parse(&url).map_err(|e| ConfigError::Invalid {
            name,
            reason: e.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ConfigError::Invalid {
                name,
                reason: "must be an http(s) URL".into(),
            });
        }
        Ok(url.trim_end_matches('/').to_string())
    }
}

/// The Slack group: tokens, signing secret, Web API base.
struct SlackVars {
    bot_token: Option<SecretString>,
    oauth: Option<OAuthConfig>,
    app_token: Option<SecretString>,
    signing_secret: Option<SecretString>,
    api_url: String,
}

impl SlackVars {
    fn read(vars: &Vars) -> Result<Self, ConfigError> {
        let oauth = oauth(vars)?;
        let bot_token = vars.get("SLACK_BOT_TOKEN");
        if oauth.is_some() && bot_token.is_some() {
            return Err(ConfigError::Invalid {
                name: "SLACK_BOT_TOKEN",
                reason: "set either SLACK_BOT_TOKEN (one workspace) or the OAuth variables (many workspaces), not both".into(),
            });
        }
        if bot_token.is_none() && oauth.is_none() {
            return Err(ConfigError::Missing("SLACK_BOT_TOKEN"));
        }
        if bot_token.as_ref().is_some_and(|t| !t.starts_with("xoxb-")) {
            return Err(ConfigError::Invalid {
                name: "SLACK_BOT_TOKEN",
                reason: "a bot token starts with xoxb-".into(),
            });
        }
        let app_token = vars.get("SLACK_APP_TOKEN");
        if app_token.as_ref().is_some_and(|t| !t.starts_with("xapp-")) {
            return Err(ConfigError::Invalid {
                name: "SLACK_APP_TOKEN",
                reason: "an app-level token starts with xapp-".into(),
            });
        }
        let signing_secret = vars.get("SLACK_SIGNING_SECRET");
        if signing_secret.is_none() && app_token.is_none() {
            // Without either there is no way for Slack to reach the bot.
            return Err(ConfigError::Missing("SLACK_SIGNING_SECRET"));
        }
        Ok(SlackVars {
            bot_token: bot_token.map(SecretString::from),
            oauth,
            app_token: app_token.map(SecretString::from),
            signing_secret: signing_secret.map(SecretString::from),
            // Exactly one trailing `/`: methods are appended to it.
            api_url: format!("{}/", vars.url("SLACK_API_URL", DEFAULT_SLACK_API_URL)?),
        })
    }
}

/// The OAuth variables, all four or none (naming the first one missing).
fn oauth(vars: &Vars) -> Result<Option<OAuthConfig>, ConfigError> {
    const NAMES: [&str; 4] = [
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SCRUMBOT_PUBLIC_URL",
        "SCRUMBOT_ENCRYPTION_KEY",
    ];
    let Some(set) = NAMES.iter().find(|n| vars.get(n).is_some()) else {
        return Ok(None);
    };
    if let Some(missing) = NAMES.iter().find(|n| vars.get(n).is_none()) {
        return Err(ConfigError::Invalid {
            name: missing,
            reason: format!("{set} is set, so this must be too: the four OAuth variables go together (or none, with SLACK_BOT_TOKEN)"),
        });
    }
    let key = vars.get("SCRUMBOT_ENCRYPTION_KEY").unwrap_or_default();
    let encryption_key =
        crate::install::crypto::TokenKey::from_base64(&key).map_err(|e| ConfigError::Invalid {
            name: "SCRUMBOT_ENCRYPTION_KEY",
            reason: e.to_string(),
        })?;
    Ok(Some(OAuthConfig {
        client_id: vars.get("SLACK_CLIENT_ID").unwrap_or_default(),
        client_secret: SecretString::from(vars.get("SLACK_CLIENT_SECRET").unwrap_or_default()),
        public_url: vars.url("SCRUMBOT_PUBLIC_URL", "")?,
        encryption_key,
    }))
}

/// `DATABASE_URL`; a SQLite URL without `mode=` gets `mode=rwc`, since
/// sqlx otherwise refuses to create the file ("unable to open database file").
fn database_url(vars: &Vars) -> Result<String, ConfigError> {
    let url = vars
        .get("DATABASE_URL")
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(url);
    }
    if !url.starts_with("sqlite:") {
        return Err(ConfigError::Invalid {
            name: "DATABASE_URL",
            reason: "must start with sqlite: or postgres://".into(),
        });
    }
    if url.contains("mode=") || url.contains(":memory:") {
        return Ok(url);
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{separator}mode=rwc"))
}

/// The LLM group: Azure when `AZURE_OPENAI_ENDPOINT` is set, an
/// OpenAI-compatible server when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is,
/// else `None` (the offline summarizer).
fn llm(vars: &Vars) -> Result<Option<OpenAiConfig>, ConfigError> {
    let server = if let Some(endpoint) = vars.get("AZURE_OPENAI_ENDPOINT") {
        let endpoint = vars.url("AZURE_OPENAI_ENDPOINT", &endpoint)?;
        LlmServer::Azure {
            endpoint,
            deployment: vars
                .get("AZURE_OPENAI_DEPLOYMENT")
                .ok_or(ConfigError::Missing("AZURE_OPENAI_DEPLOYMENT"))?,
            api_version: vars
                .get("AZURE_OPENAI_API_VERSION")
                .unwrap_or_else(|| DEFAULT_AZURE_API_VERSION.into()),
            api_key: vars
                .get("AZURE_OPENAI_API_KEY")
                .map(SecretString::from)
                .ok_or(ConfigError::Missing("AZURE_OPENAI_API_KEY"))?,
        }
    } else if let Some(name) = ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT"]
        .into_iter()
        .find(|n| vars.get(n).is_some())
    {
        return Err(ConfigError::Invalid {
            name,
            reason: "is set but AZURE_OPENAI_ENDPOINT is not; set both or neither".into(),
        });
    } else {
        let api_key = vars.get("OPENAI_API_KEY").map(SecretString::from);
        if api_key.is_none() && vars.get("OPENAI_BASE_URL").is_none() {
            return Ok(None);
        }
        LlmServer::OpenAi {
            base_url: vars.url("OPENAI_BASE_URL", DEFAULT_OPENAI_BASE_URL)?,
            api_key,
        }
    };
    let model = match (&server, vars.get("OPENAI_MODEL")) {
        (_, Some(model)) => model,
        // Azure routes by deployment and ignores the model; name it for the logs.
        (LlmServer::Azure { deployment, .. }, None) => deployment.clone(),
        (LlmServer::OpenAi { .. }, None) => DEFAULT_OPENAI_MODEL.into(),
    };
    Ok(Some(OpenAiConfig {
        server,
        model,
        max_input_tokens: vars.number("OPENAI_MAX_INPUT_TOKENS", 12_000, 100..=10_000_000)?,
        timeout: Duration::from_secs(vars.number("OPENAI_TIMEOUT_SECS", 60, 1..=3600)?),
    }))
}

fn log_format(vars: &Vars) -> Result<LogFormat, ConfigError> {
    match lower(vars.get("SCRUMBOT_LOG_FORMAT")).as_deref() {
        None | Some("pretty") => Ok(LogFormat::Pretty),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => Err(ConfigError::Invalid {
            name: "SCRUMBOT_LOG_FORMAT",
            reason: format!("{other:?} is neither pretty nor json"),
        }),
    }
}

fn server_limits(vars: &Vars) -> Result<ServerLimits, ConfigError> {
    Ok(ServerLimits {
        max_connections: vars.number("SCRUMBOT_MAX_CONNECTIONS", 10_000, 16..=1_000_000)?,
        header_read_timeout: Duration::from_secs(vars.number(
            "SCRUMBOT_HTTP_HEADER_TIMEOUT_SECS",
            10,
            1..=300,
        )?),
        // Slack gives up after 3 s; 30 s leaves room for slow networks.
        request_timeout: Duration::from_secs(30),
    })
}

fn tickets(vars: &Vars) -> Result<TicketsConfig, ConfigError> {
    let base = |name: &str, default: &str| {
        vars.get(name)
            .unwrap_or_else(|| default.into())
            .trim_end_matches('/')
            .to_string()
    };
    // A key without its token (or the reverse) can never authenticate: say
    // so at start rather than at the first "Create issue".
    let trello = match (vars.get("TRELLO_API_KEY"), vars.get("TRELLO_TOKEN")) {
        (Some(key), Some(token)) => Some((SecretString::from(key), SecretString::from(token))),
        (None, None) => None,
        (Some(_), None) => return Err(ConfigError::Missing("TRELLO_TOKEN")),
        (None, Some(_)) => return Err(ConfigError::Missing("TRELLO_API_KEY")),
    };
    Ok(TicketsConfig {
        github_token: vars.get("GITHUB_TOKEN").map(SecretString::from),
        github_api_url: base("GITHUB_API_URL", "https://api.github.com"),
        jira_base_url: vars
            .get("JIRA_BASE_URL")
            .map(|u| u.trim_end_matches('/').to_string()),
        jira_email: vars.get("JIRA_EMAIL"),
        jira_api_token: vars.get("JIRA_API_TOKEN").map(SecretString::from),
        trello,
        trello_api_url: base("TRELLO_API_URL", "https://api.trello.com"),
        asana_token: vars.get("ASANA_TOKEN").map(SecretString::from),
        asana_api_url: base("ASANA_API_URL", "https://app.asana.com/api/1.0"),
        linear_api_key: vars.get("LINEAR_API_KEY").map(SecretString::from),
        linear_api_url: base("LINEAR_API_URL", "https://api.linear.app/graphql"),
        status_timeout: Duration::from_millis(vars.number(
            "SCRUMBOT_TICKET_STATUS_TIMEOUT_MS",
            1_500,
            50..=60_000,
        )?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn a_trello_key_without_its_token_is_refused_at_start() {
        let err = config(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("TRELLO_API_KEY", "k"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("TRELLO_TOKEN"), "{err}");
        let c = config(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_SIGNING_SECRET", "s")]).unwrap();
        assert!(c.tickets.trello.is_none());
        assert_eq!(c.tickets.linear_api_url, "https://api.linear.app/graphql");
        assert_eq!(c.tickets.status_timeout, Duration::from_millis(1_500));
    }

    #[test]
    fn missing_bot_token_names_the_variable() {
        let err = config(&[]).unwrap_err().to_string();
        assert!(err.contains("SLACK_BOT_TOKEN"), "{err}");
    }

    #[test]
    fn defaults_apply_and_api_url_gets_a_trailing_slash() {
        let c = config(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("SLACK_API_URL", "http://127.0.0.1:9/api"),
        ])
        .unwrap();
        assert_eq!(c.slack_api_url, "http://127.0.0.1:9/api/");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert!(c.openai.is_none());
        assert_eq!(c.listen.port(), 3000);
    }

    #[test]
    fn bad_values_are_refused_by_name_without_echoing_secrets() {
        let err = config(&[
            ("SLACK_BOT_TOKEN", "xoxp-secret-value"),
            ("SLACK_SIGNING_SECRET", "s"),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("SLACK_BOT_TOKEN") && !err.contains("secret-value"),
            "{err}"
        );
        let err = config(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("SCRUMBOT_LISTEN", "nope"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("SCRUMBOT_LISTEN"), "{err}");
        let err = config(&[("SLACK_BOT_TOKEN", "xoxb-1")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("SLACK_SIGNING_SECRET"), "{err}");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let c = config(&[
            ("SLACK_BOT_TOKEN", "xoxb-topsecret"),
            ("SLACK_SIGNING_SECRET", "hush"),
            ("OPENAI_API_KEY", "sk-verysecret"),
        ])
        .unwrap();
        let dbg = format!("{c:?}");
        assert!(
            !dbg.contains("topsecret") && !dbg.contains("hush") && !dbg.contains("verysecret"),
            "{dbg}"
        );
    }

    fn base(extra: &[(&'static str, &'static str)]) -> Result<Config, ConfigError> {
        let mut vars = vec![("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_SIGNING_SECRET", "s")];
        vars.extend_from_slice(extra);
        config(&vars)
    }

    #[test]
    fn only_declared_variables_are_read() {
        let asked = std::cell::RefCell::new(Vec::new());
        let _ = Config::from_lookup(|name| {
            asked.borrow_mut().push(name.to_string());
            match name {
                "SLACK_BOT_TOKEN" => Some("xoxb-1".into()),
                "SLACK_SIGNING_SECRET" => Some("s".into()),
                "OPENAI_BASE_URL" => Some("http://localhost:11434/v1".into()),
                _ => None,
            }
        })
        .unwrap();
        for name in asked.borrow().iter() {
            assert!(VARS.iter().any(|v| v.name == name), "{name} is not in VARS");
        }
    }

    #[test]
    fn new_settings_have_their_defaults() {
        let c = base(&[]).unwrap();
        assert_eq!(c.sqlite_sync, SqliteSync::Full);
        assert_eq!(c.retention_days, 30);
        assert_eq!(c.server.max_connections, 10_000);
        assert_eq!(c.server.header_read_timeout, Duration::from_secs(10));
        assert_eq!(c.server.request_timeout, Duration::from_secs(30));
        assert_eq!(c.admin_listen, Some("127.0.0.1:9000".parse().unwrap()));
        let c = base(&[
            ("SCRUMBOT_SQLITE_SYNC", "Normal"),
            ("SCRUMBOT_RETENTION_DAYS", "7"),
            ("SCRUMBOT_MAX_CONNECTIONS", "64"),
            ("SCRUMBOT_HTTP_HEADER_TIMEOUT_SECS", "3"),
            ("SCRUMBOT_ADMIN_LISTEN", "off"),
        ])
        .unwrap();
        assert_eq!(c.sqlite_sync, SqliteSync::Normal);
        assert_eq!(c.retention_days, 7);
        assert_eq!(c.server.max_connections, 64);
        assert_eq!(c.server.header_read_timeout, Duration::from_secs(3));
        assert_eq!(c.admin_listen, None);
    }

    #[test]
    fn numbers_out_of_range_are_refused_with_the_range() {
        for (name, value, range) in [
            ("SCRUMBOT_TICK_MS", "0", "from 10 to 86400000"),
            ("SCRUMBOT_RETENTION_DAYS", "0", "from 1 to 3650"),
            ("SCRUMBOT_RETENTION_DAYS", "5000", "from 1 to 3650"),
            ("SCRUMBOT_MAX_CONNECTIONS", "8", "from 16 to 1000000"),
            ("SCRUMBOT_HTTP_HEADER_TIMEOUT_SECS", "301", "from 1 to 300"),
            ("SCRUMBOT_TICK_MS", "-5", "from 10 to 86400000"),
            ("SCRUMBOT_TICK_MS", "fast", "from 10 to 86400000"),
        ] {
            let err = base(&[(name, value)]).unwrap_err().to_string();
            assert!(
                err.contains(name) && err.contains(range),
                "{name}={value}: {err}"
            );
        }
    }

    #[test]
    fn host_names_resolve_and_log_formats_ignore_case() {
        let c = base(&[
            ("SCRUMBOT_LISTEN", "localhost:3000"),
            ("SCRUMBOT_LOG_FORMAT", "JSON"),
        ])
        .unwrap();
        assert!(c.listen.ip().is_loopback(), "{}", c.listen);
        assert_eq!(c.listen.port(), 3000);
        assert_eq!(c.log_format, LogFormat::Json);
        let err = base(&[("SCRUMBOT_LISTEN", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("SCRUMBOT_LISTEN"), "{err}");
    }

    #[test]
    fn a_sqlite_url_creates_its_file_unless_it_says_otherwise() {
        let url = |u: &'static str| base(&[("DATABASE_URL", u)]).unwrap().database_url;
        assert_eq!(url("sqlite://x.db"), "sqlite://x.db?mode=rwc");
        assert_eq!(
            url("sqlite://x.db?cache=shared"),
            "sqlite://x.db?cache=shared&mode=rwc"
        );
        assert_eq!(url("sqlite://x.db?mode=ro"), "sqlite://x.db?mode=ro");
        assert_eq!(url("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(url("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn the_database_alone_needs_no_slack_variables() {
        let db = DatabaseConfig::from_lookup(|k| {
            (k == "DATABASE_URL").then(|| "postgres://u@h/db".to_string())
        })
        .unwrap();
        assert_eq!(db.url, "postgres://u@h/db");
        assert_eq!(db.sqlite_sync, SqliteSync::Full);
    }

    #[test]
    fn a_local_llm_server_needs_no_key() {
        let c = base(&[("OPENAI_BASE_URL", "http://localhost:11434/v1/")]).unwrap();
        let llm = c.openai.expect("an LLM is configured");
        match llm.server {
            LlmServer::OpenAi { base_url, api_key } => {
                assert_eq!(base_url, "http://localhost:11434/v1");
                assert!(api_key.is_none());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(llm.model, DEFAULT_OPENAI_MODEL);
    }

    #[test]
    fn azure_needs_its_endpoint_deployment_and_key_together() {
        let c = base(&[
            ("AZURE_OPENAI_ENDPOINT", "https://acme.openai.azure.com/"),
            ("AZURE_OPENAI_API_KEY", "azure-secret"),
            ("AZURE_OPENAI_DEPLOYMENT", "summaries"),
        ])
        .unwrap();
        let llm = c.openai.expect("Azure is configured");
        assert_eq!(llm.model, "summaries");
        match llm.server {
            LlmServer::Azure {
                endpoint,
                deployment,
                api_version,
                ..
            } => {
                assert_eq!(endpoint, "https://acme.openai.azure.com");
                assert_eq!(deployment, "summaries");
                assert_eq!(api_version, DEFAULT_AZURE_API_VERSION);
            }
            other => panic!("{other:?}"),
        }
        let err = base(&[
            ("AZURE_OPENAI_ENDPOINT", "https://acme.openai.azure.com"),
            ("AZURE_OPENAI_DEPLOYMENT", "summaries"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("AZURE_OPENAI_API_KEY"), "{err}");
        let err = base(&[("AZURE_OPENAI_DEPLOYMENT", "summaries")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("AZURE_OPENAI_ENDPOINT"), "{err}");
    }

    const KEY: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    fn oauth_vars() -> Vec<(&'static str, &'static str)> {
        vec![
            ("SLACK_SIGNING_SECRET", "s"),
            ("SLACK_CLIENT_ID", "1.2"),
            ("SLACK_CLIENT_SECRET", "client-secret-value"),
            ("SCRUMBOT_PUBLIC_URL", "https://bot.example.com/"),
            ("SCRUMBOT_ENCRYPTION_KEY", KEY),
        ]
    }

    #[test]
    fn the_oauth_variables_select_multi_workspace_mode() {
        let c = config(&oauth_vars()).expect("valid");
        assert!(c.bot_token.is_none());
        let oauth = c.oauth.expect("multi-workspace");
        assert_eq!(
            oauth.redirect_uri(),
            "https://bot.example.com/slack/oauth_redirect"
        );
        assert!(!format!("{oauth:?}").contains("client-secret-value"));
    }

    #[test]
    fn the_oauth_variables_go_together_and_not_with_a_bot_token() {
        let mut partial = oauth_vars();
        partial.retain(|(k, _)| *k != "SLACK_CLIENT_SECRET");
        let err = config(&partial).unwrap_err().to_string();
        assert!(err.contains("SLACK_CLIENT_SECRET"), "{err}");
        let mut both = oauth_vars();
        both.push(("SLACK_BOT_TOKEN", "xoxb-1"));
        let err = config(&both).unwrap_err().to_string();
        assert!(err.contains("not both"), "{err}");
    }

    #[test]
    fn a_malformed_encryption_key_is_refused_by_name_without_echoing_it() {
        let mut vars = oauth_vars();
        vars.retain(|(k, _)| *k != "SCRUMBOT_ENCRYPTION_KEY");
        vars.push(("SCRUMBOT_ENCRYPTION_KEY", "dG9vLXNob3J0LWtleQ=="));
        let err = config(&vars).unwrap_err().to_string();
        assert!(
            err.contains("SCRUMBOT_ENCRYPTION_KEY") && err.contains("32 bytes"),
            "{err}"
        );
        assert!(!err.contains("dG9vLXNob3J0"), "{err}");
    }
}
