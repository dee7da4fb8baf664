//! Configuration, read once at start from the environment (and `.env`).
//!
//! The variable names are a contract with the people who deploy scrumbot, so
//! they live here and nowhere else; nothing reads the environment on the
//! request path. Secrets are `SecretString`s so that a `{:?}` of the config
//! never prints them.

use std::net::SocketAddr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// A configuration problem, naming the variable so the operator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is required but not set")]
    Missing(&'static str),
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// The OpenAI-compatible endpoint; absent when no key is configured, which
/// selects the offline summarizer.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub api_key: SecretString,
    pub base_url: String,
    pub model: String,
    pub max_input_tokens: usize,
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub bot_token: SecretString,
    /// Required for the HTTP endpoints; optional when only Socket Mode is used.
    pub signing_secret: Option<SecretString>,
    pub app_token: Option<SecretString>,
    /// Web API base, always ending in `/` (e.g. `https://slack.com/api/`).
    pub slack_api_url: String,
    pub database_url: String,
    pub openai: Option<OpenAiConfig>,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    /// How long received channel messages are kept (digests).
    pub retention_days: u32,
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
}

pub const DEFAULT_SLACK_API_URL: &str = "https://slack.com/api/";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://scrumbot.db?mode=rwc";
pub const DEFAULT_OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4o-mini";

impl Config {
    /// Reads the process environment, after loading `.env` if one exists.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is the normal case in production; a malformed one is not
        // worth refusing to start over, the variables it failed to set are checked below.
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any lookup, so tests need not touch the
    /// process environment. Groups are read in a fixed order (Slack, database,
    /// OpenAI, server, then the numbers and trackers), so the first problem
    /// reported is always the same one.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars(&get);
        let slack = SlackVars::read(&vars)?;
        let database_url = database_url(&vars)?;
        let openai = openai(&vars)?;
        let (listen, log_format) = server(&vars)?;
        Ok(Config {
            bot_token: slack.bot_token,
            signing_secret: slack.signing_secret,
            app_token: slack.app_token,
            slack_api_url: slack.api_url,
            database_url,
            openai,
            listen,
            log_format,
            retention_days: vars.num("SCRUMBOT_RETENTION_DAYS", 30)?,
            scheduler_interval: Duration::from_millis(vars.num("SCRUMBOT_TICK_MS", 1_000)?),
            tickets: tickets(&vars),
        })
    }

    /// True when the HTTP endpoints can verify requests.
    pub fn http_enabled(&self) -> bool {
        self.signing_secret
            .as_ref()
            .is_some_and(|s| !s.expose_secret().is_empty())
    }
}

/// The lookup, with blank values treated as unset.
struct Vars<'a>(&'a dyn Fn(&str) -> Option<String>);

impl Vars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn num<T: std::str::FromStr>(&self, name: &'static str, default: T) -> Result<T, ConfigError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
                name,
                reason: format!("{v:?} is not a number"),
            }),
        }
    }
}

/// The Slack group: tokens, signing secret, Web API base.
struct SlackVars {
    bot_token: SecretString,
    app_token: Option<SecretString>,
    signing_secret: Option<SecretString>,
    api_url: String,
}

impl SlackVars {
    fn read(vars: &Vars) -> Result<Self, ConfigError> {
        let bot_token = vars
            .get("SLACK_BOT_TOKEN")
            .ok_or(ConfigError::Missing("SLACK_BOT_TOKEN"))?;
        if !bot_token.starts_with("xoxb-") {
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
            bot_token: SecretString::from(bot_token),
            app_token: app_token.map(SecretString::from),
            signing_secret: signing_secret.map(SecretString::from),
            api_url: slack_api_url(vars)?,
        })
    }
}

/// `SLACK_API_URL`, an http(s) URL, returned with exactly one trailing `/`.
fn slack_api_url(vars: &Vars) -> Result<String, ConfigError> {
    let url = vars
        .get("SLACK_API_URL")
        .unwrap_or_else(|| DEFAULT_SLACK_API_URL.into());
    let parsed = url::Url::parse(&url).map_err(|e| ConfigError::Invalid {
        name: "SLACK_API_URL",
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(ConfigError::Invalid {
            name: "SLACK_API_URL",
            reason: "must be an http(s) URL".into(),
        });
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

fn database_url(vars: &Vars) -> Result<String, ConfigError> {
    let url = vars
        .get("DATABASE_URL")
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    if !(url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://"))
    {
        return Err(ConfigError::Invalid {
            name: "DATABASE_URL",
            reason: "must start with sqlite: or postgres://".into(),
        });
    }
    Ok(url)
}

/// `None` without `OPENAI_API_KEY` (the offline summarizer is used then).
fn openai(vars: &Vars) -> Result<Option<OpenAiConfig>, ConfigError> {
    let Some(key) = vars.get("OPENAI_API_KEY") else {
        return Ok(None);
    };
    Ok(Some(OpenAiConfig {
        api_key: SecretString::from(key),
        base_url: vars
            .get("OPENAI_BASE_URL")
            .unwrap_or_else(|| DEFAULT_OPENAI_BASE_URL.into())
            .trim_end_matches('/')
            .to_string(),
        model: vars
            .get("OPENAI_MODEL")
            .unwrap_or_else(|| DEFAULT_OPENAI_MODEL.into()),
        max_input_tokens: vars.num("OPENAI_MAX_INPUT_TOKENS", 12_000)?,
        timeout: Duration::from_secs(vars.num("OPENAI_TIMEOUT_SECS", 60)?),
    }))
}

/// The listen address and the log format.
fn server(vars: &Vars) -> Result<(SocketAddr, LogFormat), ConfigError> {
    let listen = vars
        .get("SCRUMBOT_LISTEN")
        .unwrap_or_else(|| "0.0.0.0:3000".into());
    let listen = listen.parse().map_err(|_| ConfigError::Invalid {
        name: "SCRUMBOT_LISTEN",
        reason: format!("{listen:?} is not a host:port address"),
    })?;
    let log_format = match vars.get("SCRUMBOT_LOG_FORMAT").as_deref() {
        None | Some("pretty") => LogFormat::Pretty,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(ConfigError::Invalid {
                name: "SCRUMBOT_LOG_FORMAT",
                reason: format!("{other:?} is neither pretty nor json"),
            })
        }
    };
    Ok((listen, log_format))
}

fn tickets(vars: &Vars) -> TicketsConfig {
    TicketsConfig {
        github_token: vars.get("GITHUB_TOKEN").map(SecretString::from),
        github_api_url: vars
            .get("GITHUB_API_URL")
            .unwrap_or_else(|| "https://api.github.com".into())
            .trim_end_matches('/')
            .to_string(),
        jira_base_url: vars
            .get("JIRA_BASE_URL")
            .map(|u| u.trim_end_matches('/').to_string()),
        jira_email: vars.get("JIRA_EMAIL"),
        jira_api_token: vars.get("JIRA_API_TOKEN").map(SecretString::from),
    }
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
}
