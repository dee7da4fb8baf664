//! The Slack Web API, behind the one small trait of the calls scrumbot makes.
//!
//! Transport is slack-morphism (bearer auth, the base URL from `SLACK_API_URL`,
//! classification of `ok:false`, 429 and HTTP errors); payloads are plain JSON
//! so that Block Kit built by the bot goes out exactly as built. On top of it
//! this module adds what a bot that must not lose or double-post needs:
//! - 429 is always honoured: wait `Retry-After`, then try again;
//! - 5xx and connection failures are retried with exponential backoff;
//! - `ok:false` errors are final and returned to the caller (no retry would help).
//!
//! Retrying a `chat.postMessage` after a 429 or a refused connection cannot
//! double-post: Slack did not take the first attempt. Domain code additionally
//! claims a post key in the database before posting (see `store::posts`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::metrics as m;

mod gate;

/// How many times one call is attempted on 5xx and connection errors before
/// giving up. 429s do not count: Slack did not take the call, and waiting as
/// asked always ends (see [`MAX_RATE_LIMITED`]).
const MAX_ATTEMPTS: u32 = 6;
/// Rate-limit waits of one call past this are treated as an outage.
const MAX_RATE_LIMITED: Duration = Duration::from_secs(15 * 60);
/// First backoff for 5xx/network errors; doubles each time.
const BASE_BACKOFF: Duration = Duration::from_millis(200);
/// A Retry-After beyond this is treated as an outage rather than slept through.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum SlackApiError {
    /// Slack answered `ok:false`; the code is Slack's (e.g. `channel_not_found`).
    #[error("slack error: {0}")]
    Slack(String),
    #[error("rate limited by Slack (still after {attempts} attempts)")]
    RateLimited { attempts: u32 },
    #[error("Slack answered HTTP {0}")]
    Http(u16),
    #[error("transport error talking to Slack: {0}")]
    Transport(String),
}

impl SlackApiError {
    pub fn code(&self) -> Option<&str> {
        match self {
            SlackApiError::Slack(c) => Some(c),
            _ => None,
        }
    }
}

/// A message the bot posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub channel: String,
    pub ts: String,
}

/// Who the bot is, from `auth.test`.
#[derive(Debug, Clone)]
pub struct BotIdentity {
    pub user_id: String,
    pub bot_id: Option<String>,
    pub team_id: String,
    pub url: Option<String>,
}

/// A Slack user as far as scrumbot cares.
#[derive(Debug, Clone, Default)]
pub struct UserInfo {
    pub id: String,
    pub tz: Option<String>,
    pub is_bot: bool,
    pub deleted: bool,
    pub status_emoji: String,
    pub status_text: String,
}

impl UserInfo {
    /// Whether the Slack status says the person is out (holiday, OOO).
    pub fn status_says_away(&self) -> bool {
        let text = self.status_text.to_lowercase();
        self.status_emoji == ":palm_tree:"
            || text.contains("vacation")
            || text.contains("ooo")
            || text.contains("out of office")
            || text.contains("holiday")
    }
}

/// What `conversations.info` tells about a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelInfo {
    pub is_private: bool,
    pub is_member: bool,
}

/// A message read back from `conversations.history` / `conversations.replies`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryMessage {
    pub ts: String,
    pub user: Option<String>,
    pub text: String,
    pub thread_ts: Option<String>,
    pub subtype: Option<String>,
    /// Written by a bot or an app (scrumbot included).
    pub is_bot: bool,
    pub reply_count: u32,
}

impl HistoryMessage {
    fn from_json(m: &Value) -> Option<HistoryMessage> {
        Some(HistoryMessage {
            ts: str_field(m, "ts")?,
            user: str_field(m, "user"),
            text: str_field(m, "text").unwrap_or_default(),
            thread_ts: str_field(m, "thread_ts"),
            subtype: str_field(m, "subtype"),
            is_bot: m.get("bot_id").is_some_and(|b| !b.is_null())
                || str_field(m, "subtype").as_deref() == Some("bot_message"),
            reply_count: m.get("reply_count").and_then(Value::as_u64).unwrap_or(0) as u32,
        })
    }
}

