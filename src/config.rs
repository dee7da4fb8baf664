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
    /// process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        let bot_token = var("SLACK_BOT_TOKEN").ok_or(ConfigError::Missing("SLACK_BOT_TOKEN"))?;
        if !bot_token.starts_with("xoxb-") {
            return Err(ConfigError::Invalid {
                name: "SLACK_BOT_TOKEN",
                reason: "a bot token starts with xoxb-".into(),
            });
        }
        let app_token = var("SLACK_APP_TOKEN");
        if let Some(t) = &app_token {
            if !t.starts_with("xapp-") {
                return Err(ConfigError::Invalid {
                    name: "SLACK_APP_TOKEN",
                    reason: "an app-level token starts with xapp-".into(),
                });
            }
        }
        let signing_secret = var("SLACK_SIGNING_SECRET");
        if signing_secret.is_none() && app_token.is_none() {
            // Without either there is no way for Slack to reach the bot.
            return Err(ConfigError::Missing("SLACK_SIGNING_SECRET"));
        }

        let slack_api_url = var("SLACK_API_URL").unwrap_or_else(|| DEFAULT_SLACK_API_URL.into());
        let parsed = url::Url::parse(&slack_api_url).map_err(|e| ConfigError::Invalid {
            name: "SLACK_API_URL",
            reason: e.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ConfigError::Invalid {
                name: "SLACK_API_URL",
                reason: "must be an http(s) URL".into(),
            });
        }
        let slack_api_url = format!("{}/", slack_api_url.trim_end_matches('/'));

        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                reason: "must start with sqlite: or postgres://".into(),
            });
        }

        let openai = match var("OPENAI_API_KEY") {
            None => None,
            Some(key) => Some(OpenAiConfig {
                api_key: SecretString::from(key),
                base_url: var("OPENAI_BASE_URL")
                    .unwrap_or_else(|| DEFAULT_OPENAI_BASE_URL.into())
                    .trim_end_matches('/')
                    .to_string(),
                model: var("OPENAI_MODEL").unwrap_or_else(|| DEFAULT_OPENAI_MODEL.into()),
                max_input_tokens: parse_num(&var, "OPENAI_MAX_INPUT_TOKENS", 12_000)?,
                timeout: Duration::from_secs(parse_num(&var, "OPENAI_TIMEOUT_SECS", 60)?),
            }),
        };

        let listen = var("SCRUMBOT_LISTEN").unwrap_or_else(|| "0.0.0.0:3000".into());
        let listen = listen.parse().map_err(|_| ConfigError::Invalid {
            name: "SCRUMBOT_LISTEN",
            reason: format!("{listen:?} is not a host:port address"),
        })?;
        let log_format = match var("SCRUMBOT_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "SCRUMBOT_LOG_FORMAT",
                    reason: format!("{other:?} is neither pretty nor json"),
                })
            }
        };

        Ok(Config {
            bot_token: SecretString::from(bot_token),
            signing_secret: signing_secret.map(SecretString::from),
            app_token: app_token.map(SecretString::from),
            slack_api_url,
            database_url,
            openai,
            listen,
            log_format,
            retention_days: parse_num(&var, "SCRUMBOT_RETENTION_DAYS", 30)?,
            scheduler_interval: Duration::from_millis(parse_num(&var, "SCRUMBOT_TICK_MS", 1_000)?),
            tickets: TicketsConfig {
                github_token: var("GITHUB_TOKEN").map(SecretString::from),
                github_api_url: var("GITHUB_API_URL")
                    .unwrap_or_else(|| "https://api.github.com".into())
                    .trim_end_matches('/')
                    .to_string(),
                jira_base_url: var("JIRA_BASE_URL").map(|u| u.trim_end_matches('/').to_string()),
                jira_email: var("JIRA_EMAIL"),
                jira_api_token: var("JIRA_API_TOKEN").map(SecretString::from),
            },
        })
    }

    /// True when the HTTP endpoints can verify requests.
    pub fn http_enabled(&self) -> bool {
        self.signing_secret
            .as_ref()
            .is_some_and(|s| !s.expose_secret().is_empty())
    }
}

fn parse_num<T: std::str::FromStr>(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: T,
) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("{v:?} is not a number"),
        }),
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
