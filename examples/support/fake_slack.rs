//! A lean fake Slack Web API for benchmarks: answers the calls a standup
//! makes (auth.test, conversations.members, users.info, chat.postMessage,
//! chat.getPermalink, conversations.open, chat.update, …) from memory, keeps
//! counters instead of call records, and can simulate Slack's per-method
//! rate limits.
//!
//! Rate limits: a fixed window per workspace and method, as Slack counts
//! them (a workspace is known by the bearer token; with one token, per
//! method). Past the method's limit in the current window the fake answers
//! HTTP 429 with `Retry-After: 1`, Slack's shape. A request that arrives
//! while a Retry-After is in force — more than [`GRACE`] after the first 429
//! of that episode, so calls already in flight when the 429 left do not
//! count — is an *ignored 429*: the client did not honour it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

/// Calls that left the client before it could have seen a 429 are not its fault.
pub const GRACE: Duration = Duration::from_millis(100);

/// Which members a channel has.
pub type Members = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

/// Per-method limits per window.
#[derive(Clone, Debug)]
pub struct RateLimits {
    pub window: Duration,
    pub per_method: HashMap<String, u32>,
}

impl RateLimits {
    /// Slack's published tiers (requests per minute: Tier 2 = 20, Tier 3 =
    /// 50, Tier 4 = 100) for the methods a standup opening uses, with time
    /// compressed `speedup` times into 1-second windows (speedup 60: a
    /// minute's allowance per second). chat.postMessage is limited per
    /// channel (1/s) by Slack, not per workspace, and every post here goes to
    /// its own channel, so it is left unlimited.
    pub fn slack_tiers(speedup: u32) -> RateLimits {
        let per_window = |per_minute: u32| (per_minute * speedup / 60).max(1);
        let per_method = [
            ("conversations.members", per_window(100)), // Tier 4
            ("users.info", per_window(100)),            // Tier 4
            ("chat.getPermalink", per_window(300)),     // Special: "hundreds per minute"
            ("conversations.open", per_window(50)),     // Tier 3
            ("chat.update", per_window(50)),            // Tier 3
            ("conversations.replies", per_window(50)),  // Tier 3
        ]
        .into_iter()
        .map(|(m, n)| (m.to_string(), n))
        .collect();
        RateLimits {
            window: Duration::from_secs(1),
            per_method,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct MethodStats {
    pub ok: u64,
    pub limited: u64,
    pub ignored: u64,
}

/// What the fake saw, for the report.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub methods: HashMap<String, MethodStats>,
    /// Top-level posts (parents, DMs) per channel.
    pub posts_per_channel: HashMap<String, u32>,
    pub thread_posts: u64,
    pub first_call: Option<Instant>,
    pub last_post: Option<Instant>,
    /// (channel, ts) of posts carrying blocks outside threads: standup parents.
    pub parents: Vec<(String, String)>,
    /// Successful calls per (token, method) key: the rate limits' unit.
    pub per_key_ok: HashMap<String, u64>,
    /// The last top-level post made with each token (each workspace).
    pub last_post_per_token: HashMap<String, Instant>,
}

struct Penalty {
    from: Instant,
    until: Instant,
}

#[derive(Default)]
struct Inner {
    windows: HashMap<String, (u64, u32)>,
    penalty: HashMap<String, Penalty>,
    stats: Stats,
}

struct Shared {
    origin: Instant,
    limits: Option<RateLimits>,
    members: Members,
    seq: AtomicU64,
    inner: Mutex<Inner>,
}

pub struct FakeSlack {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeSlack {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeSlack {
    /// Serves on a free loopback port. Rate-limit windows start at `origin`.
    pub async fn start(members: Members, limits: Option<RateLimits>, origin: Instant) -> FakeSlack {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Slack");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            origin,
            limits,
            members,
            seq: AtomicU64::new(0),
            inner: Mutex::new(Inner::default()),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeSlack { addr, shared, task }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}/api/", self.addr)
    }

    pub fn stats(&self) -> Stats {
        self.shared
            .inner
            .lock()
            .expect("not poisoned")
            .stats
            .clone()
    }

    /// Calls answered so far (any method, 429s included).
    pub fn total_calls(&self) -> u64 {
        let inner = self.shared.inner.lock().expect("not poisoned");
        inner.stats.methods.values().map(|m| m.ok + m.limited).sum()
    }

    pub fn posts(&self) -> u64 {
        let inner = self.shared.inner.lock().expect("not poisoned");
        inner
            .stats
            .posts_per_channel
            .values()
            .map(|&n| n as u64)
            .sum()
    }
}

impl Shared {
    /// `Err(retry_after_secs)` when the call is over its method's limit.
    fn admit(&self, token: &str, method: &str, now: Instant) -> Result<(), u64> {
        // Slack limits each workspace's calls apart: one key per token and method.
        let key = format!("{token}|{method}");
        let mut inner = self.inner.lock().expect("not poisoned");
        if inner.stats.first_call.is_none() {
            inner.stats.first_call = Some(now);
        }
        let Some(limit) = self
            .limits
            .as_ref()
            .and_then(|l| l.per_method.get(method).copied())
        else {
            inner
                .stats
                .methods
                .entry(method.to_string())
                .or_default()
                .ok += 1;
            *inner.stats.per_key_ok.entry(key).or_default() += 1;
            return Ok(());
        };
        let window = self.limits.as_ref().expect("checked").window;
        let retry_after = window.as_secs().max(1);
        let in_penalty = inner
            .penalty
            .get(&key)
            .filter(|p| now < p.until)
            .map(|p| now > p.from + GRACE);
        let idx =
            (now.saturating_duration_since(self.origin).as_nanos() / window.as_nanos()) as u64;
        let over = match in_penalty {
            Some(_) => true,
            None => {
                let w = inner.windows.entry(key.clone()).or_insert((idx, 0));
                if w.0 != idx {
                    *w = (idx, 0);
                }
                if w.1 < limit {
                    w.1 += 1;
                    false
                } else {
                    true
                }
            }
        };
        let stats = inner.stats.methods.entry(method.to_string()).or_default();
        if !over {
            stats.ok += 1;
            *inner.stats.per_key_ok.entry(key).or_default() += 1;
            return Ok(());
        }
        stats.limited += 1;
        if in_penalty == Some(true) {
            stats.ignored += 1;
        }
        let until = now + Duration::from_secs(retry_after);
        match inner.penalty.get_mut(&key).filter(|p| now < p.until) {
            Some(p) => p.until = p.until.max(until),
            None => {
                inner.penalty.insert(key, Penalty { from: now, until });
            }
        }
        Err(retry_after)
    }

    fn next_ts(&self) -> String {
        let n = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}.{:06}", 1_732_550_000 + n / 1_000_000, n % 1_000_000)
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let now = Instant::now();
    let Some(method) = uri.path().strip_prefix("/api/") else {
        return (StatusCode::NOT_FOUND, "no such route").into_response();
    };
    let method = method.trim_start_matches('/').to_string();
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .to_string();
    if let Err(secs) = shared.admit(&token, &method, now) {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (header::RETRY_AFTER, secs.to_string()),
            ],
            r#"{"ok":false,"error":"ratelimited"}"#,
        )
            .into_response();
    }
    let params = params(uri.query(), &body);
    let p = |k: &str| {
        params
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let answer = match method.as_str() {
        "auth.test" => json!({
            "ok": true, "url": "https://bench.slack.com/", "team": "Bench", "user": "scrumbot",
            "team_id": super::TEAM, "user_id": "UBOT", "bot_id": "BBOT"
        }),
        "chat.postMessage" => {
            let channel = p("channel");
            let channel = if channel.starts_with('U') {
                format!("D{channel}")
            } else {
                channel
            };
            let ts = shared.next_ts();
            let threaded = params.get("thread_ts").is_some_and(|t| !t.is_null());
            let mut inner = shared.inner.lock().expect("not poisoned");
            if threaded {
                inner.stats.thread_posts += 1;
            } else {
                *inner
                    .stats
                    .posts_per_channel
                    .entry(channel.clone())
                    .or_default() += 1;
                if params.get("blocks").is_some() {
                    inner.stats.parents.push((channel.clone(), ts.clone()));
                }
            }
            inner.stats.last_post = Some(Instant::now());
            if !threaded {
                inner
                    .stats
                    .last_post_per_token
                    .insert(token.clone(), Instant::now());
            }
            json!({"ok": true, "channel": channel, "ts": ts, "message": {"ts": ts, "text": p("text")}})
        }
        "conversations.open" => {
            // slack-morphism sends `users` as a JSON array; Slack also takes "U1,U2".
            let users = match params.get("users") {
                Some(Value::Array(users)) => users
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => p("users"),
            };
            json!({"ok": true, "channel": {"id": format!("D{}", users.split(',').next().unwrap_or(""))}})
        }
        "users.info" => {
            let user = p("user");
            json!({"ok": true, "user": {
                "id": user, "tz": "Europe/Berlin", "is_bot": user == "UBOT", "deleted": false,
                "profile": {"status_text": "", "status_emoji": ""}
            }})
        }
        "conversations.members" => json!({
            "ok": true, "members": (shared.members)(&p("channel")),
            "response_metadata": {"next_cursor": ""}
        }),
        "chat.getPermalink" => json!({
            "ok": true, "channel": p("channel"),
            "permalink": format!("https://bench.slack.com/archives/{}/p{}", p("channel"), p("message_ts").replace('.', ""))
        }),
        "conversations.replies" | "conversations.history" => json!({
            "ok": true, "messages": [], "has_more": false, "response_metadata": {"next_cursor": ""}
        }),
        "chat.update" => json!({
            "ok": true, "channel": p("channel"), "ts": p("ts"),
            "message": {"text": p("text")}
        }),
        "chat.postEphemeral" => json!({"ok": true, "message_ts": shared.next_ts()}),
        _ => json!({"ok": true}),
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        answer.to_string(),
    )
        .into_response()
}

/// Query string and body (JSON or form) as one JSON object.
fn params(query: Option<&str>, body: &[u8]) -> serde_json::Map<String, Value> {
    fn form(out: &mut serde_json::Map<String, Value>, bytes: &[u8]) {
        for (k, v) in url::form_urlencoded::parse(bytes) {
            out.insert(k.into_owned(), Value::String(v.into_owned()));
        }
    }
    let mut out = serde_json::Map::new();
    if let Some(q) = query {
        form(&mut out, q.as_bytes());
    }
    if !body.is_empty() {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(m)) => out.extend(m),
            _ => form(&mut out, body),
        }
    }
    out
}
