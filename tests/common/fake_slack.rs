//! A fake Slack Web API for integration tests.
//!
//! `FakeSlack::start()` serves `http://127.0.0.1:<random port>/api/<method>`,
//! records every call (failed ones too) and answers from the response fixtures
//! in `tests/fixtures/slack/api/`, adjusted to the request (fresh `ts`, echoed
//! channel, ...). Tests point the bot at [`FakeSlack::api_url`], drive it, then
//! assert on [`FakeSlack::calls`] / [`FakeSlack::wait_for_calls`].
//!
//! Failure injection ([`FakeSlack::fail_next`]) reproduces what Slack really
//! sends: HTTP 429 + `Retry-After`, HTTP 500, or HTTP 200 with `"ok": false`.

// Every test binary compiles this module, but no single binary uses all of it.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Map, Value};

use super::fixtures::{fixture_json, merge};

/// Ids the fake answers with; they match the fixtures (see `SOURCES.md`).
pub const TEAM_ID: &str = "T0001";
pub const BOT_USER_ID: &str = "UBOT";
pub const BOT_ID: &str = "BBOT";
/// `conversations.members` answer for channels without [`FakeSlack::set_members`].
pub const DEFAULT_MEMBERS: [&str; 3] = ["U0001", "U0002", BOT_USER_ID];

/// First `ts` handed out is `1732550000.000101`, then `...000102`, ...
const TS_BASE_SECS: u64 = 1_732_550_000;
const TS_BASE_MICROS: u64 = 100;

/// How the next call(s) to a method fail, in the shapes Slack uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// HTTP 429, header `Retry-After: <secs>`, body `{"ok":false,"error":"ratelimited"}`.
    RateLimited { retry_after_secs: u64 },
    /// HTTP 500 with a non-JSON body (what a Slack outage looks like).
    ServerError,
    /// HTTP 200 `{"ok":false,"error":"<code>"}`, e.g. `"channel_not_found"`.
    SlackError(&'static str),
    /// The call takes effect (a `chat.postMessage` is posted and kept), then
    /// the answer is a non-JSON HTTP 500: Slack failing after doing the work.
    DoneThenServerError,
}

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Call {
    /// Web API method, e.g. `chat.postMessage`. Uploads to the URL handed out by
    /// `files.getUploadURLExternal` are recorded as `files.upload_url`.
    pub method: String,
    /// From `Authorization: Bearer <token>`, else the `token` parameter.
    pub token: Option<String>,
    /// Query parameters merged with the body: the JSON body as sent, or form
    /// fields as strings (a form field holding JSON, like `blocks`, stays a
    /// string: use [`Call::json_param`]). Unparsed bodies land in `_raw_body`.
    pub params: Value,
    /// The JSON the fake answered (for a failure, the error body; `Null` for
    /// the non-JSON HTTP 500), e.g. `response["ts"]` of a `chat.postMessage`.
    pub response: Value,
    pub at: Instant,
}

impl Call {
    /// A parameter as a string; non-string JSON values come back JSON-encoded.
    pub fn param(&self, key: &str) -> Option<String> {
        match self.params.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    /// A parameter as JSON: strings that hold JSON (form-encoded `blocks`,
    /// `view`, ...) are parsed, other strings are returned as JSON strings.
    pub fn json_param(&self, key: &str) -> Option<Value> {
        match self.params.get(key)? {
            Value::String(s) => {
                Some(serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())))
            }
            other => Some(other.clone()),
        }
    }
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    failures: HashMap<String, VecDeque<Failure>>,
    /// `method` -> (every how many calls, calls so far, how): periodic faults.
    periodic: HashMap<String, (u64, u64, Failure)>,
    /// Whether posted messages join their channel's history (see [`FakeSlack::keep_posts`]).
    keep_posts: bool,
    /// Every message `chat.postMessage` took, in order (failed answers included).
    posted: Vec<Value>,
    users: HashMap<String, Value>,
    members: HashMap<String, Vec<String>>,
    history: HashMap<String, Vec<Value>>,
    /// The WebSocket URL `apps.connections.open` hands out (Socket Mode tests).
    socket_url: Option<String>,
    /// `auth.test`'s `x-oauth-scopes` header, when a test replaces the manifest's scopes.
    oauth_scopes: Option<String>,
    /// Source of fresh `ts`, view and file ids.
    seq: u64,
    /// Installs by OAuth and their tokens (see `fake_workspaces`).
    workspaces: super::fake_workspaces::Workspaces,
    /// Files `files.info` knows: (the file object, its bytes).
    files: HashMap<String, (Value, Vec<u8>)>,
    /// Run before a `chat.postMessage` answers (see [`FakeSlack::before_post_returns`]).
    post_hook: Option<PostHook>,
}

