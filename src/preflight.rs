//! Reaching the database and Slack once, before anything else, so that what
//! a newcomer gets wrong is said in one sentence: "cannot connect to
//! PostgreSQL at db:5432: connection refused" at once, rather than sqlx's
//! pool timing out after ten seconds, or a Rust debug dump.
//!
//! Nothing here writes: `scrumbot check` uses it to report on a database
//! without creating or migrating it.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{anyhow, bail};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};

/// How long one connection attempt may take (a firewall dropping packets
/// would otherwise hang the start for minutes).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What `check` found in a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseState {
    /// `SQLite` or `PostgreSQL`.
    pub backend: &'static str,
    /// Migration versions the database has applied.
    pub applied: Vec<i64>,
}

/// Connects once to a PostgreSQL `url` and closes, so that a wrong host,
/// port, password or database name is reported in words before the pool is
/// built. SQLite URLs are left alone (the pool creates the file).
pub async fn reach_database(url: &str) -> anyhow::Result<()> {
    if url.starts_with("sqlite:") {
        return Ok(());
    }
    let conn = connect_postgres(url).await?;
    let _ = conn.close().await;
    Ok(())
}

/// Reads which migrations a database has applied, without creating,
/// migrating or otherwise writing to it.
pub async fn inspect_database(url: &str) -> anyhow::Result<DatabaseState> {
    let query = "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version";
    let (backend, rows) = if url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| anyhow!("DATABASE_URL is not a SQLite URL: {e}"))?
            .create_if_missing(false)
            .read_only(true);
        let file = options.get_filename().display().to_string();
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .map_err(|_| {
                anyhow!("the SQLite database {file} does not exist or cannot be opened: `scrumbot migrate` creates it")
            })?;
        let rows = sqlx::query(query).fetch_all(&mut conn).await;
        (
            "SQLite",
            rows.map(|rows| {
                rows.iter()
                    .map(|r| r.try_get::<i64, _>(0))
                    .collect::<Result<Vec<_>, _>>()
            }),
        )
    } else {
        let mut conn = connect_postgres(url).await?;
        let rows = sqlx::query(query).fetch_all(&mut conn).await;
        (
            "PostgreSQL",
            rows.map(|rows| {
                rows.iter()
                    .map(|r| r.try_get::<i64, _>(0))
                    .collect::<Result<Vec<_>, _>>()
            }),
        )
    };
    let applied = match rows {
        Ok(versions) => versions?,
        // No migrations table: a fresh database.
        Err(_) => Vec::new(),
    };
    Ok(DatabaseState { backend, applied })
}

async fn connect_postgres(url: &str) -> anyhow::Result<PgConnection> {
    // The URL may carry a password: errors name host, port, user and database only.
    let options = PgConnectOptions::from_str(url)
        .map_err(|_| anyhow!("DATABASE_URL is not a valid postgres:// URL"))?;
    let at = format!("{}:{}", options.get_host(), options.get_port());
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
        Err(_) => bail!(
            "cannot connect to PostgreSQL at {at}: no answer within {}s",
            CONNECT_TIMEOUT.as_secs()
        ),
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(postgres_error(&options, &at, e)),
    }
}

/// sqlx's error as one sentence with what to do.
fn postgres_error(options: &PgConnectOptions, at: &str, e: sqlx::Error) -> anyhow::Error {
    let database = options.get_database().unwrap_or(options.get_username());
    match &e {
        sqlx::Error::Io(io) => anyhow!("cannot connect to PostgreSQL at {at}: {}", io_in_words(io)),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            // invalid_catalog_name
            Some("3D000") => anyhow!(
                "database \"{database}\" does not exist on the PostgreSQL server at {at}: \
                 create it (`createdb {database}`), then run `scrumbot migrate`"
            ),
            // invalid_password, invalid_authorization_specification
            Some("28P01") | Some("28000") => anyhow!(
                "PostgreSQL at {at} refused user \"{}\": check the user and password in DATABASE_URL",
                options.get_username()
            ),
            _ => anyhow!("PostgreSQL at {at} refused the connection: {}", db.message()),
        },
        sqlx::Error::Tls(tls) => anyhow!("cannot connect to PostgreSQL at {at}: TLS failed: {tls}"),
        other => anyhow!("cannot connect to PostgreSQL at {at}: {other}"),
    }
}

/// An I/O error as people say it ("connection refused"), without the OS code.
pub fn io_in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => {
            "connection refused (is the server running and listening there?)".into()
        }
        TimedOut => "timed out".into(),
        ConnectionReset => "the connection was reset".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            // getaddrinfo's errors: the host name does not resolve.
            if text.contains("failed to lookup address")
                || text.contains("Name or service not known")
            {
                "the host name does not resolve".into()
            } else {
                text
            }
        }
    }
}

/// What `auth.test` says about the bot token.
#[derive(Debug, Clone)]
pub struct BotToken {
    pub user_id: String,
    pub team_id: String,
    /// The token's scopes from the `x-oauth-scopes` header (`None` when the
    /// server sends no such header).
    pub scopes: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct SlackAnswer {
    ok: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    team_id: Option<String>,
}

/// `auth.test` with the bot token: who the bot is and what it may do.
pub async fn auth_test(api_url: &str, bot_token: &SecretString) -> anyhow::Result<BotToken> {
    let (answer, headers) = call(api_url, "auth.test", bot_token).await?;
    if !answer.ok {
        bail!(
            "Slack refused SLACK_BOT_TOKEN: auth.test answered {}",
            answer.error.as_deref().unwrap_or("an error")
        );
    }
    let scopes = headers
        .get("x-oauth-scopes")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        });
    Ok(BotToken {
        user_id: answer.user_id.unwrap_or_default(),
        team_id: answer.team_id.unwrap_or_default(),
        scopes,
    })
}

/// `apps.connections.open` with the app-level token: Socket Mode will work.
pub async fn open_socket_mode(api_url: &str, app_token: &SecretString) -> anyhow::Result<()> {
    let (answer, _) = call(api_url, "apps.connections.open", app_token).await?;
    if !answer.ok {
        bail!(
            "Slack refused SLACK_APP_TOKEN: apps.connections.open answered {}",
            answer.error.as_deref().unwrap_or("an error")
        );
    }
    Ok(())
}

async fn call(
    api_url: &str,
    method: &str,
    token: &SecretString,
) -> anyhow::Result<(SlackAnswer, reqwest::header::HeaderMap)> {
    let host = url::Url::parse(api_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| api_url.to_string());
    let unreachable = |why: String| anyhow!("cannot reach Slack at {host}: {why}");
    let response = reqwest::Client::new()
        .post(format!("{api_url}{method}"))
        .bearer_auth(token.expose_secret())
        .timeout(CONNECT_TIMEOUT)
        .send()
        .await
        .map_err(|e| unreachable(reqwest_in_words(&e)))?;
    if !response.status().is_success() {
        return Err(unreachable(format!(
            "{method} answered HTTP {}",
            response.status()
        )));
    }
    let headers = response.headers().clone();
    let answer = response
        .json()
        .await
        .map_err(|_| unreachable(format!("{method} did not answer with Slack's JSON")))?;
    Ok((answer, headers))
}

/// A reqwest error as a sentence: the innermost I/O cause when there is one.
pub fn reqwest_in_words(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "no answer in time".into();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut innermost = e.to_string();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return io_in_words(io);
        }
        innermost = s.to_string();
        source = s.source();
    }
    innermost
}