/// The Web API calls the bot makes. Everything takes and returns plain data.
#[async_trait]
pub trait SlackApi: Send + Sync {
    async fn auth_test(&self) -> Result<BotIdentity, SlackApiError>;
    /// `chat.postMessage`; `thread_ts` replies in a thread.
    async fn post_message(
        &self,
        channel: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
        thread_ts: Option<&str>,
    ) -> Result<Posted, SlackApiError>;
    async fn post_ephemeral(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError>;
    async fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError>;
    async fn users_info(&self, user: &str) -> Result<UserInfo, SlackApiError>;
    /// All members of a channel (follows pagination).
    async fn conversation_members(&self, channel: &str) -> Result<Vec<String>, SlackApiError>;
    /// Opens (or finds) the DM channel with a user.
    async fn open_dm(&self, user: &str) -> Result<String, SlackApiError>;
    async fn permalink(&self, channel: &str, ts: &str) -> Result<String, SlackApiError>;
    async fn views_open(&self, trigger_id: &str, view: &SlackView) -> Result<(), SlackApiError>;
    async fn views_publish(&self, user: &str, view: &SlackView) -> Result<(), SlackApiError>;
    /// Uploads a file into a channel (Slack's upload v2: get an upload URL,
    /// send the bytes, complete the upload with the channel to share it in).
    async fn upload_file(
        &self,
        channel: &str,
        filename: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SlackApiError>;
    /// Whether a channel is private and whether the bot is in it.
    async fn channel_info(&self, channel: &str) -> Result<ChannelInfo, SlackApiError>;
    /// Every message of a thread, parent first (follows pagination).
    async fn thread_replies(
        &self,
        channel: &str,
        thread_ts: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError>;
    /// Channel messages with `oldest < ts`, newest first (follows pagination).
    async fn history(
        &self,
        channel: &str,
        oldest: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError>;
}

/// The slack-morphism backed client.
pub struct SlackWebClient {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    /// 429s close a method for every caller (see `gate`).
    gates: gate::Gates,
}

impl SlackWebClient {
    pub fn new(api_url: &str, bot_token: &SecretString) -> anyhow::Result<Self> {
        let connector = SlackClientHyperConnector::with_connector(https_or_http_connector())
            // slack-morphism joins base and method with a '/', so the base must not end in one.
            .with_slack_api_url(api_url.trim_end_matches('/'));
        Ok(Self {
            client: Arc::new(SlackClient::new(connector)),
            token: SlackApiToken::new(SlackApiTokenValue(bot_token.expose_secret().to_string())),
            gates: gate::Gates::default(),
        })
    }

    /// The underlying slack-morphism client (Socket Mode needs it).
    pub fn inner(&self) -> Arc<SlackHyperClient> {
        self.client.clone()
    }

    /// POSTs a JSON body to a Web API method, with the retry policy above.
    pub async fn call(&self, method: &str, body: &Value) -> Result<Value, SlackApiError> {
        // chat.postMessage is limited per channel, everything else per method.
        let key = match (method, body["channel"].as_str()) {
            ("chat.postMessage", Some(channel)) => format!("{method}:{channel}"),
            _ => method.to_string(),
        };
        self.with_retries(method, &key, || async {
            let session = self.client.open_session(&self.token);
            session
                .http_session_api
                .http_post::<Value, Value>(method, body, None)
                .await
        })
        .await
    }

    /// GETs a Web API method with query parameters (read methods do not take JSON bodies).
    pub async fn get(
        &self,
        method: &str,
        params: &[(&str, String)],
    ) -> Result<Value, SlackApiError> {
        self.with_retries(method, method, || async {
            let session = self.client.open_session(&self.token);
            let params: Vec<(&str, Option<String>)> =
                params.iter().map(|(k, v)| (*k, Some(v.clone()))).collect();
            session
                .http_session_api
                .http_get::<Value, _, String>(method, &params, None)
                .await
        })
        .await
    }

    async fn with_retries<F, Fut>(
        &self,
        method: &str,
        key: &str,
        attempt: F,
    ) -> Result<Value, SlackApiError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = ClientResult<Value>>,
    {
        let method_label = method.to_string();
        let mut backoff = BASE_BACKOFF;
        let mut failures = 0;
        let mut rate_limited = Duration::ZERO;
        for n in 1.. {
            // While `key` is paced after a 429, this waits for our turn and
            // holds it until the answer is back.
            let turn = self.gates.enter(key).await;
            let started = Instant::now();
            let result = attempt().await;
            metrics::counter!(m::SLACK_CALLS, "method" => method_label.clone()).increment(1);
            metrics::histogram!(m::SLACK_LATENCY, "method" => method_label.clone())
                .record(started.elapsed().as_secs_f64());
            let err = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            metrics::counter!(m::SLACK_ERRORS, "method" => method_label.clone()).increment(1);
            let wait = match &err {
                SlackClientError::RateLimitError(rl) => {
                    metrics::counter!(m::SLACK_RATE_LIMITED, "method" => method_label.clone())
                        .increment(1);
                    let wait = rl.retry_after.unwrap_or(Duration::from_secs(1));
                    rate_limited += wait;
                    if wait > MAX_RETRY_AFTER || rate_limited > MAX_RATE_LIMITED {
                        return Err(SlackApiError::RateLimited { attempts: n });
                    }
                    tracing::info!(
                        method,
                        retry_after_ms = wait.as_millis() as u64,
                        "Slack rate limit: waiting as asked"
                    );
                    // The gate makes this call, and every other one to `key`, wait.
                    self.gates.close(key, wait);
                    continue;
                }
                SlackClientError::ApiError(api) => {
                    return Err(SlackApiError::Slack(api.code.clone()))
                }
                SlackClientError::HttpError(h) if h.status_code.is_server_error() => {
                    tracing::warn!(
                        method,
                        status = h.status_code.as_u16(),
                        attempt = n,
                        "Slack server error; retrying"
                    );
                    next_backoff(&mut backoff)
                }
                SlackClientError::HttpError(h) => {
                    return Err(SlackApiError::Http(h.status_code.as_u16()))
                }
                SlackClientError::HttpProtocolError(e) => {
                    tracing::warn!(method, error = %e, attempt = n, "Slack unreachable; retrying");
                    next_backoff(&mut backoff)
                }
                other => return Err(SlackApiError::Transport(other.to_string())),
            };
            failures += 1;
            if failures == MAX_ATTEMPTS {
                return Err(match err {
                    SlackClientError::HttpError(h) => SlackApiError::Http(h.status_code.as_u16()),
                    other => SlackApiError::Transport(other.to_string()),
                });
            }
            drop(turn);
            tokio::time::sleep(wait).await;
        }
        unreachable!("the loop returns on success, a final error or its last attempt")
    }
}

impl SlackWebClient {
    /// Reads every page of a `messages` list, following `response_metadata.next_cursor`.
    async fn paginate(
        &self,
        method: &str,
        params: &[(&str, String)],
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let mut out = Vec::new();
        let mut cursor = String::new();
        // A cap on pages so a misbehaving server cannot keep us here forever.
        for _ in 0..500 {
            let mut page: Vec<(&str, String)> = params.to_vec();
            if !cursor.is_empty() {
                page.push(("cursor", cursor.clone()));
            }
            let v = self.get(method, &page).await?;
            out.extend(
                v["messages"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(HistoryMessage::from_json),
            );
            cursor = v["response_metadata"]["next_cursor"]
                .as_str()
                .unwrap_or("")
                .to_string();
            if cursor.is_empty() {
                break;
            }
        }
        Ok(out)
    }
}

fn next_backoff(backoff: &mut Duration) -> Duration {
    let now = *backoff;
    *backoff = (*backoff * 2).min(Duration::from_secs(10));
    now
}

/// A connector that speaks https to Slack and plain http to a loopback fake.
fn https_or_http_connector() -> SlackHyperHttpsConnector {
    let builder = match hyper_rustls::HttpsConnectorBuilder::new().with_native_roots() {
        Ok(b) => b,
        Err(e) => {
            // No system CA store: https calls will fail with a clear TLS error,
            // http (a local fake, a proxy) still works.
            tracing::warn!(error = %e, "no native CA certificates found");
            let roots = rustls::RootCertStore::empty();
            hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(
                rustls::ClientConfig::builder()
                    .with_root_certificates(roots)
                    .with_no_client_auth(),
            )
        }
    };
    builder
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build()
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

#[async_trait]
impl SlackApi for SlackWebClient {
    async fn auth_test(&self) -> Result<BotIdentity, SlackApiError> {
        let v = self.call("auth.test", &json!({})).await?;
        Ok(BotIdentity {
            user_id: str_field(&v, "user_id").unwrap_or_default(),
            bot_id: str_field(&v, "bot_id"),
            team_id: str_field(&v, "team_id").unwrap_or_default(),
            url: str_field(&v, "url"),
        })
    }

    async fn post_message(
        &self,
        channel: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
        thread_ts: Option<&str>,
    ) -> Result<Posted, SlackApiError> {
        let mut body = json!({ "channel": channel, "text": text, "unfurl_links": false });
        if let Some(b) = blocks {
            body["blocks"] = json!(b);
        }
        if let Some(t) = thread_ts {
            body["thread_ts"] = json!(t);
        }
        let v = self.call("chat.postMessage", &body).await?;
        Ok(Posted {
            channel: str_field(&v, "channel").unwrap_or_else(|| channel.to_string()),
            ts: str_field(&v, "ts").ok_or_else(|| {
                SlackApiError::Transport("chat.postMessage answer has no ts".into())
            })?,
        })
    }

    async fn post_ephemeral(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let mut body = json!({ "channel": channel, "user": user, "text": text });
        if let Some(b) = blocks {
            body["blocks"] = json!(b);
        }
        self.call("chat.postEphemeral", &body).await.map(drop)
    }

    async fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let mut body = json!({ "channel": channel, "ts": ts, "text": text });
        if let Some(b) = blocks {
            body["blocks"] = json!(b);
        }
        self.call("chat.update", &body).await.map(drop)
    }

    async fn users_info(&self, user: &str) -> Result<UserInfo, SlackApiError> {
        let v = self
            .get("users.info", &[("user", user.to_string())])
            .await?;
        let u = &v["user"];
        Ok(UserInfo {
            id: str_field(u, "id").unwrap_or_else(|| user.to_string()),
            tz: str_field(u, "tz").filter(|s| !s.is_empty()),
            is_bot: u["is_bot"].as_bool().unwrap_or(false) || user == "USLACKBOT",
            deleted: u["deleted"].as_bool().unwrap_or(false),
            status_emoji: str_field(&u["profile"], "status_emoji").unwrap_or_default(),
            status_text: str_field(&u["profile"], "status_text").unwrap_or_default(),
        })
    }

    async fn conversation_members(&self, channel: &str) -> Result<Vec<String>, SlackApiError> {
        let mut members = Vec::new();
        let mut cursor = String::new();
        // A cap on pages so a misbehaving server cannot keep us here forever.
        for _ in 0..1_000 {
            let mut params = vec![
                ("channel", channel.to_string()),
                ("limit", "200".to_string()),
            ];
            if !cursor.is_empty() {
                params.push(("cursor", cursor.clone()));
            }
            let v = self.get("conversations.members", &params).await?;
            members.extend(
                v["members"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| m.as_str().map(str::to_string)),
            );
            cursor = v["response_metadata"]["next_cursor"]
                .as_str()
                .unwrap_or("")
                .to_string();
            if cursor.is_empty() {
                break;
            }
        }
        Ok(members)
    }

    async fn open_dm(&self, user: &str) -> Result<String, SlackApiError> {
        let v = self
            .call("conversations.open", &json!({ "users": user }))
            .await?;
        str_field(&v["channel"], "id").ok_or_else(|| {
            SlackApiError::Transport("conversations.open answer has no channel id".into())
        })
    }

    async fn permalink(&self, channel: &str, ts: &str) -> Result<String, SlackApiError> {
        let v = self
            .get(
                "chat.getPermalink",
                &[
                    ("channel", channel.to_string()),
                    ("message_ts", ts.to_string()),
                ],
            )
            .await?;
        str_field(&v, "permalink").ok_or_else(|| {
            SlackApiError::Transport("chat.getPermalink answer has no permalink".into())
        })
    }

    async fn views_open(&self, trigger_id: &str, view: &SlackView) -> Result<(), SlackApiError> {
        self.call(
            "views.open",
            &json!({ "trigger_id": trigger_id, "view": view }),
        )
        .await
        .map(drop)
    }

    async fn channel_info(&self, channel: &str) -> Result<ChannelInfo, SlackApiError> {
        let v = self
            .get("conversations.info", &[("channel", channel.to_string())])
            .await?;
        let c = &v["channel"];
        Ok(ChannelInfo {
            is_private: c["is_private"].as_bool().unwrap_or(false)
                || c["is_group"].as_bool().unwrap_or(false),
            is_member: c["is_member"].as_bool().unwrap_or(false),
        })
    }

    async fn upload_file(
        &self,
        channel: &str,
        filename: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SlackApiError> {
        let v = self
            .get(
                "files.getUploadURLExternal",
                &[
                    ("filename", filename.to_string()),
                    ("length", bytes.len().to_string()),
                ],
            )
            .await?;
        let (Some(url), Some(file_id)) = (str_field(&v, "upload_url"), str_field(&v, "file_id"))
        else {
            return Err(SlackApiError::Transport(
                "files.getUploadURLExternal answer has no upload_url".into(),
            ));
        };
        // The upload URL is pre-signed by Slack: it takes the bytes without the bot token.
        let res = reqwest::Client::new()
            .post(&url)
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .timeout(Duration::from_secs(60))
            .send()
            .await
            .map_err(|e| SlackApiError::Transport(e.without_url().to_string()))?;
        if !res.status().is_success() {
            return Err(SlackApiError::Http(res.status().as_u16()));
        }
        let files = json!([{ "id": file_id, "title": title }]);
        self.call(
            "files.completeUploadExternal",
            &json!({ "files": files, "channel_id": channel }),
        )
        .await
        .map(drop)
    }

    async fn thread_replies(
        &self,
        channel: &str,
        thread_ts: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let params = [
            ("channel", channel.to_string()),
            ("ts", thread_ts.to_string()),
            ("limit", "200".to_string()),
        ];
        self.paginate("conversations.replies", &params).await
    }

    async fn history(
        &self,
        channel: &str,
        oldest: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let params = [
            ("channel", channel.to_string()),
            ("oldest", oldest.to_string()),
            ("limit", "200".to_string()),
        ];
        self.paginate("conversations.history", &params).await
    }

    async fn views_publish(&self, user: &str, view: &SlackView) -> Result<(), SlackApiError> {
        self.call("views.publish", &json!({ "user_id": user, "view": view }))
            .await
            .map(drop)
    }
}