/// Work the fake does while a `chat.postMessage` is still in flight, given
/// the response it is about to send (`channel`, `ts`, `message`): the
/// response waits for it.
pub type PostHook = Arc<
    dyn Fn(&Value) -> Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>>
        + Send
        + Sync,
>;

struct Shared {
    base_url: String,
    started: Instant,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking test thread must not hide the recorded calls from the others.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn next_seq(&self) -> u64 {
        let mut inner = self.lock();
        inner.seq += 1;
        inner.seq
    }

    fn next_ts(&self) -> String {
        let micros = TS_BASE_MICROS + self.next_seq();
        format!(
            "{}.{:06}",
            TS_BASE_SECS + micros / 1_000_000,
            micros % 1_000_000
        )
    }
}

/// A running fake. Clones share the server and everything recorded or set
/// (so a test can restart the bot against the same fake); the server stops
/// when the last clone is dropped.
#[derive(Clone)]
pub struct FakeSlack {
    shared: Arc<Shared>,
    _server: Arc<ServerTask>,
}

/// Aborts the serving task on drop, so fakes do not outlive their test.
struct ServerTask(tokio::task::JoinHandle<()>);

impl Drop for ServerTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl FakeSlack {
    /// Binds 127.0.0.1 on a free port and serves in a background task.
    pub async fn start() -> FakeSlack {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            base_url: format!("http://{addr}"),
            started: Instant::now(),
            inner: Mutex::new(Inner::default()),
        });
        // A fallback instead of a `/api/{method}` route: slack-morphism builds
        // `format!("{api_url}/{method}")`, so a base URL with a trailing slash
        // yields `/api//chat.postMessage`, which a route would not match.
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Slack server");
        });
        FakeSlack {
            shared,
            _server: Arc::new(ServerTask(server)),
        }
    }

    /// `http://127.0.0.1:PORT/api/`: append the method name to call it.
    /// (For slack-morphism's `with_slack_api_url`, which adds its own `/`,
    /// either this or the same without the trailing slash works.)
    pub fn api_url(&self) -> String {
        format!("{}/api/", self.shared.base_url)
    }

    /// Every call so far, in arrival order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|call| call.method == method)
            .cloned()
            .collect()
    }

    /// Waits (up to 10 s) until `method` has been called at least `n` times and
    /// returns those calls; panics listing every recorded call otherwise.
    pub async fn wait_for_calls(&self, method: &str, n: usize) -> Vec<Call> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let calls = self.calls_to(method);
            if calls.len() >= n {
                return calls;
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited 10 s for {n} call(s) to {method}, saw {}; all calls:\n{}",
                    calls.len(),
                    self.describe_calls()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// One line per recorded call, for assertion messages.
    pub fn describe_calls(&self) -> String {
        let started = self.shared.started;
        let calls = self.calls();
        if calls.is_empty() {
            return "  (no calls)".to_string();
        }
        calls
            .iter()
            .enumerate()
            .map(|(i, call)| {
                let mut params = call.params.to_string();
                if params.len() > 400 {
                    let cut = (0..=400)
                        .rev()
                        .find(|&i| params.is_char_boundary(i))
                        .unwrap_or(0);
                    params.truncate(cut);
                    params.push_str("...");
                }
                let outcome = match call.response.get("error") {
                    Some(error) => format!("error {error}"),
                    None if call.response.is_null() => "no JSON answer".to_string(),
                    None => "ok".to_string(),
                };
                format!(
                    "  #{i} +{}ms {} token={:?} {params} -> {outcome}",
                    call.at.duration_since(started).as_millis(),
                    call.method,
                    call.token
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Queues a failure: the next call to `method` fails this way. Queue several
    /// to fail several calls in a row; normal answers resume once the queue is empty.
    pub fn fail_next(&self, method: &str, failure: Failure) {
        self.shared
            .lock()
            .failures
            .entry(method.to_string())
            .or_default()
            .push_back(failure);
    }

    /// Every `every`-th call to `method` (the `every`-th, the `2 * every`-th,
    /// ...) fails this way, for the rest of the test.
    pub fn fail_every(&self, method: &str, every: u64, failure: Failure) {
        assert!(every > 0, "fail_every needs a period");
        self.shared
            .lock()
            .periodic
            .insert(method.to_string(), (every, 0, failure));
    }

    /// From now on, what the bot posts joins its channel's history, as on real
    /// Slack: `conversations.history` / `.replies` return it (with its
    /// `metadata` only when asked `include_all_metadata=true`, as Slack does).
    /// Off by default, so a test's [`FakeSlack::set_history`] is all there is.
    pub fn keep_posts(&self) {
        self.shared.lock().keep_posts = true;
    }

    /// Runs `hook` on every successful `chat.postMessage` before its response
    /// leaves, and waits for the future it returns: a test delivers the
    /// events real Slack can deliver before the poster learns its `ts` (an
    /// answer in the thread within a millisecond of the parent post).
    pub fn before_post_returns(&self, hook: PostHook) {
        self.shared.lock().post_hook = Some(hook);
    }

    /// Adds one message to `channel`'s history (as a user's post would).
    pub fn add_message(&self, channel: &str, message: Value) {
        self.shared
            .lock()
            .history
            .entry(channel.to_string())
            .or_default()
            .push(message);
    }

    /// Every message `chat.postMessage` took (also those answered with
    /// [`Failure::DoneThenServerError`]), as Slack stored them (with `channel`).
    pub fn posted(&self) -> Vec<Value> {
        self.shared.lock().posted.clone()
    }

    /// What `users.info` answers for `user["id"]`. The value is merged over the
    /// default user (Europe/Berlin, not a bot, no status), so a partial object
    /// such as `json!({"id": "U0003", "tz": "America/New_York"})` is enough.
    pub fn set_user(&self, user: Value) {
        let id = user
            .get("id")
            .and_then(Value::as_str)
            .expect("set_user needs a string `id`")
            .to_string();
        let mut full = default_user(&id);
        merge(&mut full, user);
        self.shared.lock().users.insert(id, full);
    }

    /// The OAuth app: `oauth.v2.access` accepts only these credentials.
    pub fn set_oauth_app(&self, client_id: &str, client_secret: &str) {
        self.shared
            .lock()
            .workspaces
            .set_app(client_id, client_secret);
    }

    /// `user` approves installing the app in `team` on Slack's consent
    /// page: returns the code Slack sends their browser back with.
    pub fn approve(&self, team: &str, user: &str) -> String {
        self.shared
            .lock()
            .workspaces
            .approve(team, None, false, user)
    }

    /// An org-wide install approved for the Enterprise Grid org `enterprise`.
    pub fn approve_org(&self, enterprise: &str, user: &str) -> String {
        self.shared
            .lock()
            .workspaces
            .approve(enterprise, Some(enterprise), true, user)
    }

    /// Token rotation: tokens issued from now on expire after `lifetime`
    /// and come with a refresh token.
    pub fn set_token_rotation(&self, lifetime: Option<Duration>) {
        self.shared.lock().workspaces.set_rotation(lifetime);
    }

    /// `channel` belongs to `team`: another team's token gets `channel_not_found`.
    pub fn set_channel_team(&self, channel: &str, team: &str) {
        self.shared
            .lock()
            .workspaces
            .set_channel_team(channel, team);
    }

    /// Revokes the tokens issued to `team` (an uninstall, as Slack sees it).
    pub fn revoke_team(&self, team: &str) {
        self.shared.lock().workspaces.revoke_team(team);
    }

    /// Every token `oauth.v2.access` issued, in clear.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.shared.lock().workspaces.issued_tokens()
    }

    /// The workspace a token was issued to, when this fake issued it.
    pub fn token_owner(&self, token: &str) -> Option<super::fake_workspaces::Installed> {
        self.shared.lock().workspaces.owner(token)
    }

    /// What `conversations.members` answers for `channel`.
    /// Points `apps.connections.open` at a test's WebSocket server.
    pub fn set_socket_url(&self, url: &str) {
        self.shared.lock().socket_url = Some(url.to_string());
    }

    /// The scopes `auth.test` reports in `x-oauth-scopes` (default: all the manifest's).
    pub fn set_oauth_scopes(&self, scopes: &str) {
        self.shared.lock().oauth_scopes = Some(scopes.to_string());
    }

    pub fn set_members(&self, channel: &str, members: Vec<&str>) {
        let members = members.into_iter().map(str::to_string).collect();
        self.shared
            .lock()
            .members
            .insert(channel.to_string(), members);
    }

    /// A file the workspace holds: `files.info` describes it (with the size
    /// of `bytes`, or `size` when given, to fake a large file cheaply) and
    /// its `url_private_download` serves `bytes` to a bot token.
    pub fn set_file(&self, id: &str, name: &str, filetype: &str, bytes: &[u8], size: Option<u64>) {
        let file = json!({
            "id": id,
            "name": name,
            "title": name,
            "filetype": filetype,
            "mimetype": if filetype == "vtt" { "text/vtt" } else { "text/plain" },
            "size": size.unwrap_or(bytes.len() as u64),
            "url_private": format!("{}/files-pri/{TEAM_ID}-{id}/{name}", self.shared.base_url),
            "url_private_download": format!("{}/files-pri/{TEAM_ID}-{id}/download/{name}", self.shared.base_url),
        });
        self.shared
            .lock()
            .files
            .insert(id.to_string(), (file, bytes.to_vec()));
    }

    /// The messages of `channel`, in any order, thread replies included (with
    /// `thread_ts`). `conversations.history` answers the top-level ones newest
    /// first; `conversations.replies` answers one thread, root first.
    pub fn set_history(&self, channel: &str, messages: Vec<Value>) {
        self.shared
            .lock()
            .history
            .insert(channel.to_string(), messages);
    }
}

// ------------------------------------------------------------------ HTTP side

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    if let Some(file_id) = path.strip_prefix("/upload/") {
        return upload(&shared, file_id, &headers, &body);
    }
    if let Some(rest) = path.strip_prefix("/files-pri/") {
        return download(&shared, rest, &headers);
    }
    let Some(api_method) = path.strip_prefix("/api/") else {
        return (
            StatusCode::NOT_FOUND,
            format!("fake Slack: no route for {method} {path}"),
        )
            .into_response();
    };
    let params = collect_params(uri.query(), &headers, &body);
    let token = bearer_token(&headers).or_else(|| {
        params
            .get("token")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let mut call = Call {
        method: api_method.trim_start_matches('/').to_string(),
        token,
        params,
        response: Value::Null,
        at: Instant::now(),
    };

    let failure = next_failure(&shared, &call.method);
    // Computed before `answer`, which takes the lock itself.
    let workspace_answer = shared.lock().workspaces.answer(&call, &headers);
    let response = match failure {
        Some(Failure::DoneThenServerError) => {
            answer(&shared, &call);
            failure_response(Failure::DoneThenServerError)
        }
        Some(failure) => {
            call.response = failure_body(&failure);
            failure_response(failure)
        }
        None => {
            call.response = workspace_answer.unwrap_or_else(|| answer(&shared, &call));
            let mut response = json_response(StatusCode::OK, call.response.clone());
            if call.method == "auth.test" {
                // Real Slack names the token's scopes in this header.
                let scopes = shared.lock().oauth_scopes.clone();
                // By default the manifest's, as a correctly installed app's token has.
                let scopes =
                    scopes.unwrap_or_else(|| scrumbot::check::manifest_bot_scopes().join(","));
                response
                    .headers_mut()
                    .insert("x-oauth-scopes", scopes.parse().unwrap());
            }
            response
        }
    };
    if call.method == "chat.postMessage" && call.response["ok"] == true {
        let hook = shared.lock().post_hook.clone();
        if let Some(work) = hook.and_then(|h| h(&call.response)) {
            work.await;
        }
    }
    // Recorded together with its answer, so a waiting test never sees one without the other.
    shared.lock().calls.push(call);
    response
}

/// The queued failure of this call to `method`, else its periodic one.
fn next_failure(shared: &Shared, method: &str) -> Option<Failure> {
    let mut inner = shared.lock();
    if let Some(failure) = inner.failures.get_mut(method).and_then(VecDeque::pop_front) {
        return Some(failure);
    }
    let (every, seen, failure) = inner.periodic.get_mut(method)?;
    *seen += 1;
    (*seen % *every == 0).then(|| failure.clone())
}

/// The raw-bytes POST of upload v2 (`files.getUploadURLExternal` hands out this URL).
fn upload(shared: &Shared, file_id: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let call = Call {
        method: "files.upload_url".to_string(),
        token: bearer_token(headers),
        params: json!({
            "file_id": file_id,
            "content_type": content_type,
            "length": body.len(),
            "_raw_body": String::from_utf8_lossy(body),
        }),
        response: Value::Null,
        at: Instant::now(),
    };
    shared.lock().calls.push(call);
    // Slack's upload endpoint answers in plain text.
    (StatusCode::OK, format!("OK - {}", body.len())).into_response()
}

/// `url_private_download`: like Slack, only a request with a token gets the
/// bytes (without one Slack answers its HTML sign-in page); recorded as
/// `files.download`. (Slack also checks the token may see the file; the fake
/// accepts any bot token.)
fn download(shared: &Shared, rest: &str, headers: &HeaderMap) -> Response {
    let token = bearer_token(headers);
    let id = rest
        .split('/')
        .next()
        .and_then(|p| p.split_once('-'))
        .map(|(_, id)| id.to_string())
        .unwrap_or_default();
    let file = shared.lock().files.get(&id).map(|(_, bytes)| bytes.clone());
    shared.lock().calls.push(Call {
        method: "files.download".to_string(),
        token: token.clone(),
        params: json!({"file": id}),
        response: Value::Null,
        at: Instant::now(),
    });
    match (token.filter(|t| t.starts_with("xoxb-")), file) {
        (Some(_), Some(bytes)) => (StatusCode::OK, bytes).into_response(),
        (None, _) => (StatusCode::OK, "<html>sign in</html>").into_response(),
        (Some(_), None) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(|token| token.trim().to_string())
}

/// Query string + body as one JSON object (body wins on clashes).
fn collect_params(query: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Value {
    let mut params = Map::new();
    if let Some(query) = query {
        params.extend(form_fields(query.as_bytes()));
    }
    if !body.is_empty() {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let json_body = || match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(fields)) => Some(fields),
            _ => None,
        };
        let parsed = if content_type.starts_with("application/json") {
            json_body()
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            Some(form_fields(body))
        } else if content_type.is_empty() {
            json_body().or_else(|| Some(form_fields(body)))
        } else {
            None // multipart and friends: kept raw below
        };
        match parsed {
            Some(fields) => params.extend(fields),
            None => {
                params.insert(
                    "_raw_body".to_string(),
                    Value::String(String::from_utf8_lossy(body).into_owned()),
                );
            }
        }
    }
    Value::Object(params)
}

fn form_fields(bytes: &[u8]) -> Map<String, Value> {
    url::form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect()
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn failure_response(failure: Failure) -> Response {
    match failure {
        Failure::RateLimited { retry_after_secs } => (
            StatusCode::TOO_MANY_REQUESTS,
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_string(),
                ),
                (header::RETRY_AFTER, retry_after_secs.to_string()),
            ],
            slack_error("ratelimited").to_string(),
        )
            .into_response(),
        Failure::ServerError | Failure::DoneThenServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain")],
            "Internal Server Error",
        )
            .into_response(),
        Failure::SlackError(error) => json_response(StatusCode::OK, slack_error(error)),
    }
}

/// The JSON body of a failure (`Null` for the plain-text HTTP 500).
fn failure_body(failure: &Failure) -> Value {
    match failure {
        Failure::RateLimited { .. } => slack_error("ratelimited"),
        Failure::ServerError | Failure::DoneThenServerError => Value::Null,
        Failure::SlackError(error) => slack_error(error),
    }
}

fn slack_error(error: &str) -> Value {
    json!({"ok": false, "error": error})
}

// ------------------------------------------------------------------ answers

fn answer(shared: &Shared, call: &Call) -> Value {
    match call.method.as_str() {
        "auth.test" => fixture_json("api/auth.test.json"),
        // Like Slack, an unknown bot id is `bot_not_found`.
        "bots.info" => match call.param("bot").as_deref() {
            Some("BBOT") => fixture_json("api/bots.info.json"),
            _ => slack_error("bot_not_found"),
        },
        "apps.connections.open" => {
            let mut res = fixture_json("api/apps.connections.open.json");
            if let Some(url) = shared.lock().socket_url.clone() {
                res["url"] = json!(url);
            }
            res
        }
        "chat.postMessage" => post_message(shared, call),
        "chat.postEphemeral" => {
            let mut res = fixture_json("api/chat.postEphemeral.json");
            res["message_ts"] = shared.next_ts().into();
            res
        }
        "chat.update" => update_message(call),
        "chat.getPermalink" => permalink(call),
        "conversations.open" => open_conversation(call),
        "conversations.members" => members(shared, call),
        "conversations.info" => channel_info(shared, call),
        "conversations.history" => history(shared, call),
        "conversations.replies" => replies(shared, call),
        "users.info" => user_info(shared, call),
        "users.list" => users_list(shared, call),
        "files.info" => {
            let id = call.param("file").unwrap_or_default();
            match shared.lock().files.get(&id) {
                Some((file, _)) => json!({"ok": true, "file": file}),
                None => slack_error("file_not_found"),
            }
        }
        "views.open" | "views.push" | "views.update" | "views.publish" => view(shared, call),
        "files.getUploadURLExternal" => {
            let file_id = format!("F{:04}", shared.next_seq());
            json!({
                "ok": true,
                "upload_url": format!("{}/upload/{file_id}", shared.base_url),
                "file_id": file_id,
            })
        }
        "files.completeUploadExternal" => {
            let files = match call.json_param("files") {
                Some(Value::Array(files)) => files,
                _ => return slack_error("invalid_arguments"),
            };
            let mut res = fixture_json("api/files.completeUploadExternal.json");
            res["files"] = Value::Array(files);
            res
        }
        "files.upload" => fixture_json("api/files.upload.json"),
        _ => json!({"ok": true}),
    }
}

/// Posting to a user id (`U…`/`W…`) lands in the DM with that user, and Slack
/// answers with the DM's `D…` id rather than the id that was sent.
fn conversation_for(channel: &str) -> String {
    if channel.starts_with('U') || channel.starts_with('W') {
        format!("D{channel}")
    } else {
        channel.to_string()
    }
}

/// Sets or removes `key` (a missing request value removes the fixture's value).
fn set_or_remove(target: &mut Value, key: &str, value: Option<Value>) {
    match value {
        Some(value) => target[key] = value,
        None => {
            if let Some(object) = target.as_object_mut() {
                object.remove(key);
            }
        }
    }
}

fn post_message(shared: &Shared, call: &Call) -> Value {
    let Some(channel) = call.param("channel").filter(|c| !c.is_empty()) else {
        return slack_error("channel_not_found");
    };
    let ts = shared.next_ts();
    let mut res = fixture_json("api/chat.postMessage.json");
    res["channel"] = conversation_for(&channel).into();
    res["ts"] = ts.clone().into();
    let message = &mut res["message"];
    message["ts"] = ts.into();
    message["text"] = call.param("text").unwrap_or_default().into();
    set_or_remove(message, "blocks", call.json_param("blocks"));
    set_or_remove(message, "attachments", call.json_param("attachments"));
    set_or_remove(
        message,
        "thread_ts",
        call.param("thread_ts").map(Value::from),
    );
    set_or_remove(message, "metadata", call.json_param("metadata"));
    let mut stored = message.clone();
    let conversation = conversation_for(&channel);
    stored["channel"] = conversation.clone().into();
    let mut inner = shared.lock();
    inner.posted.push(stored.clone());
    if inner.keep_posts {
        inner.history.entry(conversation).or_default().push(stored);
    }
    res
}

fn update_message(call: &Call) -> Value {
    let (Some(channel), Some(ts)) = (call.param("channel"), call.param("ts")) else {
        return slack_error("message_not_found");
    };
    let text = call.param("text").unwrap_or_default();
    let mut res = fixture_json("api/chat.update.json");
    res["channel"] = channel.into();
    res["ts"] = ts.into();
    res["text"] = text.clone().into();
    let message = &mut res["message"];
    message["text"] = text.into();
    set_or_remove(message, "blocks", call.json_param("blocks"));
    set_or_remove(message, "attachments", call.json_param("attachments"));
    // The fixture's thread details belong to the fixture's message, not this one.
    for key in [
        "thread_ts",
        "reply_count",
        "reply_users_count",
        "latest_reply",
        "reply_users",
        "is_locked",
    ] {
        set_or_remove(message, key, None);
    }
    res
}

fn permalink(call: &Call) -> Value {
    let (Some(channel), Some(ts)) = (call.param("channel"), call.param("message_ts")) else {
        return slack_error("message_not_found");
    };
    let mut res = fixture_json("api/chat.getPermalink.json");
    res["channel"] = channel.clone().into();
    res["permalink"] = format!(
        "https://acme.slack.com/archives/{channel}/p{}",
        ts.replace('.', "")
    )
    .into();
    res
}

fn open_conversation(call: &Call) -> Value {
    let users: Vec<String> = match call.json_param("users") {
        Some(Value::Array(users)) => users
            .iter()
            .filter_map(|u| u.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(users)) => users.split(',').map(|u| u.trim().to_string()).collect(),
        _ => Vec::new(),
    };
    let id = match (call.param("channel"), users.as_slice()) {
        (Some(channel), _) => channel,
        (None, [user]) => format!("D{user}"),
        (None, []) => return slack_error("users_list_not_supplied"),
        (None, many) => format!("G{}", many.join("")),
    };
    let return_im = matches!(call.param("return_im").as_deref(), Some("true" | "1"));
    if !return_im {
        // Without return_im Slack only says which conversation it is.
        return json!({"ok": true, "channel": {"id": id}});
    }
    let mut res = fixture_json("api/conversations.open.json");
    res["channel"]["id"] = id.into();
    match users.as_slice() {
        [user] => res["channel"]["user"] = user.clone().into(),
        _ => set_or_remove(&mut res["channel"], "user", None),
    }
    set_or_remove(&mut res, "no_op", None);
    set_or_remove(&mut res, "already_open", None);
    res
}

fn members(shared: &Shared, call: &Call) -> Value {
    let channel = call.param("channel").unwrap_or_default();
    let all: Vec<Value> = match shared.lock().members.get(&channel) {
        Some(members) => members.iter().map(|m| Value::from(m.as_str())).collect(),
        None => DEFAULT_MEMBERS.iter().map(|m| Value::from(*m)).collect(),
    };
    let page = match paginate(all, call, 100) {
        Ok(page) => page,
        Err(error) => return error,
    };
    let mut res = fixture_json("api/conversations.members.json");
    res["members"] = Value::Array(page.items);
    res["response_metadata"]["next_cursor"] = page.next_cursor.into();
    res
}

/// `conversations.info`: channels whose id starts with `G` are private (as
/// Slack's legacy private-channel ids were); the bot is a member where its
/// id is among the channel's members. Shape from Slack's documentation of
/// conversations.info (`channel.is_private`, `channel.is_member`).
fn channel_info(shared: &Shared, call: &Call) -> Value {
    let channel = call.param("channel").unwrap_or_default();
    let inner = shared.lock();
    // The bot asking: the one its token was issued to, else the fixtures' UBOT.
    let bot = call
        .token
        .as_deref()
        .and_then(|t| inner.workspaces.owner(t))
        .map_or_else(|| BOT_USER_ID.to_string(), |i| i.bot_user);
    let is_member = match inner.members.get(&channel) {
        Some(members) => members.contains(&bot),
        None => DEFAULT_MEMBERS.contains(&bot.as_str()),
    };
    drop(inner);
    // Slack always sends `created` (slack-morphism's `SlackChannelInfo` requires it).
    json!({ "ok": true, "channel": {
        "id": channel, "name": channel.to_lowercase(), "created": 1_700_000_000,
        "is_channel": true, "is_private": channel.starts_with('G'), "is_member": is_member,
    } })
}

fn history(shared: &Shared, call: &Call) -> Value {
    let channel = call.param("channel").unwrap_or_default();
    let mut messages: Vec<Value> = channel_messages(shared, &channel)
        .into_iter()
        .filter(|m| {
            // Thread replies stay out of history unless broadcast to the channel.
            let ts = m.get("ts").and_then(Value::as_str);
            let thread_ts = m.get("thread_ts").and_then(Value::as_str);
            thread_ts.is_none()
                || thread_ts == ts
                || m.get("subtype").and_then(Value::as_str) == Some("thread_broadcast")
        })
        .filter(|m| in_time_window(m, call))
        .map(|m| with_metadata_if_asked(m, call))
        .collect();
    messages.sort_by_key(|m| std::cmp::Reverse(ts_key(m)));
    let page = match paginate(messages, call, 100) {
        Ok(page) => page,
        Err(error) => return error,
    };
    let mut res = fixture_json("api/conversations.history.json");
    res["messages"] = Value::Array(page.items);
    res["has_more"] = page.has_more.into();
    res["response_metadata"]["next_cursor"] = page.next_cursor.into();
    res
}

fn replies(shared: &Shared, call: &Call) -> Value {
    let channel = call.param("channel").unwrap_or_default();
    let Some(thread) = call.param("ts") else {
        return slack_error("thread_not_found");
    };
    let mut messages: Vec<Value> = channel_messages(shared, &channel)
        .into_iter()
        .filter(|m| {
            m.get("ts").and_then(Value::as_str) == Some(thread.as_str())
                || m.get("thread_ts").and_then(Value::as_str) == Some(thread.as_str())
        })
        .map(|m| with_metadata_if_asked(m, call))
        .collect();
    if messages.is_empty() {
        return slack_error("thread_not_found");
    }
    messages.sort_by_key(ts_key);
    // Slack always returns the thread root first, even when `oldest` excludes it.
    let (root, rest): (Vec<Value>, Vec<Value>) = messages
        .into_iter()
        .partition(|m| m.get("ts").and_then(Value::as_str) == Some(thread.as_str()));
    let messages = root
        .into_iter()
        .chain(rest.into_iter().filter(|m| in_time_window(m, call)))
        .collect();
    let page = match paginate(messages, call, 1000) {
        Ok(page) => page,
        Err(error) => return error,
    };
    let mut res = fixture_json("api/conversations.replies.json");
    res["messages"] = Value::Array(page.items);
    res["has_more"] = page.has_more.into();
    res["response_metadata"]["next_cursor"] = page.next_cursor.into();
    res
}

/// Slack returns a message's `metadata` only to `include_all_metadata=true`.
fn with_metadata_if_asked(mut message: Value, call: &Call) -> Value {
    if !matches!(
        call.param("include_all_metadata").as_deref(),
        Some("true" | "1")
    ) {
        set_or_remove(&mut message, "metadata", None);
    }
    message
}

fn channel_messages(shared: &Shared, channel: &str) -> Vec<Value> {
    shared
        .lock()
        .history
        .get(channel)
        .cloned()
        .unwrap_or_default()
}

/// `ts` as a sortable number (seconds, micros); Slack ts strings are fixed-point.
fn ts_key(message: &Value) -> (u64, u64) {
    parse_ts(message.get("ts").and_then(Value::as_str).unwrap_or(""))
}

fn parse_ts(ts: &str) -> (u64, u64) {
    let (secs, micros) = ts.split_once('.').unwrap_or((ts, "0"));
    (secs.parse().unwrap_or(0), micros.parse().unwrap_or(0))
}

/// `oldest` / `latest` bounds, exclusive unless `inclusive=true` (as in Slack).
fn in_time_window(message: &Value, call: &Call) -> bool {
    let ts = ts_key(message);
    let inclusive = matches!(call.param("inclusive").as_deref(), Some("true" | "1"));
    let after_oldest = call
        .param("oldest")
        .map(|o| parse_ts(&o))
        .is_none_or(|oldest| if inclusive { ts >= oldest } else { ts > oldest });
    let before_latest = call
        .param("latest")
        .map(|l| parse_ts(&l))
        .is_none_or(|latest| if inclusive { ts <= latest } else { ts < latest });
    after_oldest && before_latest
}

struct Page {
    items: Vec<Value>,
    has_more: bool,
    /// `""` on the last page, as Slack does.
    next_cursor: String,
}

/// Cursor pagination: `limit` items per page, `cursor` from the previous page's
/// `response_metadata.next_cursor`. The cursor is opaque to callers, as in Slack.
fn paginate(items: Vec<Value>, call: &Call, default_limit: usize) -> Result<Page, Value> {
    let limit = call
        .param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|&l| l > 0)
        .unwrap_or(default_limit);
    let offset = match call.param("cursor").filter(|c| !c.is_empty()) {
        None => 0,
        Some(cursor) => match cursor
            .strip_prefix("fake_offset_")
            .and_then(|o| o.parse().ok())
        {
            Some(offset) => offset,
            None => return Err(slack_error("invalid_cursor")),
        },
    };
    let total = items.len();
    let end = total.min(offset + limit);
    let items = items.into_iter().skip(offset).take(limit).collect();
    let has_more = end < total;
    let next_cursor = if has_more {
        format!("fake_offset_{end}")
    } else {
        String::new()
    };
    Ok(Page {
        items,
        has_more,
        next_cursor,
    })
}

/// The fixture's user re-labelled as `id`, with no status set.
fn default_user(id: &str) -> Value {
    let mut user = fixture_json("api/users.info.json")["user"].take();
    let name = id.to_lowercase();
    let real_name = format!("User {id}");
    merge(
        &mut user,
        json!({
            "id": id,
            "name": name,
            "real_name": real_name,
            "tz": "Europe/Berlin",
            "is_bot": false,
            "deleted": false,
            "profile": {
                "real_name": real_name,
                "real_name_normalized": real_name,
                "display_name": name,
                "display_name_normalized": name,
                "first_name": "User",
                "last_name": id,
                "email": format!("{name}@acme.example"),
                "status_text": "",
                "status_emoji": "",
                "status_expiration": 0,
            },
        }),
    );
    user
}

fn user_info(shared: &Shared, call: &Call) -> Value {
    let Some(id) = call.param("user").filter(|u| !u.is_empty()) else {
        return slack_error("user_not_found");
    };
    let user = shared
        .lock()
        .users
        .get(&id)
        .cloned()
        .unwrap_or_else(|| default_user(&id));
    let mut res = fixture_json("api/users.info.json");
    res["user"] = user;
    res
}

/// `users.list`: every user set with [`FakeSlack::set_user`] and the
/// default members, by id, paginated like Slack.
fn users_list(shared: &Shared, call: &Call) -> Value {
    let mut users: Vec<Value> = {
        let inner = shared.lock();
        let mut users: Vec<Value> = inner.users.values().cloned().collect();
        for id in DEFAULT_MEMBERS {
            if !inner.users.contains_key(id) {
                users.push(default_user(id));
            }
        }
        users
    };
    users.sort_by_key(|u| u["id"].as_str().unwrap_or_default().to_string());
    let page = match paginate(users, call, 100) {
        Ok(page) => page,
        Err(error) => return error,
    };
    json!({
        "ok": true,
        "members": page.items,
        "response_metadata": {"next_cursor": page.next_cursor},
    })
}

/// views.open / push / update / publish: the submitted view, completed with the
/// fields Slack adds (id, hash, state, app and bot ids).
fn view(shared: &Shared, call: &Call) -> Value {
    let Some(Value::Object(submitted)) = call.json_param("view") else {
        return slack_error("invalid_arguments");
    };
    let publish = call.method == "views.publish";
    let fixture = if publish {
        "api/views.publish.json"
    } else {
        "api/views.open.json"
    };
    let mut res = fixture_json(fixture);
    let view = &mut res["view"];
    // Content comes from the request only; identity fields from the fixture.
    merge(
        view,
        json!({
            "blocks": [], "private_metadata": "", "callback_id": "", "external_id": "",
            "title": null, "submit": null, "close": null,
        }),
    );
    let id = match call.param("view_id") {
        Some(id) if call.method == "views.update" => id,
        _ => format!("V{:04}", shared.next_seq()),
    };
    view["id"] = id.clone().into();
    view["root_view_id"] = id.into();
    view["hash"] = format!("{}.fakehash", shared.next_ts()).into();
    view["state"] = json!({"values": {}});
    for (key, value) in submitted {
        view[key.as_str()] = value;
    }
    res
}
